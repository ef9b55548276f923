// migrate_fixture.h: the end-to-end test fixture. One private MariaDB per
// test binary, seven fresh module databases per test, the real plugins in a
// plugin directory of the test's own, and the built aos-db-migrate run as a
// separate process.
#ifndef AOS_CLI_E2E_MIGRATE_FIXTURE_H_
#define AOS_CLI_E2E_MIGRATE_FIXTURE_H_

#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tools/testing/command_runner.h"
#include "tools/testing/mariadb_server.h"

namespace aos::e2e {

// The seven modules the product ships, by module id.
const std::vector<std::string>& ShippedModules();

class MigrateTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;

  // A new plugin directory holding these built plugins (runfiles paths,
  // e.g. "plugins/dashboard/libdashboard.so"); default: all seven.
  std::string PluginDir(std::vector<std::string> plugins = {});

  // A config whose [module] connection points at this test's database of
  // the module on `port` (default: the test server's).
  std::string Config(const std::string& plugin_dir, int port = 0,
                     const std::string& extra = "");

  // Runs aos-db-migrate with --config `config` and `args`.
  testing::CommandResult Migrate(const std::string& config,
                                 const std::vector<std::string>& args);

  // Brings `module` to `version` with the tool itself (fails the test if
  // that fails).
  void PrepareAt(const std::string& config, const std::string& module,
                 int version);

  // The module's database name in this test.
  std::string Db(const std::string& module) const;

  // The recorded version of `module` ("" if none).
  std::string RecordedVersion(const std::string& module);

  static testing::MariadbServer* server_;
  std::string prefix_;  // this test's database name prefix
};

// The golden file testdata/golden/<name>.
std::string Golden(const std::string& name);

}  // namespace aos::e2e

#endif  // AOS_CLI_E2E_MIGRATE_FIXTURE_H_
