#include "cli/accept_drift.h"

#include "core/engine/drift_acceptance.h"
#include "core/engine/run_options.h"

namespace aos::cli {

std::vector<report::ModuleResult> AcceptDrift(const Request& request,
                                              const config::ToolConfig& config,
                                              const ModuleSelection& selection) {
  engine::MigrateOptions options = engine::RunOptionsFor(RunAskOf(request), config);
  options.drift.loaded = selection.loaded;
  std::vector<report::ModuleResult> results;
  for (const SelectedModule& module : selection.modules) {
    if (!module.url) {
      report::ModuleResult failed;
      failed.module_id = module.id;
      failed.display_name = module.display_name();
      failed.error = module.error;
      results.push_back(failed);
      continue;
    }
    results.push_back(engine::AcceptModuleDrift(*module.plugin, *module.url, options));
  }
  return results;
}

}  // namespace aos::cli
