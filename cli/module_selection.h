// module_selection.h: the modules a run is about, in report order, each
// with its loaded plugin and its connection URL, resolved once for the
// migrate run and the views alike, or with why it cannot run.
#ifndef AOS_CLI_MODULE_SELECTION_H_
#define AOS_CLI_MODULE_SELECTION_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/config/connection_url.h"
#include "core/config/tool_config.h"
#include "core/plugin/module_plugin.h"
#include "core/plugin/plugin_loader.h"

namespace aos::cli {

struct SelectedModule {
  std::string id;
  // Null when the module's plugin failed to load; `error` says why.
  const plugin::ModulePlugin* plugin = nullptr;
  // Set exactly when `error` is empty.
  std::optional<config::ConnectionUrl> url;
  // Why the module cannot be run or inspected: its plugin's load error(s),
  // or that no connection is configured for it. Its row says so.
  std::string error;

  const std::string& display_name() const {
    return plugin != nullptr ? plugin->display_name : id;
  }
};

struct ModuleSelection {
  std::vector<SelectedModule> modules;  // -n order, else by module id
  // Files that failed to load beside a plugin that loaded the module their
  // name suggests (a stray "dashboard.so" beside "libdashboard.so"): told
  // on stderr, never the module's row.
  std::vector<std::string> warnings;
  // Every module whose plugin loaded (issue 29: the drift reader tells
  // whose a table is by them, engine/drift/drift_policy.h).
  const std::vector<plugin::ModulePlugin>* loaded = nullptr;

  std::vector<std::string> ids() const;
};

// The modules `names` asks for (every module when empty, broken plugins
// included), with their URLs from `config`. Fails (InvalidArgument, a usage
// or configuration error: nothing may run) on a name no plugin file claims
// and on a connection URL that does not parse. `plugins` must outlive the
// selection.
absl::StatusOr<ModuleSelection> SelectModules(
    const plugin::PluginSet& plugins, const std::vector<std::string>& names,
    const config::ToolConfig& config);

}  // namespace aos::cli

#endif  // AOS_CLI_MODULE_SELECTION_H_
