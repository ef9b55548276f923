#include "core/engine/apply/step_applier.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "core/backend/database_error.h"
#include "core/engine/apply/batched_statement.h"
#include "core/engine/apply/code_step_host.h"
#include "core/engine/apply/lock_wait_retry.h"
#include "core/engine/apply/statement_progress.h"
#include "core/engine/apply/step_parts.h"
#include "core/engine/archive/archive_plan.h"
#include "core/engine/bookkeeping/step_checksum.h"
#include "core/engine/bookkeeping/version_store.h"
#include "core/engine/preflight/preflight.h"
#include "core/engine/resume/schema_fingerprint.h"
#include "core/sql/statement_kind.h"
#include "core/sql/session_control.h"
#include "core/sql/statement_splitter.h"
#include "core/util/backoff.h"

namespace aos::engine {

// Runs one bookkeeping transaction (BEGIN ... COMMIT in `txn`), again when
// it was chosen as a deadlock victim or lost Galera's certification: it
// only writes the tool's own rows, so running it again is always right.
absl::Status Bookkeep(Applying& c,
                      const std::vector<backend::BoundStatement>& txn) {
  absl::Status st;
  util::Backoff backoff(absl::Milliseconds(20), absl::Seconds(1));
  for (int attempt = 1; attempt <= 8; ++attempt) {  // ~5 s in all
    st = c.db.ExecuteAll(txn);
    if (st.ok()) return st;
    (void)c.db.Rollback();
    if (backend::CategoryOf(st) != backend::ErrorCategory::kDeadlock) break;
    backoff.Wait();
  }
  return st;
}

// Statement `index` (0-based) of `ready` is about to run: its ledger
// record (kind, and for DDL the fingerprint of what it touches).
absl::StatusOr<backend::BoundStatement> BeforeStatement(
    Applying& c, const PreparedStep& ready, size_t index) {
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

namespace {

// A DML statement in one transaction with its ledger record: the session
// checked, and the variables it left recorded, before it commits.
absl::Status RunDml(Applying& c, const std::string& text, size_t index) {
  absl::Status st = c.step_db.ExecuteAll({{"BEGIN", {}}, {text, {}}});
  if (st.ok()) st = c.guard.Check(c.step_db, /*in_transaction=*/true);
  if (st.ok()) {
    st = c.step_db.ExecuteAll(
        {c.ledger->DmlDone(index + 1, c.guard.Encoded()), {"COMMIT", {}}});
  }
  if (!st.ok()) (void)c.step_db.Rollback();
  return st;
}

// A statement as written (or online: pt-online-schema-change): DML in one
// transaction with its ledger record, or batched; anything else alone.
absl::Status RunAsWritten(Applying& c, const PreparedStep& ready, size_t index,
                          sql::StatementKind kind, const StatementRun* run) {
  const std::string& text = ready.statements[index].text;
  if (kind == sql::StatementKind::kDml) {
    // Issue 28: a big one in chunks (batched_statement.h).
    absl::StatusOr<std::optional<BatchedRun>> batch = BatchOf(c, ready, index);
    if (!batch.ok()) return batch.status();
    if (*batch) return RunBatchedStatement(c, ready, index, **batch);
    return RunDml(c, text, index);
  }
  absl::Status st = kind == sql::StatementKind::kDdl ? c.run_online(*run)
                                                     : c.step_db.Execute(text, {});
  if (!st.ok()) return st;
  return c.guard.Check(c.step_db, /*in_transaction=*/false);
}

}  // namespace

// Runs one statement on the step's connection; a DML statement commits in
// one transaction with its ledger record, a DDL statement as ddl_cost.h
// decided (the server's algorithm written in, or online). On MySQL the
// session is checked after it (session_guard.h).
absl::Status RunOne(Applying& c, const PreparedStep& ready, size_t index) {
  const std::string& text = ready.statements[index].text;
  const sql::StatementKind kind = sql::ClassifyStatement(text);
  if (c.ledger == nullptr) {
    if (kind == sql::StatementKind::kDml && c.db.dialect() == "postgresql") {
      // Issue 28: a big one in chunks, its step in segments.
      absl::StatusOr<std::optional<BatchedRun>> batch = BatchOf(c, ready, index);
      if (!batch.ok()) return batch.status();
      if (*batch) return RunBatchedInSegments(c, ready, index, **batch);
    }
    return c.step_db.Execute(text, {});
  }
  const StatementRun* run = RunOf(c, ready, index);
  if (kind != sql::StatementKind::kDdl ||
      (run != nullptr && run->online && c.run_online)) {
    absl::Status st = RunAsWritten(c, ready, index, kind, run);
    // It may have set lock_wait_timeout itself (its own statements, a
    // procedure's, a trigger's).
    c.step_db.ForgetLockWaitTimeout();
    return st;
  }
  // A short wait for a metadata lock at a time: between attempts the
  // sessions queued behind it run; the failure names who holds it. How
  // far it is goes to the progress while it runs (MariaDB).
  absl::Status st;
  {
    StatementProgress poll(c.open_progress_reader, c.session.id,
                           c.session.server, c.fraction);
    st = RunDdlWithLockRetries(
        c.step_db, run != nullptr && !run->text.empty() ? run->text : text,
        LockWaits(c, "nothing of the statement took effect"));
  }
  // The session check after it (session_guard.h) reads nothing new after
  // a statement that cannot change the session, when the step names no
  // variables to record.
  const bool may_change = sql::DdlMayChangeSession(text);
  if (may_change) c.step_db.ForgetLockWaitTimeout();
  if (st.ok() && (may_change || !c.guard.names().empty())) {
    st = c.guard.Check(c.step_db, /*in_transaction=*/false);
  }
  // The whole wait back for what runs next, unless that is another DDL
  // statement's short one (no round trip for either then).
  absl::Status owed =
      c.step_db.OweLockWaitTimeout(std::max(1, c.lock_wait_timeout_seconds));
  return st.ok() ? owed : st;
}

namespace {

// Records, before statement `index` (not the step's first to run, which
// its Begin records), the progress so far and what runs next.
absl::Status RecordProgress(Applying& c, const PreparedStep& ready,
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

absl::Status Crashed(Applying& c) {
  c.crashed = true;
  return absl::AbortedError("stopped as by a crash (conformance kit)");
}

// The pre-flight (preflight.h) of `ready` before its first statement to
// run (`index` nullopt), or right before statement `index`; a refusal
// comes back as it is, naming the statement itself.
absl::Status PreflightBefore(Applying& c, const PreparedStep& ready,
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
absl::Status ArchiveCheck(const ApplyContext& c, const PreparedStep& ready) {
  if (c.archiver == nullptr) return absl::OkStatus();
  return c.archiver->CheckStep(ready.statements, ready.record.statements_done,
                               ready.planned->upgrade);
}

absl::Status ArchiveBefore(const ApplyContext& c, const PreparedStep& ready,
                           size_t index) {
  if (c.archiver == nullptr) return absl::OkStatus();
  std::vector<sql::Destruction> narrowed;  // the pre-flight lets it cut
  if (c.preflight != nullptr) {
    narrowed = c.preflight->Narrowed(
        PreflightKey(ready.record.version, ready.planned->upgrade), index);
  }
  return c.archiver->BeforeStatement(ready.record.version,
                                     ready.planned->upgrade, ready.statements,
                                     index, narrowed);
}

absl::Status ArchiveAfter(const ApplyContext& c, const PreparedStep& ready) {
  if (c.archiver == nullptr || ready.planned->upgrade) return absl::OkStatus();
  absl::Status st = c.archiver->AfterDowngrade(ready.record.version);
  if (st.ok()) return st;
  return backend::WithContext(
      st, absl::StrCat("after statement ", ready.statements.size(), " of ",
                       ready.statements.size(), ": "));
}

}  // namespace

// The step's statements (or code) from the first not yet applied,
// counting progress in the history and the ledger between statements (the
// step's end records the last). `*completed`: how many took effect when it
// failed (a failure to record progress comes after a statement that did).
absl::Status RunStatements(Applying& c, const PreparedStep& ready,
                           int64_t* completed) {
  const plugin::Step& s = ready.planned->step();
  *completed = 0;
  if (s.kind == plugin::Step::Kind::kCode) {
    absl::Status st = RunCodeStep(s, c.step_db, c.module.module_id);
    c.step_db.ForgetLockWaitTimeout();  // the code may have set it
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

// The statement that records the module at `version`: its first row, or
// an update of it.
backend::BoundStatement VersionRecord(const Applying& c, int64_t version) {
  if (c.version_row_exists || c.version_row_written)
    return VersionUpdate(c.module.repository_id, version);
  return VersionInsert(c.module.repository_id, c.module.path, version);
}

absl::Status ApplySteps(const ApplyContext& context,
                        const std::vector<PlannedStep>& plan,
                        int64_t* reached) {
  if (plan.empty()) return absl::OkStatus();
  Applying applying(context);
  if (context.db.transactional_ddl()) {
    return ApplyEachInTransaction(applying, plan, reached);
  }
  return ApplyInSequence(applying, plan, reached);
}

}  // namespace aos::engine
