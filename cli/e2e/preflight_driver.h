// preflight_driver.h: what the pre-flight end-to-end tests share
// (preflight_test.cc, preflight_hostile_test.cc): one engine as a test
// drives it, the -f json documents read, and the MariaDB fixture.
#ifndef AOS_CLI_E2E_PREFLIGHT_DRIVER_H_
#define AOS_CLI_E2E_PREFLIGHT_DRIVER_H_

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/report_parser.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tools/testing/command_runner.h"

namespace aos::e2e {

inline constexpr char kKinds[] =
    "testdata/preflight_plugins/kinds/libpfkinds.so";
inline constexpr char kHostile[] =
    "testdata/preflight_plugins/hostile/libpfhostile.so";

// One engine, as the test drives it.
struct Engine {
  std::function<testing::CommandResult(const std::vector<std::string>&)>
      migrate;
  std::function<void(const std::string&)> exec;  // on the module's database
  std::function<bool(const std::string&)> has_table;
  std::function<std::string()> version;  // pfkinds' recorded version
};

// The -f json row of the run's only module.
inline Json Row(const testing::CommandResult& r) {
  absl::StatusOr<Json> doc = ParseJson(r.out);
  EXPECT_TRUE(doc.ok()) << doc.status() << "\n" << r.out << r.err;
  if (!doc.ok()) return Json::object();
  return doc->at("modules").at(0);
}

// The "preflight" findings of the first step of a --dry-run or --status
// document (`steps` or `pending`).
inline std::vector<Json> Findings(const testing::CommandResult& r,
                                  const char* key) {
  absl::StatusOr<Json> doc = ParseJson(r.out);
  EXPECT_TRUE(doc.ok()) << doc.status() << "\n" << r.out << r.err;
  if (!doc.ok()) return {};
  const Json& steps = doc->at("modules").at(0).at(key);
  if (steps.empty()) return {};
  return JsonArray(steps.at(0).at("preflight"));
}

// The MariaDB fixture, with an Engine on one module's database.
class MariadbPreflightTest : public MigrateTest {
 protected:
  Engine Drive(const std::string& config, const std::string& module) {
    Engine e;
    e.migrate = [this, config](const std::vector<std::string>& args) {
      return Migrate(config, args);
    };
    e.exec = [this, module](const std::string& sql) {
      absl::Status st = server_->Execute(sql, Db(module));
      EXPECT_TRUE(st.ok()) << st << "\n" << sql;
    };
    e.has_table = [this, module](const std::string& table) {
      std::vector<std::string> tables = Tables(module);
      return std::find(tables.begin(), tables.end(), table) != tables.end();
    };
    e.version = [this, module] { return RecordedVersion(module); };
    return e;
  }
};

}  // namespace aos::e2e

#endif  // AOS_CLI_E2E_PREFLIGHT_DRIVER_H_
