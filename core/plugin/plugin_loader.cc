#include "core/plugin/plugin_loader.h"

#include <dirent.h>
#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "core/plugin/descriptor_reader.h"
#include "core/plugin/module_id.h"
#include "core/plugin/trusted_file.h"

namespace aos::plugin {
std::string ModuleIdFromFileName(const std::string& path) {
  std::string file = path.substr(path.rfind('/') + 1);
  std::string name = file;
  if (absl::StartsWith(name, "lib")) name = name.substr(3);
  if (absl::EndsWith(name, ".so")) name = name.substr(0, name.size() - 3);
  return IsValidModuleId(name) ? name : file;
}

absl::StatusOr<ModulePlugin> LoadPlugin(const std::string& path) {
  absl::StatusOr<PluginFile> file = PluginFile::Open(path);
  if (!file.ok()) return file.status();
  return LoadPluginFile(*file);
}

absl::StatusOr<ModulePlugin> LoadPluginFile(PluginFile& file) {
  const std::string& path = file.path();
  const std::string proc = file.ProcPath();
  // RTLD_NOW: an unresolved symbol fails here, not in the middle of a step.
  void* handle = dlopen(proc.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* error = dlerror();
    return absl::FailedPreconditionError(absl::StrCat(
        path, ": cannot load: ",
        absl::StrReplaceAll(error ? error : "unknown dlopen error",
                            {{proc, path}})));
  }
  file.Release();  // the name `proc` stays this library's
  void* entry = dlsym(handle, AOS_MIGRATION_ENTRY_SYMBOL);
  if (entry == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat(path, ": no entry symbol ", AOS_MIGRATION_ENTRY_SYMBOL,
                     "; not an aos-db-migrate plugin"));
  }
  auto describe = reinterpret_cast<aos_migration_on_describe>(entry);
  absl::StatusOr<ModulePlugin> plugin = ReadDescriptor(describe(), path);
  if (!plugin.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat(path, ": ", plugin.status().message()));
  }
  // The handle is deliberately kept open for the life of the process.
  return plugin;
}

absl::StatusOr<std::vector<std::string>> ListPluginFiles(
    const std::string& dir) {
  struct stat st;
  if (stat(dir.c_str(), &st) != 0) {
    return absl::NotFoundError(absl::StrCat("plugin directory ", dir, ": ",
                                            std::strerror(errno)));
  }
  if (!S_ISDIR(st.st_mode)) {
    return absl::FailedPreconditionError(
        absl::StrCat("plugin directory ", dir, ": not a directory"));
  }
  if (absl::Status s = CheckTrusted(dir, st); !s.ok()) {
    return absl::PermissionDeniedError(
        absl::StrCat("plugin directory ", s.message()));
  }
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) {
    return absl::PermissionDeniedError(absl::StrCat(
        "plugin directory ", dir, ": ", std::strerror(errno)));
  }
  std::vector<std::string> paths;
  while (struct dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (absl::EndsWith(name, ".so") && name[0] != '.') {
      paths.push_back(absl::StrCat(dir, "/", name));
    }
  }
  closedir(d);
  std::sort(paths.begin(), paths.end());
  return paths;
}

PluginSet GroupByModule(
    std::vector<std::pair<std::string, absl::StatusOr<ModulePlugin>>> loaded) {
  PluginSet set;
  std::map<std::string, std::vector<ModulePlugin>> by_id;
  for (auto& [path, plugin] : loaded) {
    if (plugin.ok()) {
      by_id[plugin->module_id].push_back(*std::move(plugin));
    } else {
      set.errors.push_back({path, ModuleIdFromFileName(path), false,
                            std::string(plugin.status().message())});
    }
  }
  for (auto& [id, claimants] : by_id) {
    if (claimants.size() == 1) {
      set.modules.push_back(std::move(claimants[0]));
      continue;
    }
    std::vector<std::string> files;
    for (const ModulePlugin& p : claimants) files.push_back(p.path);
    // One text for every claimant: the module's row says it once.
    const std::string conflict = absl::StrCat(
        "module '", id, "' is claimed by ", files.size(), " files (",
        absl::StrJoin(files, ", "), "); remove all but one");
    for (const ModulePlugin& p : claimants) {
      set.errors.push_back({p.path, id, true, conflict});
    }
  }
  std::sort(set.errors.begin(), set.errors.end(),
            [](const LoadError& a, const LoadError& b) { return a.path < b.path; });
  return set;
}

absl::StatusOr<PluginSet> LoadPluginDirectory(const std::string& dir) {
  absl::StatusOr<std::vector<std::string>> paths = ListPluginFiles(dir);
  if (!paths.ok()) return paths.status();
  std::vector<std::pair<std::string, absl::StatusOr<ModulePlugin>>> loaded;
  for (const std::string& path : *paths) {
    loaded.emplace_back(path, LoadPlugin(path));
  }
  return GroupByModule(std::move(loaded));
}

}  // namespace aos::plugin
