// plugin_info: prints what a module plugin's package is named and versioned
// from, read from the built plugin itself, so a package can never claim
// another version than the migrations it carries:
//
//   $ plugin_info bazel-bin/plugins/journal/libjournal.so
//   module_id=journal
//   display_name=Journal
//   latest_version=5
//   release=1
//   abi_major=1
//   abi_minor=1
//
// The plugin is loaded and checked as aos-db-migrate loads it (dlopen, the
// entry symbol, the descriptor checks); a plugin the tool would refuse is
// refused here too, so no package is built from it. Exit 0, or 1 with the
// reason on stderr. Used by tools/packaging/make-debs.
#include <dlfcn.h>

#include <iostream>
#include <string>

#include "core/abi/aos_migration_abi.h"
#include "core/plugin/descriptor_reader.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: plugin_info PLUGIN.so\n";
    return 2;
  }
  std::string path = argv[1];
  if (path.find('/') == std::string::npos) path = "./" + path;  // no search
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    std::cerr << "plugin_info: " << dlerror() << "\n";
    return 1;
  }
  auto entry = reinterpret_cast<aos_migration_on_describe>(
      dlsym(handle, AOS_MIGRATION_ENTRY_SYMBOL));
  if (entry == nullptr) {
    std::cerr << "plugin_info: " << path << ": no entry symbol "
              << AOS_MIGRATION_ENTRY_SYMBOL << "\n";
    return 1;
  }
  const aos_migration_descriptor* d = entry();
  if (d == nullptr) {
    std::cerr << "plugin_info: " << path << ": the entry returned no descriptor\n";
    return 1;
  }
  auto plugin = aos::plugin::ReadDescriptor(d, path);
  if (!plugin.ok()) {
    std::cerr << "plugin_info: " << path << ": " << plugin.status().message()
              << "\n";
    return 1;
  }
  // ReadDescriptor has checked struct_size, magic and the ABI version.
  std::cout << "module_id=" << plugin->module_id << "\n"
            << "display_name=" << plugin->display_name << "\n"
            << "latest_version=" << plugin->LatestVersion() << "\n"
            << "release=" << plugin->release << "\n"
            << "abi_major=" << d->abi_major << "\n"
            << "abi_minor=" << d->abi_minor << "\n";
  return 0;
}
