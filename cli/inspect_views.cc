#include "cli/inspect_views.h"

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "core/engine/module_inspector.h"
#include "core/engine/plan/rolling_plan.h"
#include "core/engine/run_options.h"
#include "core/report/check_report.h"
#include "core/report/status_report.h"

namespace aos::cli {
namespace {

// A module that cannot be inspected gets a row with the reason.
engine::ModuleStatus Inspect(const SelectedModule& module,
                             const Request& request,
                             const engine::ViewOptions& view) {
  if (module.url) {
    // The list of migrations and --check need no cost (nor the clones
    // it takes).
    const bool costs =
        request.mode != Mode::kMigrations && request.mode != Mode::kCheck;
    // Issue 29: drift is --status's and --dry-run's (the catalog read).
    const bool drift =
        request.mode == Mode::kStatus || request.mode == Mode::kDryRun;
    return engine::InspectModule(*module.plugin, *module.url, view.target,
                                 view.session, view.resume,
                                 costs ? &view.ddl : nullptr,
                                 drift ? &view.drift : nullptr);
  }
  engine::ModuleStatus status;
  status.module_id = module.id;
  status.display_name = module.display_name();
  if (module.plugin != nullptr) status.latest = module.plugin->LatestVersion();
  status.error = module.error;
  return status;
}

std::string Render(const Request& request,
                   const std::vector<const plugin::ModulePlugin*>& plugins,
                   const std::vector<engine::ModuleStatus>& statuses) {
  // The parser admits table and json only (command_line.cc, kModes).
  bool json = request.format == Format::kJson;
  switch (request.mode) {
    case Mode::kStatus:
      return json ? report::RenderStatusJson(statuses)
                  : report::RenderStatusTable(statuses, request.verbose);
    case Mode::kMigrations:
      return json ? report::RenderMigrationsJson(plugins, statuses)
                  : report::RenderMigrationsTable(plugins, statuses,
                                                  request.verbose);
    default:
      return json ? report::RenderDryRunJson(statuses)
                  : report::RenderDryRun(statuses, request.verbose);
  }
}

// --check: each module's code and next command (rolling_plan.h), 1 for one
// that could not be read; printed, and the overall code returned: the
// lowest non-zero one, as Keystone's `db_sync --check` answers.
int RunCheck(const Request& request,
             const std::vector<engine::ModuleStatus>& statuses) {
  std::vector<report::CheckAnswer> answers;
  std::vector<int> codes;
  for (const engine::ModuleStatus& s : statuses) {
    int code = 1;  // the state is not known: no phase can be
    if (s.error.empty() && s.interrupted.empty()) {
      std::vector<plugin::Phase> phases;
      for (const report::PendingStep& p : s.pending) {
        phases.push_back(p.upgrade ? plugin::PhaseNamed(p.phase)
                                   : plugin::Phase::kUnspecified);
      }
      code = engine::CheckCode(phases, /*installed=*/s.current != 0);
    }
    codes.push_back(code);
    answers.push_back({code, engine::NextCommand(code)});
  }
  const int overall = engine::OverallCheckCode(codes);
  std::cout << (request.format == Format::kJson
                    ? report::RenderCheckJson(
                          statuses, answers,
                          {overall, engine::NextCommand(overall)})
                    : report::RenderCheckTable(statuses, answers,
                                               request.verbose))
            << std::flush;
  return overall;
}

}  // namespace

int RunInspection(const Request& request, const config::ToolConfig& config,
                  const ModuleSelection& selection) {
  static const plugin::ModulePlugin kNoPlugin;
  engine::ViewOptions view = engine::ViewOptionsFor(RunAskOf(request), config);
  view.drift.loaded = selection.loaded;  // issue 29
  std::vector<engine::ModuleStatus> statuses;
  std::vector<const plugin::ModulePlugin*> plugins;
  bool ok = true;
  for (const SelectedModule& module : selection.modules) {
    engine::ModuleStatus status = Inspect(module, request, view);
    plugins.push_back(module.plugin != nullptr ? module.plugin : &kNoPlugin);
    // An interrupted step blocks a real run: so it fails these views too,
    // except the plain list of migrations.
    ok &= status.error.empty() &&
          (request.mode == Mode::kMigrations || status.interrupted.empty());
    statuses.push_back(std::move(status));
  }
  if (request.mode == Mode::kCheck) return RunCheck(request, statuses);
  std::cout << Render(request, plugins, statuses) << std::flush;
  return ok ? 0 : 1;
}

}  // namespace aos::cli
