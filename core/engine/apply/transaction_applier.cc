// transaction_applier.cc: the steps where DDL is transactional
// (PostgreSQL, SQLite): each step in one transaction with its version and
// history rows, rolled back whole when it fails. On PostgreSQL a step with
// a batched DML statement (issue 28) commits in segments instead
// (postgresql_segments.cc): its version row still only with its end.
#include "absl/strings/str_cat.h"
#include "core/backend/database_error.h"
#include "core/engine/apply/batched_statement.h"
#include "core/engine/apply/step_parts.h"
#include "core/engine/batch/batch_progress.h"

namespace aos::engine {
namespace {

// What opens the step's (first) transaction: its lock wait, the attempt
// it resumes closed (PostgreSQL, from its progress row), its history row.
absl::Status OpenStep(Applying& c, PreparedStep& ready, int lock_seconds) {
  absl::Status outcome = absl::OkStatus();
  if (lock_seconds > 0) {
    outcome = c.db.Execute(
        absl::StrCat("SET LOCAL lock_timeout = '", lock_seconds, "s'"));
  }
  if (outcome.ok() && c.close_interrupted && ready.plan_index == 0) {
    backend::BoundStatement close = c.history.CloseInterruptedStatement();
    outcome = c.db.Execute(close.sql, close.params);
  }
  if (outcome.ok()) outcome = c.history.Begin(&ready.record);
  return outcome;
}

// One step in one transaction with its version and history; rolled back
// whole when it fails (in segments: what is not committed yet). `lock_seconds`
// > 0: how long (SET LOCAL lock_timeout) a statement may wait for a lock
// in this attempt.
absl::Status TryInTransaction(Applying& c, PreparedStep& ready, int lock_seconds,
                              bool segments) {
  const PlannedStep& step = *ready.planned;
  if (absl::Status st = c.db.Begin(); !st.ok()) return st;
  absl::Status outcome = OpenStep(c, ready, lock_seconds);
  int64_t completed = 0;
  if (outcome.ok()) outcome = RunStatements(c, ready, &completed);
  if (outcome.ok()) {
    backend::BoundStatement record = VersionRecord(c, step.to_version);
    outcome = c.db.Execute(record.sql, record.params);
  }
  if (outcome.ok()) outcome = c.history.Finish(true, "");
  if (outcome.ok() && segments) {
    backend::BoundStatement done = SegmentsDone(c);
    outcome = c.db.Execute(done.sql, done.params);
  }
  if (outcome.ok()) outcome = c.db.Commit();
  if (outcome.ok()) {
    c.version_row_written = true;
    return outcome;
  }
  (void)c.db.Rollback();
  return outcome;
}

// Records a failed step: a step run in segments fails the history row its
// first segment committed, with the statements that took effect; another
// gets a row of its own, outside its rolled-back transaction.
void RecordFailure(Applying& c, const PreparedStep& ready,
                   const absl::Status& outcome) {
  if (c.segment_done) {
    (void)c.history.Fail(
        *c.segment_done,
        c.redact(absl::StrCat(*c.segment_done, " of its statements took effect, "
                              "the rest was rolled back (the next run resumes "
                              "at statement ", *c.segment_done + 1, "): ",
                              outcome.message())));
    return;
  }
  StepRecord failed = ready.record;
  if (c.history.EnsureTable().ok() && c.history.Begin(&failed).ok()) {
    (void)c.history.Finish(
        false, c.redact(absl::StrCat("rolled back: ", outcome.message())));
  }
}

// TryInTransaction; on PostgreSQL a step with DDL waits for a lock
// `ddl_lock_wait_seconds` at a time and is tried again, with backoff, up
// to lock_wait_timeout in all (a waiting ALTER TABLE queues every later
// query on its table behind it), unless it runs in segments (what one
// committed would run again). A failure is recorded in the history.
absl::Status ApplyOneInTransaction(Applying& c, PreparedStep& ready) {
  c.segment_done.reset();
  const bool segments = RunsInSegments(c, ready);
  if (segments) {
    // Before the step's transaction: a failed query would end it.
    if (absl::Status st = BatchProgress::EnsureTable(c.db); !st.ok()) return st;
  }
  LockWaitRetry how = LockWaits(c, "the step was rolled back whole");
  how.tables = DdlTables(ready.statements);
  const bool retries = c.db.dialect() == "postgresql" && !segments &&
                       !how.tables.empty() &&
                       how.attempt_seconds < how.total_seconds;
  c.lock_waits_explained = retries;
  absl::Status outcome =
      retries ? RetryOnLockWait(how,
                                [&] {
                                  return TryInTransaction(
                                      c, ready, how.attempt_seconds, false);
                                })
              : TryInTransaction(c, ready, 0, segments);
  if (!outcome.ok()) RecordFailure(c, ready, outcome);
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
    // PostgreSQL: a step an earlier run left part-way in segments goes on
    // where its progress row says (module_state.cc).
    if (i == 0 && c.resume_at > 0 &&
        c.resume_at <= static_cast<int64_t>(ready->statements.size())) {
      ready->record.statements_done = c.resume_at;
    }
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
