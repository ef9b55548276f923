#include "core/engine/plan/planner.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace aos::engine {

std::string DescribeVersions(const plugin::ModulePlugin& module) {
  const auto& ms = module.migrations;
  if (ms.empty()) return "none";
  bool contiguous = ms.back().version - ms.front().version + 1 ==
                    static_cast<int64_t>(ms.size());
  if (contiguous && ms.size() > 2) {
    return absl::StrCat(ms.front().version, "..", ms.back().version);
  }
  return absl::StrJoin(ms, ", ", [](std::string* out, const auto& m) {
    absl::StrAppend(out, m.version);
  });
}

absl::StatusOr<std::vector<PlannedStep>> PlanSteps(
    const plugin::ModulePlugin& module, int64_t current, int64_t target) {
  if (current != 0 && module.Find(current) == nullptr) {
    if (current > module.LatestVersion()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the database is at version ", current,
          ", newer than this plugin's latest (", module.LatestVersion(),
          "); install the module's current plugin"));
    }
    return absl::FailedPreconditionError(absl::StrCat(
        "the database is at version ", current,
        ", which this plugin does not have (it has ",
        DescribeVersions(module), ")"));
  }
  if (target != 0 && module.Find(target) == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "version ", target, " does not exist for ", module.module_id,
        " (it has 0, ", DescribeVersions(module), ")"));
  }
  std::vector<PlannedStep> steps;
  const auto& ms = module.migrations;
  if (target >= current) {
    int64_t from = current;
    for (const plugin::Migration& m : ms) {
      if (m.version > current && m.version <= target) {
        steps.push_back({&m, true, from, m.version});
        from = m.version;
      }
    }
    return steps;
  }
  for (size_t i = ms.size(); i-- > 0;) {
    const plugin::Migration& m = ms[i];
    if (m.version > current || m.version <= target) continue;
    if (!m.downgrade) {
      return absl::FailedPreconditionError(absl::StrCat(
          "migration ", m.version, " (", m.description,
          ") is irreversible: ", module.module_id,
          " cannot go below version ", m.version));
    }
    int64_t below = i == 0 ? 0 : ms[i - 1].version;
    steps.push_back({&m, false, m.version, below});
  }
  return steps;
}

}  // namespace aos::engine
