// history_store.h: our own record of every step, in `aos_migration_history`:
// module (repository_id), version, direction, checksum of the step's
// content, start, end, outcome, error and how many of its statements ran.
//
// A row is written "running" before a step's first statement and closed
// after its last, so a step that started and never finished (process killed,
// server gone, power lost) is still "running" on the next run, which then
// refuses to go on until the operator repairs the database and records its
// real version (--mark-version). A step that failed is closed "failed" with
// the count of its statements that ran before the one that failed; the next
// run resumes it there (resume_point.h).
#ifndef AOS_CORE_ENGINE_BOOKKEEPING_HISTORY_STORE_H_
#define AOS_CORE_ENGINE_BOOKKEEPING_HISTORY_STORE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "core/backend/database.h"

namespace aos::engine {

inline constexpr char kHistoryTable[] = "aos_migration_history";

struct StepRecord {
  int64_t version = 0;
  std::string direction;  // "upgrade", "downgrade" or "mark"
  std::string checksum;   // sha256 of the step's content, hex
  std::string started_at;
  int64_t statements_done = 0;
  int64_t statements_total = 0;
  std::string host;
  int64_t pid = 0;
  std::string error;  // a failed step's, as recorded (read back only)
};

// What a run reads of the history before it decides anything.
struct HistoryState {
  std::optional<StepRecord> interrupted;        // the newest, if any
  // The module's newest step, when it failed: on MySQL its statements
  // before `statements_done` took effect (see resume_point.h).
  std::optional<StepRecord> failed;
  // Checksum of each version's last successful upgrade since the last
  // operator repair (--mark-version), by version.
  std::map<int64_t, std::string> applied;
};

// A module's rows are written only by the run holding its lock, and a run
// refuses to start while a step is "running" (until --mark-version closes
// it), so the module's one "running" row is the step in progress.
class HistoryStore {
 public:
  HistoryStore(backend::Database& db, std::string repository_id)
      : db_(db), repository_id_(std::move(repository_id)) {}

  absl::Status EnsureTable();

  // The newest step of this module that started and never finished.
  absl::StatusOr<std::optional<StepRecord>> FindInterrupted();

  // The above and the applied checksums, in one query.
  absl::StatusOr<HistoryState> ReadState();
  // ReadState in two halves, for a caller that sends the query with others
  // (one round trip); the query fails when the table does not exist.
  backend::BoundStatement StateQuery() const;
  static HistoryState ParseState(const std::vector<backend::Row>& rows);

  // Records a step as running, `statements_done` of its statements already
  // applied (by an earlier attempt it resumes); fills in its start, host
  // and pid.
  absl::Status Begin(StepRecord* record);
  absl::Status Progress(int64_t statements_done);
  absl::Status Finish(bool ok, const std::string& error);
  // Records the running step failed after `statements_done` of its
  // statements took effect.
  absl::Status Fail(int64_t statements_done, const std::string& error);

  // The statements of Begin and Finish, to send with others (one round
  // trip, one transaction: see module_migrator.cc).
  backend::BoundStatement BeginStatement(StepRecord* record) const;
  backend::BoundStatement FinishStatement(bool ok,
                                          const std::string& error) const;
  backend::BoundStatement ProgressStatement(int64_t statements_done) const;
  // Closes the module's "running" row as "interrupted": a new attempt
  // resumes that step (resume_point.h).
  backend::BoundStatement CloseInterruptedStatement() const;

  // Records an operator's repair: closes interrupted rows as "repaired" and
  // adds a "mark" row for `version`.
  absl::Status RecordMark(int64_t version);

 private:
  backend::Database& db_;
  std::string repository_id_;
};

// A number read from a row of the bookkeeping (0 for NULL or not a number).
int64_t RowInt(const std::optional<std::string>& value);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_BOOKKEEPING_HISTORY_STORE_H_
