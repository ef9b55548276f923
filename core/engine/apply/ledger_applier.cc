// ledger_applier.cc: the steps where DDL commits by itself (MySQL,
// MariaDB): statement by statement, each recorded in the statement ledger
// (statement_ledger.h) so that an interrupted step resumes exactly at its
// first statement not applied, and each step in a fresh session.
#include "core/engine/apply/step_parts.h"

#include "absl/strings/str_cat.h"
#include "core/backend/database_error.h"
#include "core/engine/session/session_resume.h"

namespace aos::engine {
namespace {

// What starts `ready` in the bookkeeping: its history row, and on MySQL
// its ledger row and the record of its first statement to run.
absl::StatusOr<std::vector<backend::BoundStatement>> StepStart(
    Applying& c, PreparedStep& ready) {
  std::vector<backend::BoundStatement> start = {
      c.history.BeginStatement(&ready.record)};
  if (c.ledger == nullptr) return start;
  // Each step starts in a fresh session, as its first step in a run of its
  // own would (a user variable a step left is not the next step's input),
  // so a step writes the same values however the runs are split. Its
  // variables as they stand then (none: no round trip, the owned checked).
  if (ready.plan_index > 0) {
    if (absl::Status st = c.step_db.ResetSession(); !st.ok()) return st;
  }
  c.guard.StartStep(ready.names);
  c.guard.set_state({});
  if (!ready.names.empty()) {
    if (absl::Status st = c.guard.Check(c.step_db, false); !st.ok()) return st;
  }
  const size_t first = ready.record.statements_done;
  start.push_back(c.ledger->Start(ready.record.version, ready.record.direction,
                                  ready.statements, first));
  if (first < ready.statements.size()) {
    absl::StatusOr<backend::BoundStatement> before =
        BeforeStatement(c, ready, first);
    if (!before.ok()) return before.status();
    start.push_back(*std::move(before));
  }
  return start;
}

// The statements that record `step` done and `next_start` (the next
// step's start, StepStart) in one transaction; after the last step the
// ledger row goes.
std::vector<backend::BoundStatement> StepDone(
    Applying& c, const PlannedStep& step,
    std::vector<backend::BoundStatement> next_start, bool last) {
  std::vector<backend::BoundStatement> done = {{"BEGIN", {}}};
  done.push_back(VersionRecord(c, step.to_version));
  done.push_back(c.history.FinishStatement(true, ""));
  for (backend::BoundStatement& s : next_start) done.push_back(std::move(s));
  if (last && c.ledger != nullptr) done.push_back(c.ledger->Clear());
  done.push_back({"COMMIT", {}});
  return done;
}

// Records the first step started (after closing the interrupted attempt
// it resumes, if any), in one transaction.
absl::Status BeginFirst(Applying& c, PreparedStep& ready) {
  absl::StatusOr<std::vector<backend::BoundStatement>> start =
      StepStart(c, ready);
  if (!start.ok()) return start.status();
  std::vector<backend::BoundStatement> all = {{"BEGIN", {}}};
  if (c.close_interrupted) all.push_back(c.history.CloseInterruptedStatement());
  for (backend::BoundStatement& s : *start) all.push_back(std::move(s));
  all.push_back({"COMMIT", {}});
  return Bookkeep(c, all);
}

// Prepare, with the variables the step names (MySQL).
absl::StatusOr<PreparedStep> PrepareInSequence(
    Applying& c, const std::vector<PlannedStep>& plan, size_t index) {
  absl::StatusOr<PreparedStep> ready = Prepare(plan, index, c.db.dialect());
  if (ready.ok() && c.ledger != nullptr) {
    ready->names = StepNames(c.db, ready->statements);
  }
  return ready;
}

// The step connection's session before the first step: what the tool owns
// of it read, and a resumed step's session restored (its statements to
// run again run first, checked as any).
absl::Status SetUpSession(Applying& c, const PreparedStep& ready) {
  if (c.ledger == nullptr) return absl::OkStatus();
  if (absl::Status st = c.guard.Open(c.step_db); !st.ok()) return st;
  if (!c.session_resume.recorded) return absl::OkStatus();
  absl::StatusOr<SessionState> restored =
      RestoreSession(c.step_db, *c.session_resume.recorded, ready.names);
  c.step_db.ForgetLockWaitTimeout();  // the step may have recorded it
  if (!restored.ok()) return restored.status();
  c.guard.StartStep(ready.names);
  for (int64_t k : c.session_resume.replay) {
    if (k < 1 || k > static_cast<int64_t>(ready.statements.size())) continue;
    if (absl::Status st = RunOne(c, ready, static_cast<size_t>(k - 1));
        !st.ok()) {
      return backend::WithContext(
          st, absl::StrCat("statement ", k, " of ", ready.statements.size(),
                           ", run again to restore the session: "));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ApplyInSequence(Applying& c,
                             const std::vector<PlannedStep>& plan,
                             int64_t* reached) {
  absl::StatusOr<PreparedStep> ready = PrepareInSequence(c, plan, 0);
  if (!ready.ok()) {
    return backend::WithContext(ready.status(), StepPhase(plan.front()));
  }
  if (c.resume_at > 0 &&
      c.resume_at <= static_cast<int64_t>(ready->statements.size())) {
    ready->record.statements_done = c.resume_at;
  }
  if (absl::Status st = SetUpSession(c, *ready); !st.ok()) {
    return backend::WithContext(st, StepPhase(plan.front()));
  }
  if (absl::Status st = BeginFirst(c, *ready); !st.ok()) {
    return backend::WithContext(st, StepPhase(plan.front()));
  }
  for (size_t i = 0; i < plan.size(); ++i) {
    const PlannedStep& step = plan[i];
    ShowProgress(c, step);
    StepTimer timer(c, step);
    int64_t completed = 0;
    absl::Status outcome = RunStatements(c, *ready, &completed);
    if (c.crashed) return outcome;  // a crash records nothing more
    if (!outcome.ok()) {
      (void)c.history.Fail(completed, c.redact(std::string(outcome.message())));
      return backend::WithContext(outcome, StepPhase(step));
    }
    const bool last = i + 1 == plan.size();
    absl::StatusOr<PreparedStep> next = absl::CancelledError();
    absl::StatusOr<std::vector<backend::BoundStatement>> next_start =
        std::vector<backend::BoundStatement>{};
    if (!last) next = PrepareInSequence(c, plan, i + 1);
    if (next.ok()) next_start = StepStart(c, *next);
    if (!next_start.ok()) next = next_start.status();
    absl::Status st =
        Bookkeep(c, StepDone(c, step,
                             next.ok() ? *std::move(next_start)
                                       : std::vector<backend::BoundStatement>{},
                             last));
    if (!st.ok()) {
      // Every statement took effect; only its record did not.
      (void)c.history.Fail(static_cast<int64_t>(ready->statements.size()),
                           c.redact(std::string(st.message())));
      return backend::WithContext(st, StepPhase(step));
    }
    c.version_row_written = true;
    *reached = step.to_version;
    timer.Done();
    if (!last) {
      if (!next.ok()) {
        return backend::WithContext(next.status(), StepPhase(plan[i + 1]));
      }
      ready = std::move(next);
    }
  }
  return absl::OkStatus();
}

}  // namespace aos::engine
