// plugin_loader.h: finds and loads the module plugins of a directory.
//
// Every *.so in the directory is dlopened RTLD_NOW | RTLD_LOCAL, its one entry
// symbol called and its descriptor checked (descriptor_reader.h). A file that
// fails any check yields a LoadError naming the file and the reason; the
// other files still load. Libraries are never dlclosed: the plugins' code
// steps and strings stay valid for the life of the process.
//
// Because root runs this at boot, the directory and every plugin file must be
// owned by root or by the invoking user and be writable by nobody else, and
// each file is judged where it really is (a symlink is followed: its
// target is judged, with the directories that hold it; trusted_file.h).
// A file is opened once and loaded through that descriptor (plugin_file.h):
// what is loaded is what was judged, whatever the path names meanwhile.
#ifndef AOS_CORE_PLUGIN_PLUGIN_LOADER_H_
#define AOS_CORE_PLUGIN_PLUGIN_LOADER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "core/plugin/module_plugin.h"
#include "core/plugin/plugin_file.h"

namespace aos::plugin {

struct LoadError {
  std::string path;
  // Declared by the file (`id_declared`: it loaded, but another file claims
  // the same id), else guessed from the file name: lib<id>.so or <id>.so.
  std::string module_id;
  bool id_declared = false;
  std::string message;  // "<path>: <reason>", or the claim conflict
};

struct PluginSet {
  std::vector<ModulePlugin> modules;  // sorted by module id
  std::vector<LoadError> errors;      // sorted by path
};

// Loads one plugin file (PluginFile::Open, then LoadPluginFile).
absl::StatusOr<ModulePlugin> LoadPlugin(const std::string& path);

// Loads the file open as `file` through /proc/self/fd/N, never by its path.
// Once a library is loaded the descriptor is released (left open for the
// life of the process): the dynamic loader knows a library by the name it
// was given, and that number must never name another file here.
absl::StatusOr<ModulePlugin> LoadPluginFile(PluginFile& file);

// Loads every *.so in `dir`, in this process (isolated_loader.h loads them
// in a child). Fails as a whole only when the directory itself cannot be
// used (missing, unreadable, unsafe ownership or permissions). Two files
// claiming one module id both become errors: the tool will not guess which
// one the operator meant.
absl::StatusOr<PluginSet> LoadPluginDirectory(const std::string& dir);

// The parts of LoadPluginDirectory: the *.so paths of `dir`, sorted, after
// the directory's checks; and the set made of each path's outcome (claims
// of one module id by several files become errors).
absl::StatusOr<std::vector<std::string>> ListPluginFiles(const std::string& dir);
PluginSet GroupByModule(
    std::vector<std::pair<std::string, absl::StatusOr<ModulePlugin>>> loaded);

// The module id a file name suggests (lib<id>.so or <id>.so), for the row
// of a file that could not say it itself; the file name when that is not a
// module id.
std::string ModuleIdFromFileName(const std::string& path);

}  // namespace aos::plugin

#endif  // AOS_CORE_PLUGIN_PLUGIN_LOADER_H_
