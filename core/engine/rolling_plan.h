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
//              controller seen within the window still runs a release
//              without a pending contract step (--force overrides)
#ifndef AOS_CORE_ENGINE_ROLLING_PLAN_H_
#define AOS_CORE_ENGINE_ROLLING_PLAN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/engine/controller_registry.h"
#include "core/engine/planner.h"
#include "core/report/module_result.h"

namespace aos::engine {

enum class RollingMode { kPlain, kExpand, kContract };

struct RollingPolicy {
  RollingMode mode = RollingMode::kPlain;
  bool force = false;  // --contract --force: no readiness check
  // A controller seen this recently counts; an older one is taken as gone.
  int64_t window_seconds = 24 * 3600;
  // Controllers that must be registered at a release that includes a
  // contract step before it runs, however long ago they were seen.
  std::vector<std::string> required;
  std::string self;  // this controller, registered before the plan is cut
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
// `version` removes: "ctl2 (runs up to 27, seen 2026-12-01 17:05:04 UTC)";
// {} when every one is ready.
std::vector<std::string> ControllersBehind(
    int64_t version, const RollingPolicy& policy,
    const std::vector<ControllerRecord>& controllers);

// --check's code for a module's pending steps: 0 none, 2 expand, 3 migrate,
// 4 contract or undeclared (the highest pending wins).
int CheckCode(const std::vector<plugin::Phase>& pending);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_ROLLING_PLAN_H_
