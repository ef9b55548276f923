// aos-db-migrate: the command behind `openstack aos db migrate`.
// argv -> Request -> plugins and config -> the selected modules, each
// connection resolved once -> one isolated run per module, or a view ->
// the spec's report on stdout -> exit status (0 OK, 1 FAIL, 2 usage).
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cli/accept_drift.h"
#include "cli/command_line.h"
#include "cli/forget_controller.h"
#include "cli/help_text.h"
#include "cli/inspect_views.h"
#include "cli/journal_outcome.h"
#include "cli/module_selection.h"
#include "cli/run_progress.h"
#include "core/config/tool_config.h"
#include "core/engine/isolation/isolated_runner.h"
#include "core/engine/module_migrator.h"
#include "core/engine/run_options.h"
#include "core/plugin/isolated_loader.h"
#include "core/plugin/plugin_file.h"
#include "core/plugin/plugin_loader.h"
#include "core/report/drift_report.h"
#include "core/report/machine_output.h"
#include "core/report/result_table.h"
#include "core/util/systemd_journal.h"
#include "core/util/systemd_notify.h"

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

void Warn(absl::string_view message) {
  std::cerr << "aos-db-migrate: warning: " << message << "\n";
}

// What every mode but --help needs: the config and the plugins.
struct Setup {
  config::ToolConfig config;
  plugin::PluginSet plugins;
};

// Fails on a configuration error; prints the config's warnings.
absl::StatusOr<Setup> LoadSetup(const Request& request) {
  Setup setup;
  absl::StatusOr<config::ToolConfig> config =
      config::LoadToolConfig(request.config_path, request.config_given);
  if (!config.ok()) return config.status();
  setup.config = *std::move(config);
  if (request.plugin_dir) setup.config.plugin_dir = *request.plugin_dir;
  // No plugin code runs in this process: the report is written here.
  absl::StatusOr<plugin::PluginSet> plugins =
      plugin::LoadPluginDirectoryIsolated(
          setup.config.plugin_dir,
          {absl::Seconds(setup.config.plugin_load_timeout_seconds),
           setup.config.plugin_cache});
  if (!plugins.ok()) return plugins.status();
  setup.plugins = *std::move(plugins);

  std::set<std::string> known_ids;
  for (const plugin::ModulePlugin& m : setup.plugins.modules) {
    known_ids.insert(m.module_id);
  }
  for (const plugin::LoadError& e : setup.plugins.errors) {
    known_ids.insert(e.module_id);
  }
  absl::StatusOr<std::vector<std::string>> warnings =
      config::CheckSections(setup.config, known_ids);
  if (!warnings.ok()) return warnings.status();
  for (const std::string& w : *warnings) Warn(w);
  for (const std::string& w : config::ConfigWarnings(setup.config)) Warn(w);
  return setup;
}

// --list: the spec's "Available modules:" and one module id a line.
int PrintList(const plugin::PluginSet& plugins) {
  for (const plugin::LoadError& e : plugins.errors) Warn(e.message);
  std::cout << "Available modules:\n";
  for (const plugin::ModulePlugin& m : plugins.modules) {
    std::cout << m.module_id << "\n";
  }
  return kExitOk;
}

// In a module's child: the plugin as loaded by the parent's loader when it
// is all SQL; loaded again here when it has code steps, whose functions
// live only in a process that loaded the library.
absl::StatusOr<plugin::ModulePlugin> WithCode(const plugin::ModulePlugin& p) {
  bool has_code = false;
  for (const plugin::Migration& m : p.migrations) {
    has_code |= m.upgrade.kind == plugin::Step::Kind::kCode ||
                (m.downgrade && m.downgrade->kind == plugin::Step::Kind::kCode);
  }
  if (!has_code) return p;
  // The very file that was described (plugin_file.h): a link swapped or a
  // file replaced since is refused, not loaded in its place.
  absl::StatusOr<plugin::PluginFile> file = plugin::PluginFile::Open(p.path);
  if (!file.ok()) return file.status();
  if (!p.file_key.empty() && plugin::FileKey(file->identity()) != p.file_key) {
    return absl::FailedPreconditionError(absl::StrCat(
        p.path, ": the file changed while the run started; run again"));
  }
  absl::StatusOr<plugin::ModulePlugin> loaded = plugin::LoadPluginFile(*file);
  if (loaded.ok() && (loaded->module_id != p.module_id ||
                      loaded->migrations.size() != p.migrations.size())) {
    return absl::FailedPreconditionError(absl::StrCat(
        p.path, ": the file changed while the run started; run again"));
  }
  return loaded;
}

report::ModuleResult LoadFailure(const plugin::ModulePlugin& p,
                                 const absl::Status& status) {
  report::ModuleResult failed;
  failed.module_id = p.module_id;
  failed.display_name = p.display_name;
  failed.error = std::string(status.message());
  return failed;
}

// The module's run in a child, after the parent's check for nothing to do;
// a FAIL row at once for a module that cannot run.
engine::ModuleJob JobFor(const SelectedModule& module,
                         const engine::MigrateOptions& options) {
  if (!module.url) {
    report::ModuleResult failed;
    failed.module_id = module.id;
    failed.display_name = module.display_name();
    failed.error = module.error;
    engine::ModuleJob job;
    job.module_id = module.id;
    job.display_name = module.display_name();
    job.run = [failed](const auto&) { return failed; };
    return job;
  }
  const plugin::ModulePlugin& plugin = *module.plugin;
  const config::ConnectionUrl& url = *module.url;
  return {module.id, module.display_name(),
          [&plugin, url, options](const engine::ProgressSink& progress) {
            absl::StatusOr<plugin::ModulePlugin> runnable = WithCode(plugin);
            if (!runnable.ok()) return LoadFailure(plugin, runnable.status());
            return engine::MigrateModule(*runnable, url, options, progress);
          },
          [&plugin, url, options] {
            return engine::SettledResult(plugin, url, options);
          }};
}

