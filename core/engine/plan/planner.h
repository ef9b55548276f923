// planner.h: the steps that take a module from one version to another.
// Pure logic over the plugin's migration list.
#ifndef AOS_CORE_ENGINE_PLAN_PLANNER_H_
#define AOS_CORE_ENGINE_PLAN_PLANNER_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "core/plugin/module_plugin.h"

namespace aos::engine {

struct PlannedStep {
  const plugin::Migration* migration;
  bool upgrade;          // false: the migration's downgrade
  int64_t from_version;  // the recorded version before this step
  int64_t to_version;    // the recorded version after it
  const plugin::Step& step() const {
    return upgrade ? migration->upgrade : *migration->downgrade;
  }
};

// Steps from `current` to `target` (0 = before the first migration), in
// order. Fails, naming the versions, when either is not one of the module's
// versions or a downgrade on the way is missing (irreversible migration).
absl::StatusOr<std::vector<PlannedStep>> PlanSteps(
    const plugin::ModulePlugin& module, int64_t current, int64_t target);

// "1..28" or "1, 2, 5" style summary of the module's versions.
std::string DescribeVersions(const plugin::ModulePlugin& module);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_PLAN_PLANNER_H_
