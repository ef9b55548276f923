// shipped_modules.h: the seven modules the product ships, and their latest
// versions as their built plugins say (plugins/<id>/lib<id>.so in the
// test's runfiles, read with the product's own loader, core/plugin), so
// that a new migration in a plugin needs no change in any test.
#ifndef AOS_CLI_E2E_SHIPPED_MODULES_H_
#define AOS_CLI_E2E_SHIPPED_MODULES_H_

#include <cstdint>
#include <string>
#include <vector>

namespace aos::e2e {

// The module ids, sorted.
const std::vector<std::string>& ShippedModules();

// The runfiles path of a shipped module's plugin: plugins/<id>/lib<id>.so.
std::string ShippedPlugin(const std::string& module_id);

// A shipped module as its plugin describes it.
struct Latest {
  std::string module;  // module id, e.g. "cloud_manager"
  std::string name;    // display name, the report's Module name
  int64_t version;     // its latest migration
};

// Every shipped module, in ShippedModules() order. Loaded once; a plugin
// that does not load fails the test, naming it and why.
const std::vector<Latest>& LatestVersions();

// The latest version of one shipped module (fails the test, and gives 0,
// for an id that is not one).
int64_t LatestVersion(const std::string& module_id);

}  // namespace aos::e2e

#endif  // AOS_CLI_E2E_SHIPPED_MODULES_H_