// Where the run's progress goes (run_progress.h): stderr, rewritten in
// place on a terminal, and systemd when `notifier` has its socket.
RunProgress::Output ProgressOutput(const util::SystemdNotifier& notifier) {
  RunProgress::Output out;
  out.terminal = isatty(STDERR_FILENO);
  winsize size{};
  if (out.terminal && ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    out.width = size.ws_col;
  }
  out.err = &std::cerr;
  if (notifier.active()) {
    out.systemd = [&notifier](const std::string& message) { notifier.Send(message); };
  }
  return out;
}

std::string RenderResults(const Request& request,
                          const std::vector<report::ModuleResult>& results) {
  switch (request.format) {
    case Format::kJson:
      return report::RenderResultsJson(results);
    case Format::kValue:
      return report::RenderResultsValue(results, request.verbose);
    case Format::kTable:
      break;
  }
  return report::RenderResultTable(results, request.verbose);
}

// Issue 29: on_drift = warn: each module that ran on a drifted schema,
// and how, on stderr (its JSON has them too).
void WarnDrift(const std::vector<report::ModuleResult>& results) {
  for (const report::ModuleResult& r : results) {
    const std::vector<report::DriftItem> drifted = r.drift.Drifted();
    if (drifted.empty()) continue;
    Warn(absl::StrCat(r.module_id, ": ", r.drift.Note(), " from what version ",
                      r.drift.version,
                      " should have (on_drift = warn: the run went on):"));
    for (const report::DriftItem& item : drifted) {
      Warn(absl::StrCat(r.module_id, ":   ", report::DriftLine(item)));
    }
  }
}

// --accept-drift: reported as a run is.
int RunAcceptDrift(const Request& request, const config::ToolConfig& config,
                   const ModuleSelection& selection) {
  if (request.format == Format::kTable) {
    std::cout << report::RenderRunHeader(selection.ids()) << "\n" << std::flush;
  }
  std::vector<report::ModuleResult> results =
      AcceptDrift(request, config, selection);
  std::cout << RenderResults(request, results) << std::flush;
  bool all_ok = std::all_of(results.begin(), results.end(),
                            [](const report::ModuleResult& r) { return r.ok; });
  return all_ok ? kExitOk : kExitFail;
}

// A migrate run (or --mark-version): every selected module in a child of
// its own, workers at a time.
int RunMigrations(const Request& request, const config::ToolConfig& config,
                  const ModuleSelection& selection, const util::SystemdNotifier& notifier) {
  RunProgress::Output output = ProgressOutput(notifier);
  engine::MigrateOptions options = engine::RunOptionsFor(RunAskOf(request), config);
  options.statement_progress = output.terminal || output.systemd != nullptr;
  options.drift.loaded = selection.loaded;  // issue 29
  std::vector<engine::ModuleJob> jobs;
  for (const SelectedModule& module : selection.modules) {
    jobs.push_back(JobFor(module, options));
  }
  const std::vector<std::string> ids = selection.ids();
  if (request.format == Format::kTable) {
    std::cout << report::RenderRunHeader(ids) << "\n" << std::flush;
  }
  RunProgress progress(ids, std::move(output));
  std::vector<report::ModuleResult> results =
      engine::RunIsolated(jobs, request.workers, progress.Observers());
  progress.Finish(results);
  if (options.drift.on_drift == engine::OnDrift::kWarn) WarnDrift(results);
  SendOutcomes(util::JournalForStderr(), results);  // issue 28: when stderr is the journal
  std::cout << RenderResults(request, results) << std::flush;
  bool all_ok = std::all_of(results.begin(), results.end(),
                            [](const report::ModuleResult& r) { return r.ok; });
  return all_ok ? kExitOk : kExitFail;
}

int Main(int argc, char** argv) {
  // Taken before anything is started: no child speaks for the service.
  const util::SystemdNotifier notifier = util::SystemdNotifier::FromEnvironment();
  absl::StatusOr<Request> request = ParseCommandLine(argc, argv);
  if (!request.ok()) return UsageError(request.status().message());
  if (request->mode == Mode::kHelp) {
    std::cout << HelpText();
    return kExitOk;
  }
  absl::StatusOr<Setup> setup = LoadSetup(*request);
  if (!setup.ok()) return UsageError(setup.status().message());
  if (request->mode == Mode::kList) return PrintList(setup->plugins);

  // Holds pointers into setup->plugins, which stays where it is.
  absl::StatusOr<ModuleSelection> selection =
      SelectModules(setup->plugins, request->names, setup->config);
  if (!selection.ok()) return UsageError(selection.status().message());
  for (const std::string& w : selection->warnings) Warn(w);
  switch (request->mode) {
    case Mode::kStatus:
    case Mode::kMigrations:
    case Mode::kDryRun:
    case Mode::kCheck:
      return RunInspection(*request, setup->config, *selection);
    case Mode::kForgetController:
      return RunForgetController(*request, setup->config, *selection);
    case Mode::kAcceptDrift:  // issue 29
      return RunAcceptDrift(*request, setup->config, *selection);
    case Mode::kMigrate:
    case Mode::kMarkVersion:
    case Mode::kList:
    case Mode::kHelp:
      break;
  }
  return RunMigrations(*request, setup->config, *selection, notifier);
}

}  // namespace
}  // namespace aos::cli

int main(int argc, char** argv) { return aos::cli::Main(argc, argv); }
