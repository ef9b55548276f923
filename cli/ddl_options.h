// ddl_options.h: the blocking-DDL gate's settings (engine/ddl_cost.h,
// engine/online_alter.h) from the command line over the config, the same
// for a run and for the views.
#ifndef AOS_CLI_DDL_OPTIONS_H_
#define AOS_CLI_DDL_OPTIONS_H_

#include "cli/command_line.h"
#include "core/config/tool_config.h"
#include "core/engine/ddl/ddl_cost.h"
#include "core/engine/ddl/online_alter.h"

namespace aos::cli {

engine::DdlPolicy DdlPolicyFor(const Request& request,
                               const config::ToolConfig& config);

engine::OnlineAlterTool OnlineToolFor(const config::ToolConfig& config);

}  // namespace aos::cli

#endif  // AOS_CLI_DDL_OPTIONS_H_
