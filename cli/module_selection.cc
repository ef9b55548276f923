#include "cli/module_selection.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace aos::cli {
namespace {

const plugin::ModulePlugin* FindLoaded(const plugin::PluginSet& plugins,
                                       const std::string& id) {
  for (const plugin::ModulePlugin& m : plugins.modules) {
    if (m.module_id == id) return &m;
  }
  return nullptr;
}

// Every load error of a module id, in one message, each text once. A file
// that could not even say its id does not veto a module another file
// loaded: its error goes to `warnings` instead.
std::map<std::string, std::string> LoadErrorsById(
    const plugin::PluginSet& plugins, std::vector<std::string>* warnings) {
  std::map<std::string, std::string> broken;
  for (const plugin::LoadError& e : plugins.errors) {
    if (!e.id_declared && FindLoaded(plugins, e.module_id) != nullptr) {
      warnings->push_back(absl::StrCat(
          e.message, " (ignored: module '", e.module_id,
          "' is loaded from another file)"));
      continue;
    }
    std::string& message = broken[e.module_id];
    if (absl::StrContains(message, e.message)) continue;
    message =
        message.empty() ? e.message : absl::StrCat(message, "; ", e.message);
  }
  return broken;
}

// Without -n: every module a plugin file claims, loaded or not, by id.
std::vector<std::string> EveryModule(
    const plugin::PluginSet& plugins,
    const std::map<std::string, std::string>& broken) {
  std::vector<std::string> ids;
  for (const plugin::ModulePlugin& m : plugins.modules)
    ids.push_back(m.module_id);
  for (const auto& [id, message] : broken) {
    if (FindLoaded(plugins, id) == nullptr) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

absl::Status UnknownModule(const std::string& id,
                           const plugin::PluginSet& plugins,
                           const config::ToolConfig& config) {
  std::vector<std::string> available;
  for (const plugin::ModulePlugin& m : plugins.modules) {
    available.push_back(m.module_id);
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown module '", id, "'; available modules: ",
      available.empty()
          ? absl::StrCat("none (plugin directory ", config.plugin_dir,
                         " has no loadable plugin)")
          : absl::StrJoin(available, ", ")));
}

// A connection URL that does not parse is a configuration error: nothing
// runs (exit 2), rather than that module failing while the others migrate.
// A module with no connection configured at all is a FAIL row of its own.
absl::StatusOr<SelectedModule> Select(const std::string& id,
                                      const plugin::ModulePlugin* loaded,
                                      const std::string* load_error,
                                      const config::ToolConfig& config) {
  SelectedModule module;
  module.id = id;
  // `loaded` is null only for a module whose plugin failed to load.
  absl::StatusOr<config::ConnectionUrl> url = absl::UnknownError("no plugin");
  if (loaded != nullptr) {
    url = config::ResolveConnection(config, id, loaded->service_config_path);
    if (!url.ok() && absl::IsInvalidArgument(url.status())) return url.status();
  }
  // Two files that both declare the id make the module unusable: which one
  // the operator meant is not known (LoadErrorsById).
  if (load_error != nullptr) {
    module.error = *load_error;
  } else if (!url.ok()) {
    module.plugin = loaded;
    module.error = std::string(url.status().message());
  } else {
    module.plugin = loaded;
    module.url = *std::move(url);
  }
  return module;
}

}  // namespace

std::vector<std::string> ModuleSelection::ids() const {
  std::vector<std::string> ids;
  for (const SelectedModule& m : modules) ids.push_back(m.id);
  return ids;
}

absl::StatusOr<ModuleSelection> SelectModules(
    const plugin::PluginSet& plugins, const std::vector<std::string>& names,
    const config::ToolConfig& config) {
  std::vector<std::string> warnings;
  const std::map<std::string, std::string> broken =
      LoadErrorsById(plugins, &warnings);
  const std::vector<std::string> ids =
      names.empty() ? EveryModule(plugins, broken) : names;
  for (const std::string& id : ids) {
    if (FindLoaded(plugins, id) == nullptr && broken.count(id) == 0) {
      return UnknownModule(id, plugins, config);
    }
  }
  ModuleSelection selection;
  selection.warnings = std::move(warnings);
  selection.loaded = &plugins.modules;  // issue 29
  for (const std::string& id : ids) {
    auto load_error = broken.find(id);
    absl::StatusOr<SelectedModule> module = Select(
        id, FindLoaded(plugins, id),
        load_error == broken.end() ? nullptr : &load_error->second, config);
    if (!module.ok()) return module.status();
    selection.modules.push_back(*std::move(module));
  }
  return selection;
}

}  // namespace aos::cli
