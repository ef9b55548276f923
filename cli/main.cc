// aos-db-migrate: the command behind `openstack aos db migrate`.
// argv -> Request -> plugins and config -> one isolated run per module ->
// the spec's report on stdout -> exit status (0 OK, 1 FAIL, 2 usage).
#include <algorithm>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cli/inspect_views.h"
#include "cli/module_selection.h"
#include "absl/strings/str_join.h"
#include "cli/command_line.h"
#include "cli/help_text.h"
#include "core/config/tool_config.h"
#include "core/engine/isolated_runner.h"
#include "core/engine/module_migrator.h"
#include "core/plugin/plugin_loader.h"
#include "core/report/machine_output.h"
#include "core/report/result_table.h"

namespace aos::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFail = 1;
constexpr int kExitUsage = 2;

int UsageError(absl::string_view message) {
  std::cerr << "aos-db-migrate: error: " << message << "\n"
            << "Try 'aos-db-migrate --help'.\n";
  return kExitUsage;
}

engine::ModuleJob FailingJob(const std::string& id,
                             const std::string& display_name,
                             const std::string& error) {
  return {id, display_name, [id, display_name, error](const auto&) {
            report::ModuleResult r;
            r.module_id = id;
            r.display_name = display_name;
            r.error = error;
            return r;
          }};
}

// The module's run in a child, after the parent's check for nothing to do.
engine::ModuleJob MigrationJob(const plugin::ModulePlugin& module,
                               const config::ConnectionUrl& url,
                               const engine::MigrateOptions& options) {
  return {module.module_id, module.display_name,
          [&module, url, options](const engine::ProgressFn& progress) {
            return engine::MigrateModule(module, url, options, progress);
          },
          [&module, url, options] {
            return engine::SettledResult(module, url, options);
          }};
}

// Progress on stderr while attached to a terminal (module, step, elapsed);
// nothing otherwise, so logs and the spec's table stay clean.
engine::ProgressObserver ProgressOnTerminal(const std::vector<std::string>& ids) {
  if (!isatty(STDERR_FILENO)) return nullptr;
  absl::Time start = absl::Now();
  return [ids, start](size_t job, const std::string& what) {
    std::cerr << absl::StrFormat("aos-db-migrate: %s: %s (%.1f s)\n", ids[job],
                                 what, absl::ToDoubleSeconds(absl::Now() - start));
  };
}

int Main(int argc, char** argv) {
  absl::StatusOr<Request> request = ParseCommandLine(argc, argv);
  if (!request.ok()) return UsageError(request.status().message());
  if (request->mode == Mode::kHelp) {
    std::cout << HelpText();
    return kExitOk;
  }
  absl::StatusOr<config::ToolConfig> config =
      config::LoadToolConfig(request->config_path, request->config_given);
  if (!config.ok()) return UsageError(config.status().message());
  if (request->plugin_dir) config->plugin_dir = *request->plugin_dir;
  absl::StatusOr<plugin::PluginSet> plugins =
      plugin::LoadPluginDirectory(config->plugin_dir);
  if (!plugins.ok()) return UsageError(plugins.status().message());

  std::set<std::string> known_ids;
  for (const plugin::ModulePlugin& m : plugins->modules) known_ids.insert(m.module_id);
  for (const plugin::LoadError& e : plugins->errors) known_ids.insert(e.module_id);
  absl::StatusOr<std::vector<std::string>> warnings =
      config::CheckSections(*config, known_ids);
  if (!warnings.ok()) return UsageError(warnings.status().message());
  for (const std::string& w : config::ConfigWarnings(*config)) {
    warnings->push_back(w);
  }
  for (const std::string& w : *warnings) {
    std::cerr << "aos-db-migrate: warning: " << w << "\n";
  }

  if (request->mode == Mode::kList) {
    for (const plugin::LoadError& e : plugins->errors) {
      std::cerr << "aos-db-migrate: warning: " << e.message << "\n";
    }
    std::cout << "Available modules:\n";
    for (const plugin::ModulePlugin& m : plugins->modules) {
      std::cout << m.module_id << "\n";
    }
    return kExitOk;
  }

  ModuleSelection selection;
  auto& modules = selection.modules;
  auto& broken = selection.broken;
  for (const plugin::ModulePlugin& m : plugins->modules) modules[m.module_id] = &m;
  for (const plugin::LoadError& e : plugins->errors) {
    std::string& message = broken[e.module_id];
    message = message.empty() ? e.message : absl::StrCat(message, "; ", e.message);
  }
  std::vector<std::string>& ids = selection.ids;
  ids = request->names;
  if (ids.empty()) {
    for (const auto& [id, m] : modules) ids.push_back(id);
    for (const auto& [id, e] : broken) {
      if (!modules.count(id)) ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
  }
  for (const std::string& id : ids) {
    if (!modules.count(id) && !broken.count(id)) {
      std::vector<std::string> available;
      for (const auto& [known, m] : modules) available.push_back(known);
      return UsageError(absl::StrCat(
          "unknown module '", id, "'; available modules: ",
          available.empty() ? "none (plugin directory " + config->plugin_dir +
                                  " has no loadable plugin)"
                            : absl::StrJoin(available, ", ")));
    }
  }

  // A connection URL that does not parse is a configuration error: nothing
  // runs (exit 2), rather than that module failing while the others migrate.
  // A module with no connection configured at all stays a FAIL row of its own.
  std::map<std::string, absl::StatusOr<config::ConnectionUrl>> urls;
  for (const std::string& id : ids) {
    if (!modules.count(id)) continue;
    absl::StatusOr<config::ConnectionUrl> url = config::ResolveConnection(
        *config, id, modules[id]->service_config_path);
    if (!url.ok() && absl::IsInvalidArgument(url.status())) {
      return UsageError(url.status().message());
    }
    urls.emplace(id, std::move(url));
  }

  if (request->mode == Mode::kStatus || request->mode == Mode::kMigrations ||
      request->mode == Mode::kDryRun) {
    return RunInspection(*request, *config, selection);
  }

  engine::MigrateOptions options;
  options.target = request->target_version;
  options.mark_version = request->mark_version;
  options.lock_timeout_seconds =
      request->lock_timeout.value_or(config->lock_timeout_seconds);
  options.session.lock_wait_timeout_seconds = config->lock_wait_timeout_seconds;
  std::vector<engine::ModuleJob> jobs;
  for (const std::string& id : ids) {
    if (broken.count(id)) {
      jobs.push_back(FailingJob(id, id, broken[id]));
    } else if (const auto& url = urls.at(id); !url.ok()) {
      jobs.push_back(FailingJob(id, modules[id]->display_name,
                                std::string(url.status().message())));
    } else {
      jobs.push_back(MigrationJob(*modules[id], *url, options));
    }
  }

  bool table = request->format == Format::kTable;
  if (table) std::cout << report::RenderRunHeader(ids) << "\n" << std::flush;
  std::vector<report::ModuleResult> results = engine::RunIsolated(
      jobs, request->workers, ProgressOnTerminal(ids));
  if (table) {
    std::cout << report::RenderResultTable(results, request->verbose);
  } else if (request->format == Format::kJson) {
    std::cout << report::RenderResultsJson(results);
  } else {
    std::cout << report::RenderResultsValue(results, request->verbose);
  }
  std::cout << std::flush;
  bool all_ok = std::all_of(results.begin(), results.end(),
                            [](const auto& r) { return r.ok; });
  return all_ok ? kExitOk : kExitFail;
}

}  // namespace
}  // namespace aos::cli

int main(int argc, char** argv) { return aos::cli::Main(argc, argv); }
