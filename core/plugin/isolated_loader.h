// isolated_loader.h: loads a plugin directory without running any plugin
// code in this process.
//
// dlopen runs a plugin's constructors and the core then calls its describe:
// code that may crash, abort, throw, call exit, hang or print. So the files
// are loaded in a child process (one for all of them, the common case,
// costs one fork), which sends back what each plugin describes
// (plugin_codec.h). A file whose loading kills, stops or outlives the child
// (time limit per file) gets a LoadError that says so, and a new child
// loads the files after it: every other plugin still loads. Anything a
// plugin prints goes to stderr, never to stdout.
//
// Each file is opened here, once (PluginFile), judged and looked up in the
// cache by that descriptor; a file not found there is loaded by the child
// through the same descriptor (inherited), and cached under the identity
// it was opened with. What a run describes and caches is therefore the
// file it opened, even if the path (a symlink) names another meanwhile.
//
// The ModulePlugins returned carry no code-step functions: a module's own
// child loads its plugin again (LoadPlugin) to run a code step.
#ifndef AOS_CORE_PLUGIN_ISOLATED_LOADER_H_
#define AOS_CORE_PLUGIN_ISOLATED_LOADER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/plugin/plugin_loader.h"

namespace aos::plugin {

struct IsolationOptions {
  // How long one file may take to load (dlopen and describe).
  absl::Duration time_limit = absl::Seconds(30);
  // Where what was loaded is kept between runs (plugin_cache.h); "": no
  // cache. A file found there unchanged is not loaded again.
  std::string cache_file;
};

// LoadPluginDirectory (plugin_loader.h), in child processes.
absl::StatusOr<PluginSet> LoadPluginDirectoryIsolated(
    const std::string& dir, const IsolationOptions& options);

}  // namespace aos::plugin

#endif  // AOS_CORE_PLUGIN_ISOLATED_LOADER_H_
