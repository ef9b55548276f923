#include "cli/ddl_options.h"

#include <string>

namespace aos::cli {

engine::DdlPolicy DdlPolicyFor(const Request& request,
                               const config::ToolConfig& config) {
  engine::DdlPolicy policy;
  policy.max_rows = config.blocking_max_rows;
  policy.max_bytes = config.blocking_max_mib << 20;
  policy.allow_blocking = config.allow_blocking || request.allow_blocking;
  policy.online = config.online || request.online;
  const std::string program = config.pt_online_schema_change;
  policy.online_unavailable = [program] {
    return engine::OnlineToolMissing(program);
  };
  return policy;
}

engine::OnlineAlterTool OnlineToolFor(const config::ToolConfig& config) {
  engine::OnlineAlterTool tool;
  tool.program = config.pt_online_schema_change;
  tool.max_load = config.online_max_load;
  tool.critical_load = config.online_critical_load;
  tool.max_flow_ctl = config.online_max_flow_ctl;
  return tool;
}

}  // namespace aos::cli
