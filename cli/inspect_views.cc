#include "cli/inspect_views.h"

#include <iostream>

#include "core/engine/module_inspector.h"
#include "core/report/status_report.h"

namespace aos::cli {

int RunInspection(const Request& request, const config::ToolConfig& config,
                  const ModuleSelection& selection) {
  static const plugin::ModulePlugin kNoPlugin;
  backend::SessionOptions session;
  session.lock_wait_timeout_seconds = config.lock_wait_timeout_seconds;
  std::vector<engine::ModuleStatus> statuses;
  std::vector<const plugin::ModulePlugin*> plugins;
  bool ok = true;
  for (const std::string& id : selection.ids) {
    engine::ModuleStatus status;
    auto module = selection.modules.find(id);
    if (module == selection.modules.end()) {
      status.module_id = id;
      status.display_name = id;
      status.error = selection.broken.at(id);
      plugins.push_back(&kNoPlugin);
    } else {
      const plugin::ModulePlugin& m = *module->second;
      plugins.push_back(&m);
      absl::StatusOr<config::ConnectionUrl> url =
          config::ResolveConnection(config, id, m.service_config_path);
      if (url.ok()) {
        status = engine::InspectModule(m, *url, request.target_version,
                                       session);
      } else {
        status.module_id = id;
        status.display_name = m.display_name;
        status.latest = m.LatestVersion();
        status.error = std::string(url.status().message());
      }
    }
    // An interrupted step blocks a real run: so it fails these views too,
    // except the plain list of migrations.
    ok &= status.error.empty() &&
          (request.mode == Mode::kMigrations || status.interrupted.empty());
    statuses.push_back(std::move(status));
  }
  // The parser admits table and json only (mode_formats.cc).
  bool json = request.format == Format::kJson;
  if (request.mode == Mode::kStatus) {
    std::cout << (json ? report::RenderStatusJson(statuses)
                       : report::RenderStatusTable(statuses, request.verbose));
  } else if (request.mode == Mode::kMigrations) {
    std::cout << (json ? report::RenderMigrationsJson(plugins, statuses)
                       : report::RenderMigrationsTable(plugins, statuses,
                                                       request.verbose));
  } else {
    std::cout << (json ? report::RenderDryRunJson(statuses)
                       : report::RenderDryRun(statuses, request.verbose));
  }
  std::cout << std::flush;
  return ok ? 0 : 1;
}

}  // namespace aos::cli
