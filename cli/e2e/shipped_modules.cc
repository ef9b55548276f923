#include "cli/e2e/shipped_modules.h"

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "core/plugin/plugin_loader.h"
#include "gtest/gtest.h"
#include "tools/testing/command_runner.h"

namespace aos::e2e {

const std::vector<std::string>& ShippedModules() {
  static const std::vector<std::string> kModules = {
      "cloud_manager", "clouds",    "dashboard", "journal",
      "monitor",       "rs_server", "scheduler"};
  return kModules;
}

std::string ShippedPlugin(const std::string& module_id) {
  return absl::StrCat("plugins/", module_id, "/lib", module_id, ".so");
}

const std::vector<Latest>& LatestVersions() {
  static const std::vector<Latest>* const kLatest = [] {
    auto* latest = new std::vector<Latest>;
    for (const std::string& id : ShippedModules()) {
      // The plugin stays loaded (the loader never unloads): harmless here.
      absl::StatusOr<plugin::ModulePlugin> p =
          plugin::LoadPlugin(testing::Runfile(ShippedPlugin(id)));
      if (!p.ok()) {
        ADD_FAILURE() << "the latest version of " << id
                      << " is unknown: " << p.status();
        latest->push_back({id, "", 0});
        continue;
      }
      EXPECT_EQ(p->module_id, id) << p->path;
      latest->push_back({id, p->display_name, p->LatestVersion()});
    }
    return latest;
  }();
  return *kLatest;
}

int64_t LatestVersion(const std::string& module_id) {
  for (const Latest& l : LatestVersions()) {
    if (l.module == module_id) return l.version;
  }
  ADD_FAILURE() << module_id << " is not a shipped module";
  return 0;
}

}  // namespace aos::e2e
