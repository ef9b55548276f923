// resume_point.h: how a run goes on with the step an earlier run left
// unfinished: failed, or interrupted (killed, server gone) part-way.
//
// On MySQL and MariaDB every statement of a step commits as it runs, so
// such a step has some statements applied; the statement ledger
// (statement_ledger.h) says exactly which:
//  - failed: the statements before the failed one (a failed statement has
//    no effect: InnoDB rolls a statement back, DDL is atomic on MariaDB
//    10.6+ and MySQL 8);
//  - interrupted in a DML statement: what its own transaction recorded;
//  - interrupted in a DDL statement: once the server session that ran it
//    has ended, the schema it touches equal to the fingerprint taken just
//    before it proves it did not take effect, a different one that it did.
// The step then starts at the first statement that did not take effect,
// never at statement 1, provided the statements already applied are still
// the plugin's (same text at the same places). Where nothing proves it (a
// code step, a statement that is neither DML nor DDL, a step started by a
// tool that kept no ledger, a session on another server), a person must
// look, as before. PostgreSQL and SQLite roll a failed step back whole:
// it simply starts again.
#ifndef AOS_CORE_ENGINE_RESUME_RESUME_POINT_H_
#define AOS_CORE_ENGINE_RESUME_RESUME_POINT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/engine/bookkeeping/history_store.h"
#include "core/engine/bookkeeping/statement_ledger.h"
#include "core/engine/session/session_resume.h"
#include "core/plugin/module_plugin.h"

namespace aos::engine {

struct ResumeVerdict {
  bool interrupted = false;  // else the step failed
  int64_t version = 0;       // the step: its migration and direction
  std::string direction;
  bool resumable = false;
  int64_t applied = 0;  // statements that took effect: start at applied + 1
  int64_t total = 0;
  // The interrupted run's server session still exists: wait for it (or
  // end it), then judge again.
  int64_t session_running = 0;
  std::string why_not;  // when not resumable: why a person must look
  // MySQL: the session its applied statements left, to restore.
  SessionResume session;
};

// The verdict on `unfinished` (the module's interrupted step, else its
// failed one), or nullopt when there is nothing to resume.
absl::StatusOr<std::optional<ResumeVerdict>> JudgeResume(
    backend::Database& db, const plugin::ModulePlugin& module,
    const StepRecord& unfinished, bool interrupted,
    const std::optional<LedgerRow>& ledger);

// Whether `verdict` is about the step that `upgrade` of `version` runs.
bool IsStep(const ResumeVerdict& verdict, int64_t version, bool upgrade);

// Why a run whose plan starts with that step must not go on, or OK: an
// interrupted step that is another, or this one left part-way and not
// resumable (kFailedPrecondition, saying what to do).
absl::Status ResumeBlocker(const ResumeVerdict& verdict, int64_t version,
                           bool upgrade);

// Why a resumable `verdict` waits for a person when the config's
// auto_resume is off (kFailedPrecondition naming --resume).
absl::Status ResumeOff(const ResumeVerdict& verdict);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_RESUME_RESUME_POINT_H_
