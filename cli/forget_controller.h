// forget_controller.h: --forget-controller HOST, a decommissioned
// controller taken out of every selected module's registry
// (engine/controller_registry.h), so that --contract no longer waits for
// it.
#ifndef AOS_CLI_FORGET_CONTROLLER_H_
#define AOS_CLI_FORGET_CONTROLLER_H_

#include "cli/command_line.h"
#include "cli/module_selection.h"
#include "core/config/tool_config.h"

namespace aos::cli {

// Prints what it did per module; returns 1 when a module's database could
// not be changed, else 0.
int RunForgetController(const Request& request,
                        const config::ToolConfig& config,
                        const ModuleSelection& selection);

}  // namespace aos::cli

#endif  // AOS_CLI_FORGET_CONTROLLER_H_
