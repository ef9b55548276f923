// plugin_conformance.h: what every module plugin must satisfy, checked the
// way a module's own CI runs it (tools/plugin_check):
//  - its descriptor: identity, non-empty descriptions, every SQL script of
//    every dialect splits into statements;
//  - the snake walk (oslo.db's WalkVersionsMixin): from an empty database,
//    for every version v: up to v, down to v-1, up to v again; after every
//    down the schema equals the schema before the matching up;
//  - up to the latest and down to the base leaves nothing but the tool's
//    bookkeeping tables;
//  - a migration without downgrade is refused clearly by --migration below
//    it.
#ifndef AOS_CORE_CONFORMANCE_PLUGIN_CONFORMANCE_H_
#define AOS_CORE_CONFORMANCE_PLUGIN_CONFORMANCE_H_

#include <functional>
#include <string>
#include <vector>

#include "core/config/connection_url.h"
#include "core/plugin/module_plugin.h"

namespace aos::conformance {

struct CheckResult {
  bool ok = true;
  std::string name;    // what was checked
  std::string detail;  // why it failed (a schema diff, an error)

  static CheckResult Pass(std::string name) {
    return {true, std::move(name), ""};
  }
  static CheckResult Failure(std::string name, std::string detail) {
    return {false, std::move(name), std::move(detail)};
  }
};

std::vector<CheckResult> CheckDescriptor(const plugin::ModulePlugin& module);

// Walks the module's versions on the empty database `url`. `log` receives
// one line per step for the operator.
std::vector<CheckResult> SnakeWalk(
    const plugin::ModulePlugin& module, const config::ConnectionUrl& url,
    const std::function<void(const std::string&)>& log);

}  // namespace aos::conformance

#endif  // AOS_CORE_CONFORMANCE_PLUGIN_CONFORMANCE_H_
