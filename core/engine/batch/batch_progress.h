// batch_progress.h: where a batched statement (issue 28, batch_runner.h)
// is, in `aos_migration_batches` (one row a module): the step and
// statement, a digest of its text, the last key done, and the rows and
// chunks done. Each chunk's transaction writes it with the chunk's own
// changes, so after a kill the row says exactly which chunks took effect.
// MySQL/MariaDB: the last chunk's transaction deletes it with the
// statement ledger's record that the statement is done
// (statement_ledger.h). PostgreSQL, which keeps no ledger, keeps the row
// for the whole step instead (apply/postgresql_segments.cc): statements
// 1 .. statement-1 took effect, and with chunks > 0 statement `statement`
// up to done_key; chunks 0 says only where the step stands.
#ifndef AOS_CORE_ENGINE_BATCH_BATCH_PROGRESS_H_
#define AOS_CORE_ENGINE_BATCH_BATCH_PROGRESS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "core/backend/database.h"

namespace aos::engine {

inline constexpr char kBatchesTable[] = "aos_migration_batches";

// Which statement of which step.
struct BatchPlace {
  int64_t version = 0;
  std::string direction;
  int64_t statement = 0;  // from 1
  std::string digest;     // StatementDigest of its text
};

struct BatchRow {
  BatchPlace place;
  int64_t done_key = 0;  // every key <= this is done
  int64_t rows_done = 0;
  int64_t chunks = 0;
};

class BatchProgress {
 public:
  explicit BatchProgress(std::string repository_id, std::string dialect = "mysql")
      : repository_id_(std::move(repository_id)), dialect_(std::move(dialect)) {}

  static absl::Status EnsureTable(backend::Database& db);
  // The module's row; nullopt when none (or no table).
  absl::StatusOr<std::optional<BatchRow>> Read(backend::Database& db) const;
  // Records `row` (inside a chunk's transaction).
  backend::BoundStatement Record(const BatchRow& row) const;
  // No statement is part-way (the last chunk's transaction).
  backend::BoundStatement Clear() const;

 private:
  std::string repository_id_;
  std::string dialect_;  // of the statements Record and Clear give
};

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_BATCH_BATCH_PROGRESS_H_
