#include "core/engine/plan/rolling_plan.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace aos::engine {
namespace {

using plugin::Phase;

bool Online(Phase p) { return p == Phase::kExpand || p == Phase::kMigrate; }

std::string StepName(const PlannedStep& step) {
  return absl::StrCat("migration ", step.migration->version, " (",
                      step.migration->description, ")");
}

// --contract's refusal: the first contract step of `plan` that a
// controller still running an older release needs; OK when none.
absl::Status ContractRefusal(const std::vector<PlannedStep>& plan,
                             const RollingPolicy& policy,
                             const std::vector<ControllerRecord>& controllers) {
  for (const PlannedStep& step : plan) {
    if (step.migration->phase != Phase::kContract) continue;
    std::vector<std::string> behind =
        ControllersBehind(step.migration->version, policy, controllers);
    if (behind.empty()) continue;
    return absl::FailedPreconditionError(absl::StrCat(
        "--contract refused before anything ran: ", StepName(step),
        " is a contract step, and ",
        behind.size() == 1 ? "controller " : "controllers ",
        absl::StrJoin(behind, ", "), " still ",
        behind.size() == 1 ? "runs" : "run",
        " a release that needs what it removes. Upgrade ",
        behind.size() == 1 ? "it" : "them",
        " first; a controller that is gone for good: aos-db-migrate "
        "--forget-controller HOST; or --contract --force"));
  }
  return absl::OkStatus();
}

}  // namespace

std::vector<std::string> ControllersBehind(
    int64_t version, const RollingPolicy& policy,
    const std::vector<ControllerRecord>& controllers) {
  std::vector<std::string> behind;
  const std::string self_name = ControllerId::FromKey(policy.self).name;
  auto required = [&](const std::string& name) {
    return std::find(policy.required.begin(), policy.required.end(), name) !=
           policy.required.end();
  };
  for (const ControllerRecord& c : controllers) {
    if (c.host == policy.self) continue;  // registered with this release
    const bool expired =
        policy.window_seconds > 0 && c.age_seconds > policy.window_seconds;
    if (expired && !required(c.id().name)) continue;
    if (c.latest >= version) continue;
    behind.push_back(absl::StrCat(c.host, " (runs a release up to ", c.latest,
                                  ", last start ", FormatUtc(c.last_seen),
                                  ")"));
  }
  for (const std::string& name : policy.required) {
    if (name == self_name) continue;
    const bool known = std::any_of(
        controllers.begin(), controllers.end(),
        [&](const ControllerRecord& c) { return c.id().name == name; });
    if (!known) behind.push_back(absl::StrCat(name, " (never registered)"));
  }
  return behind;
}

RollingCut CutRollingPlan(const std::vector<PlannedStep>& plan,
                          const RollingPolicy& policy,
                          const std::vector<ControllerRecord>& controllers) {
  RollingCut cut;
  cut.keep = plan.size();
  const bool upgrades = std::all_of(
      plan.begin(), plan.end(), [](const PlannedStep& s) { return s.upgrade; });
  if (policy.mode == RollingMode::kPlain || !upgrades) return cut;
  // A module not installed yet: no release of its service runs on it, so
  // every step is safe (a first install under upgrade_mode = rolling).
  if (plan.front().from_version == 0) return cut;
  if (policy.mode == RollingMode::kContract) {
    if (!policy.force) cut.refusal = ContractRefusal(plan, policy, controllers);
    if (!cut.refusal.ok()) cut.keep = 0;
    return cut;
  }
  // kExpand.
  for (size_t i = 0; i < plan.size(); ++i) {
    const plugin::Migration& m = *plan[i].migration;
    if (Online(m.phase)) continue;
    if (m.phase == Phase::kContract) {
      std::vector<std::string> behind =
          ControllersBehind(m.version, policy, controllers);
      const bool newer_waits = std::any_of(
          plan.begin() + i + 1, plan.end(),
          [](const PlannedStep& s) { return Online(s.migration->phase); });
      if (behind.empty() && newer_waits) continue;  // safe, and in the way
      cut.keep = i;
      cut.held_back = report::ModuleResult::HeldBack{
          m.version, "contract",
          behind.empty()
              ? "a contract step: run --contract once every controller runs "
                "this release"
              : absl::StrCat("a contract step, and ",
                             absl::StrJoin(behind, ", "), " still ",
                             behind.size() == 1 ? "runs" : "run",
                             " an older release")};
      return cut;
    }
    cut.keep = i;
    cut.held_back = report::ModuleResult::HeldBack{
        m.version, "unspecified",
        "its phase is not declared, so it cannot be known to be safe while "
        "an older release runs: run --contract (or a plain run) once every "
        "controller is upgraded"};
    return cut;
  }
  return cut;
}

int CheckCode(const std::vector<plugin::Phase>& pending, bool installed) {
  if (pending.empty()) return 0;
  if (!installed) return 2;
  auto any = [&](Phase phase) {
    return std::find(pending.begin(), pending.end(), phase) != pending.end();
  };
  if (any(Phase::kExpand)) return 2;
  if (any(Phase::kMigrate)) return 3;
  return 4;
}

int OverallCheckCode(const std::vector<int>& codes) {
  int overall = 0;
  for (int code : codes) {
    if (code != 0 && (overall == 0 || code < overall)) overall = code;
  }
  return overall;
}

std::string NextCommand(int code) {
  switch (code) {
    case 2:
    case 3:
      return "--expand";
    case 4:
      return "--contract";
    default:
      return "";
  }
}

}  // namespace aos::engine
