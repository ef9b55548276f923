#include "core/engine/apply/step_applier.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "core/backend/database_error.h"
#include "core/engine/apply/code_step_host.h"
#include "core/engine/apply/lock_wait_retry.h"
#include "core/engine/apply/step_parts.h"
#include "core/engine/archive/archive_plan.h"
#include "core/engine/bookkeeping/step_checksum.h"
#include "core/engine/bookkeeping/version_store.h"
#include "core/engine/preflight/preflight.h"
#include "core/engine/resume/schema_fingerprint.h"
#include "core/sql/statement_kind.h"
#include "core/sql/statement_splitter.h"

namespace aos::engine {
namespace {

// Runs one bookkeeping transaction (BEGIN ... COMMIT in `txn`), again when
// it was chosen as a deadlock victim or lost Galera's certification: it
// only writes the tool's own rows, so running it again is always right.
absl::Status Bookkeep(ApplyContext& c,
                      const std::vector<backend::BoundStatement>& txn) {
  absl::Status st;
  absl::Duration pause = absl::Milliseconds(20);
  for (int attempt = 1; attempt <= 8; ++attempt) {  // ~5 s in all
    st = c.db.ExecuteAll(txn);
    if (st.ok()) return st;
    (void)c.db.Rollback();
    if (backend::CategoryOf(st) != backend::ErrorCategory::kDeadlock) break;
    absl::SleepFor(pause);
    pause = std::min(pause * 2, absl::Seconds(1));
  }
  return st;
}

// Statement `index` (0-based) of `ready` is about to run: its ledger
// record (kind, and for DDL the fingerprint of what it touches).
absl::StatusOr<backend::BoundStatement> BeforeStatement(
    ApplyContext& c, const PreparedStep& ready, size_t index) {
  const std::string& text = ready.statements[index].text;
  const sql::StatementKind kind = sql::ClassifyStatement(text);
  std::string fingerprint;
  if (kind == sql::StatementKind::kDdl) {
    absl::StatusOr<DdlProof> f = DdlFingerprint(c.db, text);
    if (!f.ok()) return f.status();
    fingerprint = std::move(f->fingerprint);
  }
  const char* recorded = sql::StatementKindName(kind);
  if (kind == sql::StatementKind::kOther && NotReplayableReason(text).empty()) {
    recorded = "replay";  // session_statements.h
  }
  return c.ledger->Before(index + 1, recorded, fingerprint, c.session,
                          c.guard.Encoded());
}

// A DML statement in one transaction with its ledger record: the session
// checked, and the variables it left recorded, before it commits.
absl::Status RunDml(ApplyContext& c, const std::string& text, size_t index) {
  absl::Status st = c.step_db.ExecuteAll({{"BEGIN", {}}, {text, {}}});
  if (st.ok()) st = c.guard.Check(c.step_db, /*in_transaction=*/true);
  if (st.ok()) {
    st = c.step_db.ExecuteAll(
        {c.ledger->DmlDone(index + 1, c.guard.Encoded()), {"COMMIT", {}}});
  }
  if (!st.ok()) (void)c.step_db.Rollback();
  return st;
}

// Runs one statement on the step's connection; a DML statement commits in
// one transaction with its ledger record, a DDL statement as ddl_cost.h
// decided (the server's algorithm written in, or online). On MySQL the
// session is checked after it (session_guard.h).
absl::Status RunOne(ApplyContext& c, const PreparedStep& ready, size_t index) {
  const std::string& text = ready.statements[index].text;
  const sql::StatementKind kind = sql::ClassifyStatement(text);
  if (c.ledger == nullptr) return c.step_db.Execute(text, {});
  if (kind == sql::StatementKind::kDml) return RunDml(c, text, index);
  absl::Status st;
  const StatementRun* run = RunOf(c, ready, index);
  if (kind != sql::StatementKind::kDdl) {
    st = c.step_db.Execute(text, {});
  } else if (run != nullptr && run->online && c.run_online) {
    st = c.run_online(*run);
  } else {
    // A short wait for a metadata lock at a time: between attempts the
    // sessions queued behind it run; the failure names who holds it.
    st = RunDdlWithLockRetries(
        c.step_db, run != nullptr && !run->text.empty() ? run->text : text,
        LockWaits(c, "nothing of the statement took effect"));
  }
  if (!st.ok()) return st;
  return c.guard.Check(c.step_db, /*in_transaction=*/false);
}

// Records, before statement `index` (not the step's first to run, which
// its Begin records), the progress so far and what runs next.
absl::Status RecordProgress(ApplyContext& c, const PreparedStep& ready,
                            size_t index) {
  if (c.ledger == nullptr) return c.history.Progress(index);
  absl::StatusOr<backend::BoundStatement> before =
      BeforeStatement(c, ready, index);
  if (!before.ok()) return before.status();
  return Bookkeep(c, {{"BEGIN", {}},
                      c.history.ProgressStatement(index),
                      *std::move(before),
                      {"COMMIT", {}}});
}

// Whether the conformance kit's crash point is at statement `index` of
// `ready`, before or `after` it.
bool CrashesHere(const ApplyContext& c, const PreparedStep& ready, size_t index,
                 bool after) {
  return c.crash_at && ready.planned->upgrade &&
         c.crash_at->version == ready.record.version &&
         c.crash_at->statement == static_cast<int64_t>(index) + 1 &&
         c.crash_at->after == after;
}

absl::Status Crashed(ApplyContext& c) {
  c.crashed = true;
  return absl::AbortedError("stopped as by a crash (conformance kit)");
}

// The pre-flight (preflight.h) of `ready` before its first statement to
// run (`index` nullopt), or right before statement `index`; a refusal
// comes back as it is, naming the statement itself.
absl::Status PreflightBefore(ApplyContext& c, const PreparedStep& ready,
                             std::optional<size_t> index) {
  if (c.preflight == nullptr) return absl::OkStatus();
  const std::string key =
      PreflightKey(ready.record.version, ready.planned->upgrade);
  const size_t first = ready.record.statements_done;
  const bool in_transaction = c.db.transactional_ddl();
  if (!index) {
    return c.preflight->BeforeStep(c.step_db, key, ready.statements, first,
                                   in_transaction);
  }
  return c.preflight->BeforeStatement(c.step_db, key, ready.statements, first,
                                      *index, in_transaction);
}

// Issue 27 (archive/archive_plan.h): the archive's refusals before the step's
// first statement, its copies right before a statement, and what a
// downgrade gives back after its last; nothing without an archiver.
absl::Status ArchiveCheck(ApplyContext& c, const PreparedStep& ready) {
  if (c.archiver == nullptr) return absl::OkStatus();
  return c.archiver->CheckStep(ready.statements, ready.record.statements_done,
                               ready.planned->upgrade);
}

absl::Status ArchiveBefore(ApplyContext& c, const PreparedStep& ready,
                           size_t index) {
  if (c.archiver == nullptr) return absl::OkStatus();
  return c.archiver->BeforeStatement(ready.record.version,
                                     ready.planned->upgrade, ready.statements,
                                     index);
}

absl::Status ArchiveAfter(ApplyContext& c, const PreparedStep& ready) {
  if (c.archiver == nullptr || ready.planned->upgrade) return absl::OkStatus();
  absl::Status st = c.archiver->AfterDowngrade(ready.record.version);
  if (st.ok()) return st;
  return backend::WithContext(
      st, absl::StrCat("after statement ", ready.statements.size(), " of ",
                       ready.statements.size(), ": "));
}

// The step's statements (or code) from the first not yet applied,
// counting progress in the history and the ledger between statements (the
// step's end records the last). `*completed`: how many took effect when it
// failed (a failure to record progress comes after a statement that did).
absl::Status RunStatements(ApplyContext& c, const PreparedStep& ready,
                           int64_t* completed) {
  const plugin::Step& s = ready.planned->step();
  *completed = 0;
  if (s.kind == plugin::Step::Kind::kCode) {
    absl::Status st = RunCodeStep(s, c.step_db, c.module.module_id);
    if (!st.ok() || c.ledger == nullptr) return st;
    return c.guard.Check(c.step_db, /*in_transaction=*/false);
  }
  const std::vector<sql::Statement>& statements = ready.statements;
  const size_t first = ready.record.statements_done;
  if (absl::Status p = PreflightBefore(c, ready, std::nullopt); !p.ok()) {
    return p;
  }
  if (absl::Status a = ArchiveCheck(c, ready); !a.ok()) return a;  // issue 27
  for (size_t i = first; i < statements.size(); ++i) {
    *completed = static_cast<int64_t>(i);
    if (i > first) {
      if (absl::Status p = RecordProgress(c, ready, i); !p.ok()) return p;
    }
    if (CrashesHere(c, ready, i, /*after=*/false)) return Crashed(c);
    if (absl::Status p = PreflightBefore(c, ready, i); !p.ok()) return p;
    if (absl::Status a = ArchiveBefore(c, ready, i); !a.ok()) return a;
    absl::Status st = RunOne(c, ready, i);
    if (st.ok() && CrashesHere(c, ready, i, /*after=*/true)) return Crashed(c);
    if (!st.ok()) {
      return backend::WithContext(
          st,
          absl::StrCat("statement ", i + 1, " of ", statements.size(),
                       " (line ", statements[i].line, "): "),
          // A DDL statement's wait says its own (lock_wait_retry.h).
          (c.ledger != nullptr && sql::ClassifyStatement(statements[i].text) ==
                                      sql::StatementKind::kDdl) ||
                  c.lock_waits_explained
              ? ""
              : LockWaitHint(st, c.lock_wait_timeout_seconds));
    }
  }
  *completed = static_cast<int64_t>(statements.size());
  return ArchiveAfter(c, ready);  // issue 27: a downgrade gives back
}

// What starts `ready` in the bookkeeping: its history row, and on MySQL
// its ledger row and the record of its first statement to run.
absl::StatusOr<std::vector<backend::BoundStatement>> StepStart(
    ApplyContext& c, PreparedStep& ready) {
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

// The statement that records the module at `version`: its first row, or
// an update of it.
backend::BoundStatement VersionRecord(const ApplyContext& c, int64_t version) {
  if (c.version_row_exists)
    return VersionUpdate(c.module.repository_id, version);
  return VersionInsert(c.module.repository_id, c.module.path, version);
}

// The statements that record `step` done and `next_start` (the next
// step's start, StepStart) in one transaction; after the last step the
// ledger row goes.
std::vector<backend::BoundStatement> StepDone(
    ApplyContext& c, const PlannedStep& step,
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
absl::Status BeginFirst(ApplyContext& c, PreparedStep& ready) {
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
    ApplyContext& c, const std::vector<PlannedStep>& plan, size_t index) {
  absl::StatusOr<PreparedStep> ready = Prepare(plan, index, c.db.dialect());
  if (ready.ok() && c.ledger != nullptr) {
    ready->names = StepNames(c.db, ready->statements);
  }
  return ready;
}

// The step connection's session before the first step: what the tool owns
// of it read, and a resumed step's session restored (its statements to
// run again run first, checked as any).
absl::Status SetUpSession(ApplyContext& c, const PreparedStep& ready) {
  if (c.ledger == nullptr) return absl::OkStatus();
  if (absl::Status st = c.guard.Open(c.step_db); !st.ok()) return st;
  if (!c.session_resume.recorded) return absl::OkStatus();
  absl::StatusOr<SessionState> restored =
      RestoreSession(c.step_db, *c.session_resume.recorded, ready.names);
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

absl::Status ApplyInSequence(ApplyContext& c,
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
    c.version_row_exists = true;
    *reached = step.to_version;
    if (!last) {
      if (!next.ok()) {
        return backend::WithContext(next.status(), StepPhase(plan[i + 1]));
      }
      ready = std::move(next);
    }
  }
  return absl::OkStatus();
}

// One step in one transaction with its version and history; rolled back
// whole when it fails. `lock_seconds` > 0: how long (SET LOCAL
// lock_timeout) a statement may wait for a lock in this attempt.
absl::Status TryInTransaction(ApplyContext& c, PreparedStep& ready,
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
    c.version_row_exists = true;
    return outcome;
  }
  (void)c.db.Rollback();
  return outcome;
}

// TryInTransaction; on PostgreSQL a step with DDL waits for a lock
// `ddl_lock_wait_seconds` at a time and is tried again, with backoff, up
// to lock_wait_timeout in all (a waiting ALTER TABLE queues every later
// query on its table behind it). A failure is recorded in the history.
absl::Status ApplyOneInTransaction(ApplyContext& c, PreparedStep& ready) {
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

absl::Status ApplyEachInTransaction(ApplyContext& c,
                                    const std::vector<PlannedStep>& plan,
                                    int64_t* reached) {
  for (size_t i = 0; i < plan.size(); ++i) {
    const PlannedStep& step = plan[i];
    absl::StatusOr<PreparedStep> ready = Prepare(plan, i, c.db.dialect());
    if (!ready.ok())
      return backend::WithContext(ready.status(), StepPhase(step));
    ShowProgress(c, step);
    if (absl::Status st = ApplyOneInTransaction(c, *ready); !st.ok()) {
      return backend::WithContext(st, StepPhase(step));
    }
    *reached = step.to_version;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ApplySteps(ApplyContext& context,
                        const std::vector<PlannedStep>& plan,
                        int64_t* reached) {
  if (plan.empty()) return absl::OkStatus();
  if (context.db.transactional_ddl()) {
    return ApplyEachInTransaction(context, plan, reached);
  }
  return ApplyInSequence(context, plan, reached);
}

}  // namespace aos::engine
