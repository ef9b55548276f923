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
// up to the last key done; chunks 0 says only where the step stands.
//
// The last key done, of any primary key (sql/key_range.h): `done_after`
// holds its value exactly (each column's text, netstrings; MySQL: in a
// BLOB, no character set touches it; "" when no chunk is done) and
// `key_columns` the key it is a value of (RangeKey::Signature: names,
// types, collations), so that a resume never reads it as a value of
// another key. `done_key` (BIGINT) holds it too when the key is one
// integer column (else 0), as a release before composite keys wrote and
// reads it; a row such a release wrote (done_after NULL) is read as that
// integer, with no key_columns.
#ifndef AOS_CORE_ENGINE_BATCH_BATCH_PROGRESS_H_
#define AOS_CORE_ENGINE_BATCH_BATCH_PROGRESS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/sql/key_range.h"

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
  std::string key;     // key_columns; "" in a row of an earlier release
  sql::KeyValue done;  // every key at or before this is done
  int64_t rows_done = 0;
  int64_t chunks = 0;
};

class BatchProgress {
 public:
  explicit BatchProgress(std::string repository_id, std::string dialect = "mysql")
      : repository_id_(std::move(repository_id)), dialect_(std::move(dialect)) {}

  // Creates the table, or adds the columns an earlier release's lacks.
  static absl::Status EnsureTable(backend::Database& db);
  // The module's row; nullopt when none (or no table). Fails (DataLoss)
  // on a done_after that is not as Record writes it.
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
