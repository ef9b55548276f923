// drift_policy.h: what a run does about drift (issue 29), as the config's
// on_drift (or --on-drift) says, and what the drift reader needs to know
// of the other loaded modules: all the CLI sees of drift's engine side.
#ifndef AOS_CORE_ENGINE_DRIFT_DRIFT_POLICY_H_
#define AOS_CORE_ENGINE_DRIFT_DRIFT_POLICY_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/plugin/module_plugin.h"

namespace aos::engine {

enum class OnDrift {
  kWarn,    // say it (stderr, JSON) and apply the steps
  kRefuse,  // fail the module before its first step, nothing applied
  kIgnore,  // do not read the live schema at all
};

// "warn", "refuse", "ignore"; nullopt for any other word.
inline std::optional<OnDrift> OnDriftNamed(absl::string_view name) {
  if (name == "warn") return OnDrift::kWarn;
  if (name == "refuse") return OnDrift::kRefuse;
  if (name == "ignore") return OnDrift::kIgnore;
  return std::nullopt;
}

struct DriftPolicy {
  OnDrift on_drift = OnDrift::kWarn;
  // Every module whose plugin loaded. A module that shares the database
  // (its repository_id has a version row there) owns the tables its own
  // expected schema names: they are never another module's drift. Null:
  // the module is judged alone.
  const std::vector<plugin::ModulePlugin>* loaded = nullptr;
};

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_DRIFT_DRIFT_POLICY_H_
