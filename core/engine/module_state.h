// module_state.h: everything recorded about one module in its database
// that decides what a run does: the version, whether its row exists, the
// step left interrupted, the applied migrations whose content changed, and
// (at version 0) whether tables that are not ours are in the way.
//
// The one reader of that state: the parent's no-op check, the locked run
// and every view (--status, --migrations, --dry-run) call ReadModuleState
// and ask RunBlocker, so a view can never say something a run would not.
#ifndef AOS_CORE_ENGINE_MODULE_STATE_H_
#define AOS_CORE_ENGINE_MODULE_STATE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/engine/bookkeeping/history_store.h"
#include "core/engine/plan/controller_registry.h"
#include "core/engine/resume/resume_point.h"
#include "core/plugin/module_plugin.h"

namespace aos::engine {

struct ModuleState {
  int64_t version = 0;
  bool version_row_exists = false;  // a version change is then one UPDATE
  std::optional<StepRecord> interrupted;  // started, never finished
  std::optional<StepRecord> failed;  // the newest step, when it failed
  // How a run goes on with the interrupted (else the failed) step, when
  // there is one to resume (resume_point.h).
  std::optional<ResumeVerdict> resume;
  // Checksum of each version's last successful upgrade since the last
  // operator repair, by version.
  std::map<int64_t, std::string> applied;
  // Applied migrations (<= version) whose content now differs.
  std::vector<const plugin::Migration*> changed;
  // At version 0: why the database's tables forbid a first run (tables
  // that are not ours and no version); OK otherwise.
  absl::Status foreign_tables;
  // The controllers' registry, read with the version when its table
  // exists (controller_registry.h); nullopt: read it on its own.
  std::optional<std::vector<ControllerRecord>> controllers;
};

// Reads the module's state: one round trip on every run but a module's
// first (when a table is missing, each is read on its own). A failure is a
// database error, or kDataLoss for a version that is not a number.
absl::StatusOr<ModuleState> ReadModuleState(backend::Database& db,
                                            const plugin::ModulePlugin& module);

// Why a run must not touch the module, or OK: an interrupted step that
// cannot be resumed, an applied migration whose content changed, or (when it has steps to apply)
// foreign tables at version 0. kFailedPrecondition with a message that says
// how to repair.
absl::Status RunBlocker(const ModuleState& state,
                        const plugin::ModulePlugin& module, bool has_work);

// The interrupted step in a few words, for views: "upgrade of migration 3
// started at ... UTC on host (pid 12), 1 of 4 statements ran".
std::string DescribeInterrupted(const StepRecord& record);

// Whether the controller of key `self` has a row in the module's registry
// (as read with `state`, or read now) that says it runs this release and
// is fresh: a settled run then has nothing to write.
absl::StatusOr<bool> ThisControllerIsCurrent(backend::Database& db,
                                             const plugin::ModulePlugin& module,
                                             const ModuleState& state,
                                             const std::string& self);

// Records the controller of key `self` in the module's registry (unless
// its row says so already, and is fresh) and returns the registry as it
// was read. The row is the one write a run makes before the checks that
// may refuse it, so that a controller whose run fails (a rolled-back
// release: "newer than this plugin's latest") is known to run the release
// it runs; `only_where_known`: only in a registry that knows a controller.
absl::StatusOr<std::vector<ControllerRecord>> RecordThisController(
    backend::Database& db, const plugin::ModulePlugin& module,
    const ModuleState& state, const std::string& self, bool only_where_known);

// Why --mark-version `version` is refused: a version the module does not
// have, or a step left part-way (which the next run would resume or a
// person must finish) it would discard without `force`. OK when allowed.
absl::Status MarkRefusal(const plugin::ModulePlugin& module,
                         const ModuleState& state, int64_t version, bool force);

// Records --mark-version `version`: its history row, then the version;
// a batched statement's progress row (issue 28) goes.
absl::Status RecordMark(backend::Database& db,
                        const plugin::ModulePlugin& module, int64_t version);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_MODULE_STATE_H_
