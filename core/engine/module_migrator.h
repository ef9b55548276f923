// module_migrator.h: one module's whole run, in order:
//   connect -> (already at the target: done) -> take the module's migration
//   lock (module_lock.h) -> refuse if a step was left
//   interrupted -> read the version -> plan -> apply each step, recording
//   the new version after each -> release.
// Every failure becomes a FAIL result whose text names the phase; the
// password never appears in it.
#ifndef AOS_CORE_ENGINE_MODULE_MIGRATOR_H_
#define AOS_CORE_ENGINE_MODULE_MIGRATOR_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/backend/database.h"
#include "core/config/connection_url.h"
#include "core/engine/apply/step_applier.h"
#include "core/engine/archive/archive_policy.h"
#include "core/engine/ddl/ddl_cost.h"
#include "core/engine/ddl/online_alter.h"
#include "core/engine/drift/drift_policy.h"
#include "core/engine/isolation/progress_event.h"
#include "core/engine/plan/rolling_plan.h"
#include "core/plugin/module_plugin.h"
#include "core/report/module_result.h"
#include "core/report/preflight_finding.h"

namespace aos::engine {

struct MigrateOptions {
  std::optional<int64_t> target;        // nullopt: the latest version
  std::optional<int64_t> mark_version;  // repair: record this, apply nothing
  // With mark_version: discard a step left part-way (else refused).
  bool force = false;
  // Resume a step an earlier run left part-way (else refused, for a person
  // to look first: the config's auto_resume = false).
  bool resume = true;
  // The conformance kit only: stop as a crash would (step_applier.h).
  std::optional<CrashPoint> crash_at;
  // What blocks, and what a run does about it (ddl_cost.h); how
  // pt-online-schema-change runs (online_alter.h).
  DdlPolicy ddl;
  // Which pending steps run in a rolling upgrade, and this controller's
  // name in the module's registry (rolling_plan.h, controller_registry.h).
  RollingPolicy rolling;
  OnlineAlterTool online_tool;
  int ddl_lock_wait_seconds = 3;  // one attempt's wait, step_applier.h
  int lock_timeout_seconds = 300;
  int lease_seconds = 60;  // a dead holder's lock expires after this
  // Someone watches the run's progress (a terminal, systemd): a long DDL
  // statement's progress is read from the server while it runs
  // (apply/statement_progress.h), on a connection of its own.
  bool statement_progress = false;
  backend::SessionOptions session;
  // Issue 27: what destroying statements' values are kept, and how much
  // (archive/archive_policy.h).
  ArchivePolicy archive;
  // Issue 29: on_drift, and the loaded modules (drift/drift_policy.h).
  DriftPolicy drift;
  // The conformance kit only: told each pre-flight finding the run asks,
  // before its step and right before its statement (data_walk.h).
  std::function<void(const report::PreflightFinding&)> preflight_observer;
};

// Called with a short description of what the module is doing now.
using ProgressFn = std::function<void(const std::string&)>;

// `progress` is told what the run does (kActivity) and, while it waits for
// another run's migration lock, who holds it (kLockWait).
report::ModuleResult MigrateModule(const plugin::ModulePlugin& module,
                                   const config::ConnectionUrl& url,
                                   const MigrateOptions& options,
                                   const ProgressSink& progress);

// The no-op check alone, made in the parent before any child is forked (a
// controller start usually finds every module settled, and then no process
// is started): the module's OK result when it is already at its target with
// no step interrupted and no applied step changed, its FAIL result when the
// database cannot be reached or read (as MigrateModule would report it, so
// an unreachable server is waited for once), nullopt when it has work.
// Runs no plugin code, takes no lock; safe to call from several threads.
std::optional<report::ModuleResult> SettledResult(
    const plugin::ModulePlugin& module, const config::ConnectionUrl& url,
    const MigrateOptions& options);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_MODULE_MIGRATOR_H_
