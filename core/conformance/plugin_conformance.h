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
//    it;
//  - the phase rules of a rolling upgrade (phase_rules.h), on the schema the
//    first up of each step leaves: an expand step only adds, a migrate step
//    changes no schema; with WalkOptions::previous_queries, the previous
//    release's queries keep working on every expanded schema;
//  - drift (expected_schema_check.h): after every up and every down, the
//    live schema is the one the plugin ships for that version on that
//    engine; a plugin that ships none passes with "drift: not known".
#ifndef AOS_CORE_CONFORMANCE_PLUGIN_CONFORMANCE_H_
#define AOS_CORE_CONFORMANCE_PLUGIN_CONFORMANCE_H_

#include <cstdint>
#include <functional>
#include <map>
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

struct WalkOptions {
  // The previous release's queries (SQL statements separated by ';', in a
  // transaction rolled back after them) must run at version
  // `previous_release` (its latest migration) and after every expand and
  // migrate step above it, up to the first contract or unspecified one.
  // Empty: not run.
  std::string previous_queries;
  int64_t previous_release = 0;
  // Not null: the walk records each version's live schema here
  // (FormatSchemaObjects text; aos-plugin-check --write-expected-schemas)
  // instead of comparing it with the shipped one.
  std::map<int64_t, std::string>* record_expected_schemas = nullptr;
};

// Walks the module's versions on the empty database `url`. `log` receives
// one line per step for the operator.
std::vector<CheckResult> SnakeWalk(
    const plugin::ModulePlugin& module, const config::ConnectionUrl& url,
    const std::function<void(const std::string&)>& log,
    const WalkOptions& options = {});

}  // namespace aos::conformance

#endif  // AOS_CORE_CONFORMANCE_PLUGIN_CONFORMANCE_H_
