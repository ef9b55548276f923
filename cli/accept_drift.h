// accept_drift.h: --accept-drift -n MODULE ... (issue 29): each named
// module's present drift recorded as accepted (engine/drift_acceptance.h),
// one module after another in this process (no plugin code runs: the
// expected schema is data its plugin described), each under its lock.
#ifndef AOS_CLI_ACCEPT_DRIFT_H_
#define AOS_CLI_ACCEPT_DRIFT_H_

#include <vector>

#include "cli/command_line.h"
#include "cli/module_selection.h"
#include "core/config/tool_config.h"
#include "core/report/module_result.h"

namespace aos::cli {

// A row per selected module, in selection order, reported as a run is.
std::vector<report::ModuleResult> AcceptDrift(const Request& request,
                                              const config::ToolConfig& config,
                                              const ModuleSelection& selection);

}  // namespace aos::cli

#endif  // AOS_CLI_ACCEPT_DRIFT_H_
