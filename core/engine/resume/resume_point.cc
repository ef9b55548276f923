#include "core/engine/resume/resume_point.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "core/engine/bookkeeping/step_checksum.h"
#include "core/engine/resume/partial_writes.h"
#include "core/engine/resume/schema_fingerprint.h"
#include "core/engine/resume/session_wait.h"
#include "core/engine/session/session_resume.h"
#include "core/engine/session/session_statements.h"
#include "core/sql/statement_kind.h"
#include "core/sql/statement_splitter.h"

namespace aos::engine {
namespace {

// Statements 1..applied of the plugin's step against what the ledger
// recorded: "" when unchanged, else what differs.
std::string ChangedStatement(const std::vector<sql::Statement>& now,
                             const LedgerRow& ledger, int64_t applied) {
  if (static_cast<int64_t>(ledger.digests.size()) < applied) {
    return "the ledger does not hold the applied statements";
  }
  for (int64_t i = 0; i < applied; ++i) {
    if (i >= static_cast<int64_t>(now.size())) {
      return absl::StrCat("the plugin's step now has ", now.size(),
                          " statements, fewer than the ", applied,
                          " already applied");
    }
    if (StatementDigest(now[i].text) != ledger.digests[i]) {
      return absl::StrCat("statement ", i + 1,
                          " has changed since it was applied");
    }
  }
  return "";
}

// Whether the server session that ran the interrupted statement may still
// run it: sets session_running (or why_not, when that cannot be seen).
absl::Status CheckSession(backend::Database& db, const LedgerRow& ledger,
                          ResumeVerdict* v) {
  absl::StatusOr<StepSession> here = ReadJudgingSession(db);
  if (!here.ok()) return here.status();
  if (here->server != ledger.server) {
    // Another node of the same Galera cluster: the statement's session
    // ended with its node once the node left the cluster.
    if (!ledger.galera_node.empty() && !here->galera_members.empty() &&
        std::find(here->galera_members.begin(), here->galera_members.end(),
                  ledger.galera_node) == here->galera_members.end()) {
      return absl::OkStatus();
    }
    v->why_not = absl::StrCat(
        "statement ", ledger.running, " ran on server ", ledger.server,
        ledger.galera_node.empty()
            ? ""
            : here->galera_members.empty()
                  ? absl::StrCat(" (Galera node ", ledger.galera_node,
                                 "; this run cannot read the cluster's "
                                 "members: grant SELECT on "
                                 "mysql.wsrep_cluster_members)")
                  : absl::StrCat(" (Galera node ", ledger.galera_node,
                                 ", still in the cluster)"),
        ", and this run is connected to ", here->server,
        ": it cannot see whether that server still runs it; run against "
        "that server");
    return absl::OkStatus();
  }
  // Restarted since: the session ended with the server (and its id may
  // now be another client's).
  if (!here->SameServerRun(ledger.server, ledger.server_started)) {
    return absl::OkStatus();
  }
  absl::StatusOr<bool> alive = ServerSessionExists(db, ledger.session);
  if (!alive.ok()) return alive.status();
  if (*alive) {
    v->session_running = ledger.session;
    v->why_not = absl::StrCat("statement ", ledger.running,
                              " may still be running on the server (session ",
                              ledger.session, ")");
  }
  return absl::OkStatus();
}

// What took effect of an interrupted step, from the ledger; sets why_not
// (or session_running) when it cannot be told yet.
absl::Status JudgeInterrupted(backend::Database& db, const LedgerRow& ledger,
                              const std::vector<sql::Statement>& now,
                              ResumeVerdict* v) {
  v->applied = ledger.applied;
  if (ledger.running == 0) return absl::OkStatus();  // between statements
  if (ledger.kind == "replay") {  // session_resume.h: it simply runs again
    v->applied = ledger.running - 1;
    absl::StatusOr<std::string> why = JudgeReplay(db, ledger, now);
    if (!why.ok()) return why.status();
    v->why_not = *std::move(why);
    if (!v->why_not.empty()) return absl::OkStatus();
    // Waited for while it may still run here; elsewhere it changes nothing.
    if (absl::Status st = CheckSession(db, ledger, v); !st.ok()) return st;
    if (v->session_running == 0) v->why_not.clear();
    return absl::OkStatus();
  }
  if (ledger.kind != "ddl" && ledger.kind != "dml") {
    v->why_not = NotResumableWhy(ledger, now);
    return absl::OkStatus();
  }
  if (absl::Status st = CheckSession(db, ledger, v); !st.ok()) return st;
  // DML: its own transaction recorded it, now that nothing can commit it.
  if (!v->why_not.empty() || ledger.kind == "dml") return absl::OkStatus();
  // DDL: the schema it touches, the statement read as the plugin has it
  // now (the one that ran, when its digest is the one recorded).
  const size_t k = static_cast<size_t>(ledger.running);
  if (k > now.size() || k > ledger.digests.size() ||
      StatementDigest(now[k - 1].text) != ledger.digests[k - 1]) {
    v->why_not = absl::StrCat("statement ", k,
                              ", which was running, has changed since");
    return absl::OkStatus();
  }
  absl::StatusOr<DdlProof> proof = DdlFingerprint(db, now[k - 1].text);
  if (!proof.ok()) return proof.status();
  v->why_not = WhyUnprovable(ledger.running, ledger.fingerprint, *proof);
  if (!v->why_not.empty()) return absl::OkStatus();  // applied: 1..k-1
  // Unchanged: it did not take effect. Changed: it did (DDL is atomic).
  v->applied = proof->fingerprint == ledger.fingerprint ? ledger.running - 1
                                                        : ledger.running;
  return absl::OkStatus();
}

// A failed statement that is neither DML nor DDL nor one that may simply
// run again (a CALL, a compound block, EXECUTE) may have committed part of
// its work before it failed: running it again could do that part twice.
// "" when the failed statement (number applied + 1) is not such.
std::string FailedInPart(const std::vector<sql::Statement>& now,
                         const LedgerRow* ledger, int64_t applied) {
  const size_t k = static_cast<size_t>(applied) + 1;
  std::string text;
  if (ledger != nullptr && ledger->running == static_cast<int64_t>(k)) {
    if (ledger->kind != "other") return "";
    if (k <= now.size() && k <= ledger->digests.size() &&
        StatementDigest(now[k - 1].text) == ledger->digests[k - 1]) {
      text = now[k - 1].text;
    }
  } else if (k <= now.size()) {
    if (sql::ClassifyStatement(now[k - 1].text) != sql::StatementKind::kOther) {
      return "";
    }
    text = now[k - 1].text;
  } else {
    return "";
  }
  std::string why = text.empty() ? "" : NotReplayableReason(text);
  if (!text.empty() && why.empty()) return "";
  return absl::StrCat("statement ", k, " failed",
                      why.empty() ? "" : absl::StrCat(": ", why),
                      why.empty() ? ", and it has changed since; it" : "; it",
                      " may have committed part of its work before it failed");
}

// The step an unfinished record names, as the plugin has it now; nullptr
// when the plugin no longer has it.
const plugin::Step* StepNow(const plugin::ModulePlugin& module,
                            const StepRecord& unfinished) {
  const plugin::Migration* m = module.Find(unfinished.version);
  if (m == nullptr) return nullptr;
  if (unfinished.direction == "upgrade") return &m->upgrade;
  return m->downgrade ? &*m->downgrade : nullptr;
}

// A step whose applied statements are known, with nothing else in the
// way: resumable unless its script changed since or its session cannot
// be restored (session_resume.h). `ledger`: the step's, or nullptr.
ResumeVerdict JudgeScriptAndSession(backend::Database& db,
                                    const plugin::ModulePlugin& module,
                                    const StepRecord& unfinished,
                                    const std::vector<sql::Statement>& now,
                                    const LedgerRow* ledger, ResumeVerdict v) {
  std::string changed;
  if (ledger != nullptr) {
    changed = ChangedStatement(now, *ledger, v.applied);
  } else if (unfinished.checksum !=
             StepChecksum(*module.Find(unfinished.version),
                          unfinished.direction == "upgrade", db.dialect())) {
    changed = "the plugin's script for it has changed since";
  }
  if (!changed.empty()) {
    v.why_not = absl::StrCat(changed, ": the tool will not guess which of "
                             "its statements are still to run");
    return v;
  }
  v.why_not = JudgeSession(ledger, now, v.applied, &v.session);
  if (!v.why_not.empty()) return v;
  v.total = static_cast<int64_t>(now.size());
  v.resumable = true;
  return v;
}

}  // namespace

bool IsStep(const ResumeVerdict& verdict, int64_t version, bool upgrade) {
  return verdict.version == version &&
         verdict.direction == (upgrade ? "upgrade" : "downgrade");
}

absl::Status ResumeBlocker(const ResumeVerdict& v, int64_t version,
                           bool upgrade) {
  const bool same = IsStep(v, version, upgrade);
  if (same ? v.resumable : !v.interrupted) return absl::OkStatus();
  if (!same) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the interrupted ", v.direction, " of migration ", v.version,
        " must be finished first: run without --migration, or repair it and "
        "record the version with --mark-version N --force"));
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "the ", v.direction, " of migration ", v.version,
      v.interrupted ? " was interrupted" : " failed", " at statement ",
      v.applied + 1, " of ", v.total,
      v.applied == 0 ? ", before any took effect"
                     : absl::StrCat(", after statements 1-", v.applied,
                                    " took effect"),
      ", and ", v.why_not,
      ". Finish or undo the step by hand, then record the version the "
      "database is at with --mark-version N --force"));
}

