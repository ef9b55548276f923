// rolling_plan.h: which pending steps a run applies in a rolling upgrade of
// the controllers (ABI 1.2 phases; README, "Rolling upgrades").
//
//   plain      every pending step (the spec's run)
//   expand     expand and migrate steps in order, up to the first step
//              that is not safe while an older release still runs: a
//              contract step, or one whose phase is not declared. A
//              contract step followed by a next release's expand steps is
//              applied first when every controller already runs a release
//              that includes it; else the run stops there, saying why.
//              A module at version 0 (not installed) gets every step: no
//              release runs on it yet.
//   contract   every pending step, refused before anything runs while a
//              registered controller still runs a release without a
//              pending contract step (--force overrides). A controller
//              counts until it registers a newer release or is forgotten
//              (--forget-controller); the clock forgets it only when the
//              operator set a window (controller_window_hours).
//
// And --check's answer, as Keystone's `db_sync --check` gives it: the
// next command a module needs.
#ifndef AOS_CORE_ENGINE_PLAN_ROLLING_PLAN_H_
#define AOS_CORE_ENGINE_PLAN_ROLLING_PLAN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/engine/plan/controller_registry.h"
#include "core/engine/plan/planner.h"
#include "core/report/module_result.h"

namespace aos::engine {

enum class RollingMode { kPlain, kExpand, kContract };

struct RollingPolicy {
  RollingMode mode = RollingMode::kPlain;
  bool force = false;  // --contract --force: no readiness check
  // 0 (the default): every registered controller counts. Else one whose
  // last start is older is taken as gone (controller_window_hours, an
  // opt-in: a controller serves for weeks without a restart).
  int64_t window_seconds = 0;
  // Names of the controllers that must be registered at a release that
  // includes a contract step before it runs, however long ago they started.
  std::vector<std::string> required;
  // This controller, registered before the plan is cut: in MigrateOptions
  // its configured name ("": the host name); the run makes it its key
  // (ControllerId::Key, with the machine's id) before cutting the plan.
  std::string self;
};

struct RollingCut {
  size_t keep = 0;  // the plan's first `keep` steps run
  std::optional<report::ModuleResult::HeldBack> held_back;
  absl::Status refusal;  // --contract refused: nothing runs
};

// Cuts `plan` (the pending steps, in order) for `policy`, knowing the
// module's `controllers`.
RollingCut CutRollingPlan(const std::vector<PlannedStep>& plan,
                          const RollingPolicy& policy,
                          const std::vector<ControllerRecord>& controllers);

// The controllers that would still need what the contract step of
// `version` removes: "ctl2@<machine id> (runs a release up to 27, last
// start 2026-12-01 17:05:04 UTC)"; {} when every one is ready.
std::vector<std::string> ControllersBehind(
    int64_t version, const RollingPolicy& policy,
    const std::vector<ControllerRecord>& controllers);

// --check's code for a module's pending steps, Keystone's: 0 none; 2 when
// an expand step is pending, or the module is not `installed` (version 0:
// --expand installs it whole); else 3 when a migrate step is pending; else
// 4 (contract, or a step without a phase).
int CheckCode(const std::vector<plugin::Phase>& pending, bool installed);

// Several modules' codes (1: a module that could not be read): the lowest
// non-zero one, the first action anyone needs (an error wins); 0 when
// every module is current.
int OverallCheckCode(const std::vector<int>& codes);

// The command a module's code calls for: "--expand" (2, 3: it applies the
// expand and migrate steps), "--contract" (4), "" (0, 1).
std::string NextCommand(int code);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_PLAN_ROLLING_PLAN_H_
