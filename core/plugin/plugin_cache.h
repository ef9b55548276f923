// plugin_cache.h: what the isolated loader learnt of each plugin file, kept
// between runs, so that a controller start with unchanged plugins forks no
// loader and runs no plugin code before the report.
//
// An entry is found only for the same path with the same identity (FileKey:
// device, inode, size, modification and change times, mode, owner: any
// write, chmod, chown or replacement changes one) under the same
// aos-db-migrate binary. The identity is always that of the file opened
// (PluginFile: the fstat of the descriptor the plugin was loaded through),
// never a stat of the path taken apart from the loading: a path that names
// another file between the look and the load (a symlink swapped) cannot
// pair one file's identity with another's statements. A file changed less
// than two seconds before it was opened, or changed between its opening and
// the end of its loading, is not stored (a timestamp tick is coarse: the
// file may still be changing within it), git's "racily clean" rule. Only
// plugins that loaded are kept: a failure is looked at again on every run.
//
// The cache decides which SQL root runs, so it is trusted as the plugin
// directory is: a regular file owned by the invoking user, mode 0600, in a
// directory owned by root or that user and writable by nobody else, or it
// is ignored (and rewritten when it can be). It is written to a temporary
// file and renamed, never in place. Every failure to read or write it only
// costs the loading it would have saved.
#ifndef AOS_CORE_PLUGIN_PLUGIN_CACHE_H_
#define AOS_CORE_PLUGIN_PLUGIN_CACHE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "core/plugin/module_plugin.h"
#include "core/plugin/plugin_file.h"

namespace aos::plugin {

class PluginCache {
 public:
  // Reads the cache at `path`; "" or an absent, unsafe, damaged or foreign
  // (another binary's) cache reads as empty.
  // `settled`: how long ago a file must have last changed to be stored.
  static PluginCache Open(const std::string& path,
                          absl::Duration settled = absl::Seconds(2));

  // The plugin stored for `file`'s path under the identity `file` was
  // opened with, if any.
  std::optional<ModulePlugin> Find(const PluginFile& file) const;

  // Keeps `plugin`, loaded through `file`'s descriptor, for its path under
  // the identity it was opened with. Ignored when that identity is too
  // recent to be trusted or the file has changed since it was opened.
  void Put(const PluginFile& file, const ModulePlugin& plugin);

  // Drops the entries of files no longer in `dir` (whose plugin files are
  // `paths`) or gone from anywhere.
  void Retain(const std::string& dir, const std::vector<std::string>& paths);

  // Writes the cache back when it changed (creating its directory, mode
  // 0700, when missing). A failure changes nothing on disk but is returned.
  absl::Status Save();

 private:
  struct Entry {
    std::string key;    // the file's identity, see FileKey
    std::string bytes;  // plugin_codec
  };
  std::string path_;
  absl::Duration settled_;
  std::map<std::string, Entry> entries_;  // by plugin path
  bool changed_ = false;
};

}  // namespace aos::plugin

#endif  // AOS_CORE_PLUGIN_PLUGIN_CACHE_H_
