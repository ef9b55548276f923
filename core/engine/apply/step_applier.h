// step_applier.h: applies a plan's steps to the database, recording each
// in the history and the new version after each.
//
// Two strategies, chosen by the engine:
// - MySQL: DDL commits by itself, so each step's statements run on their
//   own, between two bookkeeping transactions. The first records step 1 as
//   running; after step k, one transaction in one round trip records step k
//   done, the version k, and step k+1 running. A step that fails is
//   recorded failed with the count of statements that ran before the one
//   that failed; one cut short (process or server gone) stays running.
//   After each statement one probe on the step's connection proves the
//   session the tool owns unchanged and reads the step's variables, which
//   the ledger records (session_guard.h); a resumed step first gets back
//   the session its applied statements left (session_resume.h).
// - PostgreSQL and SQLite: the step, its version and its history row commit
//   together or not at all, so no step is ever left half done; a failure is
//   recorded afterwards, outside the rolled-back transaction.
#ifndef AOS_CORE_ENGINE_APPLY_STEP_APPLIER_H_
#define AOS_CORE_ENGINE_APPLY_STEP_APPLIER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/engine/bookkeeping/history_store.h"
#include "core/engine/bookkeeping/statement_ledger.h"
#include "core/engine/ddl/ddl_cost.h"
#include "core/engine/plan/planner.h"
#include "core/engine/session/session_resume.h"
#include "core/plugin/module_plugin.h"
#include "core/report/module_result.h"

namespace aos::engine {

class Preflight;  // preflight.h
class Archiver;   // archive/archive_plan.h (issue 27)

// The conformance kit's stand-in for a crash (core/conformance/
// resume_walk.h): the run stops just before (or just after) statement
// `statement` of the upgrade of `version`, recording nothing more, as if
// its process had been killed there.
struct CrashPoint {
  int64_t version = 0;
  int64_t statement = 0;  // from 1
  bool after = false;
};

// How a plan is applied: settings fixed by the caller before ApplySteps,
// never changed by it. What applying finds out comes back as its status and
// the version reached; the appliers' own state as they go (the session
// guard, whether the version row is written yet, a crash point reached) is
// theirs (step_parts.h: Applying).
struct ApplyContext {
  // The tool's connection: versions, history, transactions.
  backend::Database& db;
  // The step's connection: its statements and code. On MySQL a connection
  // of its own, so that nothing a step leaves in its session (SET NAMES,
  // sql_mode, user variables, an open transaction) reaches the
  // bookkeeping; where steps run in the tool's transaction (PostgreSQL,
  // SQLite), the same as `db`.
  backend::Database& step_db;
  HistoryStore& history;
  const plugin::ModulePlugin& module;
  // What the module is doing now ("upgrading 9 -> 10 (...)").
  std::function<void(const std::string&)> progress;
  // Makes a text safe to record (no password).
  std::function<std::string(std::string)> redact;
  // A DDL statement waits `ddl_lock_wait_seconds` for a metadata lock at
  // each attempt, and attempts go on with backoff up to
  // `lock_wait_timeout_seconds` in all, naming who holds the table
  // (lock_holders.h): no long queue of sessions behind one waiting ALTER.
  int lock_wait_timeout_seconds = 60;
  bool version_row_exists = false;  // the module had its version row
  // Statements of the plan's first step an earlier attempt applied
  // (resume_point.h): it starts at the next one. `close_interrupted`: that
  // attempt was interrupted, and its history row is closed when this one
  // starts.
  int64_t resume_at = 0;
  bool close_interrupted = false;
  // MySQL: the session that attempt left after its applied statements
  // (session_resume.h), restored before the first statement runs.
  SessionResume session_resume;
  // MySQL: the statement ledger (statement_ledger.h) and the session of
  // `step_db`; nullptr where steps roll back whole.
  StatementLedger* ledger = nullptr;
  StepSession session;
  int ddl_lock_wait_seconds = 3;
  // How the plan's DDL runs (ddl_cost.h); nullptr: as written.
  const DdlAssessment* ddl = nullptr;
  // Runs a statement through pt-online-schema-change (online_alter.h).
  std::function<absl::Status(const StatementRun&)> run_online;
  // The pre-flight on the live data (preflight.h), asked before each
  // step and before each statement whose check waits for it; nullptr:
  // none.
  Preflight* preflight = nullptr;
  // Issue 27: keeps what a statement destroys before it runs, and gives it
  // back after a downgrade (archive/archive_plan.h); nullptr: none.
  Archiver* archiver = nullptr;
  // How far the current statement is: `done` of `total` (an estimate),
  // counted in `unit` ("rows"); progress_event.h, kFraction. May be empty.
  std::function<void(int64_t done, int64_t total, const std::string& unit)> fraction;
  // MySQL: opens a connection from which a long DDL statement's progress
  // is read while it runs (statement_progress.h); empty: not read.
  std::function<absl::StatusOr<std::unique_ptr<backend::Database>>()> open_progress_reader;
  // Each step tried, in order, with how long it ran; nullptr: not kept.
  std::vector<report::ModuleResult::StepTime>* timings = nullptr;
  // Issue 28: how a batched DML statement sizes and paces its chunks
  // (batch/batch_settings.h).
  BatchSettings batch;
  std::optional<CrashPoint> crash_at;  // the conformance kit only
};

// Applies `plan` in order; `*reached` is the recorded version after each
// step. A failure comes back with its phase in front ("Error while applying
// migration 9 -> 10 (...), database left at 9: statement 2 of 3 (line 4):
// ..."), its payload (database_error.h) kept. The history and version
// tables must exist (HistoryStore::EnsureTable, EnsureVersionTable): the
// module's first version row is then written in the same transaction as
// its first step's bookkeeping, as every later version is.
absl::Status ApplySteps(const ApplyContext& context,
                        const std::vector<PlannedStep>& plan,
                        int64_t* reached);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_APPLY_STEP_APPLIER_H_