absl::Status ResumeOff(const ResumeVerdict& v) {
  return absl::FailedPreconditionError(absl::StrCat(
      "the ", v.direction, " of migration ", v.version, " was ",
      v.interrupted ? "interrupted" : "left failed", " after ", v.applied,
      " of its ", v.total,
      " statements took effect, and auto_resume is off: look at the "
      "database, then run again with --resume to go on at statement ",
      v.applied + 1,
      ", or finish the step by hand and record the version with "
      "--mark-version N --force"));
}

absl::StatusOr<std::optional<ResumeVerdict>> JudgeResume(
    backend::Database& db, const plugin::ModulePlugin& module,
    const StepRecord& unfinished, bool interrupted,
    const std::optional<LedgerRow>& ledger) {
  if (db.transactional_ddl() || unfinished.direction == "mark") {
    return std::nullopt;
  }
  ResumeVerdict v;
  v.interrupted = interrupted;
  v.version = unfinished.version;
  v.direction = unfinished.direction;
  v.total = unfinished.statements_total;
  const plugin::Step* step = StepNow(module, unfinished);
  if (step == nullptr) {
    v.why_not = "the plugin no longer has that step";
    return v;
  }
  if (step->kind == plugin::Step::Kind::kCode) {
    if (!interrupted) return std::nullopt;  // a failed code step starts again
    v.why_not = "it is a code step: nothing proves how much of it ran";
    return v;
  }
  absl::StatusOr<std::vector<sql::Statement>> now =
      sql::SplitStatements(step->SqlFor(db.dialect()), db.dialect());
  if (!now.ok()) return now.status();
  const bool has_ledger = ledger && ledger->version == unfinished.version &&
                          ledger->direction == unfinished.direction;
  if (!interrupted) {
    v.applied = unfinished.statements_done;
  } else if (!has_ledger) {
    v.why_not =
        "it was started by an aos-db-migrate that kept no statement ledger";
    return v;
  } else if (absl::Status st = JudgeInterrupted(db, *ledger, *now, &v);
             !st.ok()) {
    return st;
  }
  if (!interrupted && v.why_not.empty()) {
    v.why_not = FailedInPart(*now, has_ledger ? &*ledger : nullptr, v.applied);
  }
  if (v.why_not.empty()) {  // a DML statement that may have written in part
    absl::StatusOr<std::string> partial = PartialWrites(
        db, *now, has_ledger ? &*ledger : nullptr, interrupted, v.applied);
    if (!partial.ok()) return partial.status();
    v.why_not = *std::move(partial);
  }
  if (!interrupted && v.applied == 0 && v.why_not.empty()) {
    return std::nullopt;  // nothing took effect
  }
  if (!v.why_not.empty()) return v;
  return JudgeScriptAndSession(db, module, unfinished, *now,
                               has_ledger ? &*ledger : nullptr, std::move(v));
}

}  // namespace aos::engine
