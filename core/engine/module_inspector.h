// module_inspector.h: what a run would do to one module, without applying
// anything and without taking its lock: the recorded version, the latest,
// the pending steps (with their statements, for --dry-run), and any
// interrupted step. Serves --status, --migrations and --dry-run.
#ifndef AOS_CORE_ENGINE_MODULE_INSPECTOR_H_
#define AOS_CORE_ENGINE_MODULE_INSPECTOR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/backend/database.h"
#include "core/config/connection_url.h"
#include "core/plugin/module_plugin.h"

namespace aos::engine {

struct PendingStep {
  int64_t version = 0;  // the migration's version
  bool upgrade = true;
  int64_t from_version = 0;
  int64_t to_version = 0;
  std::string description;
  std::vector<std::string> statements;  // SQL steps; empty for code steps
  bool code_step = false;
};

struct ModuleStatus {
  std::string module_id;
  std::string display_name;
  std::optional<int64_t> current;  // nullopt when it could not be read
  int64_t latest = 0;
  std::vector<PendingStep> pending;
  std::string interrupted;  // the interrupted step, described; "" if none
  std::string error;        // why the module could not be inspected
  bool database_error = false;
};

// `target`: nullopt for the latest. Never changes the database.
ModuleStatus InspectModule(const plugin::ModulePlugin& module,
                           const config::ConnectionUrl& url,
                           std::optional<int64_t> target,
                           const backend::SessionOptions& session);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_MODULE_INSPECTOR_H_
