// transaction_applier.cc: the steps where DDL is transactional
// (PostgreSQL, SQLite): each step in one transaction with its version and
// history rows, rolled back whole when it fails.
#include "core/engine/apply/step_parts.h"

#include "absl/strings/str_cat.h"
#include "core/backend/database_error.h"

namespace aos::engine {
namespace {

// One step in one transaction with its version and history; rolled back
// whole when it fails. `lock_seconds` > 0: how long (SET LOCAL
// lock_timeout) a statement may wait for a lock in this attempt.
absl::Status TryInTransaction(Applying& c, PreparedStep& ready,
                              int lock_seconds) {
  const PlannedStep& step = *ready.planned;
  if (absl::Status st = c.db.Begin(); !st.ok()) return st;
  absl::Status outcome = absl::OkStatus();
  if (lock_seconds > 0) {
    outcome = c.db.Execute(
        absl::StrCat("SET LOCAL lock_timeout = '", lock_seconds, "s'"));
  }
  if (outcome.ok()) outcome = c.history.Begin(&ready.record);
  int64_t completed = 0;
  if (outcome.ok()) outcome = RunStatements(c, ready, &completed);
  if (outcome.ok()) {
    backend::BoundStatement record = VersionRecord(c, step.to_version);
    outcome = c.db.Execute(record.sql, record.params);
  }
  if (outcome.ok()) outcome = c.history.Finish(true, "");
  if (outcome.ok()) outcome = c.db.Commit();
  if (outcome.ok()) {
    c.version_row_written = true;
    return outcome;
  }
  (void)c.db.Rollback();
  return outcome;
}

// TryInTransaction; on PostgreSQL a step with DDL waits for a lock
// `ddl_lock_wait_seconds` at a time and is tried again, with backoff, up
// to lock_wait_timeout in all (a waiting ALTER TABLE queues every later
// query on its table behind it). A failure is recorded in the history.
absl::Status ApplyOneInTransaction(Applying& c, PreparedStep& ready) {
  LockWaitRetry how = LockWaits(c, "the step was rolled back whole");
  how.tables = DdlTables(ready.statements);
  const bool retries = c.db.dialect() == "postgresql" && !how.tables.empty() &&
                       how.attempt_seconds < how.total_seconds;
  c.lock_waits_explained = retries;
  absl::Status outcome =
      retries
          ? RetryOnLockWait(
                how,
                [&] { return TryInTransaction(c, ready, how.attempt_seconds); })
          : TryInTransaction(c, ready, 0);
  if (outcome.ok()) return outcome;
  StepRecord failed = ready.record;
  if (c.history.EnsureTable().ok() && c.history.Begin(&failed).ok()) {
    (void)c.history.Finish(
        false, c.redact(absl::StrCat("rolled back: ", outcome.message())));
  }
  return outcome;
}

}  // namespace

absl::Status ApplyEachInTransaction(Applying& c,
                                    const std::vector<PlannedStep>& plan,
                                    int64_t* reached) {
  for (size_t i = 0; i < plan.size(); ++i) {
    const PlannedStep& step = plan[i];
    absl::StatusOr<PreparedStep> ready = Prepare(plan, i, c.db.dialect());
    if (!ready.ok())
      return backend::WithContext(ready.status(), StepPhase(step));
    ShowProgress(c, step);
    StepTimer timer(c, step);
    if (absl::Status st = ApplyOneInTransaction(c, *ready); !st.ok()) {
      return backend::WithContext(st, StepPhase(step));
    }
    *reached = step.to_version;
    timer.Done();
  }
  return absl::OkStatus();
}

}  // namespace aos::engine
