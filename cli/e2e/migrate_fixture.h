// migrate_fixture.h: the end-to-end test fixture. One private MariaDB per
// test binary, seven fresh module databases per test, the real plugins in a
// plugin directory of the test's own, and the built aos-db-migrate run as a
// separate process. It brings the shared helpers with it: process_helpers.h
// (waiting, with limits), report_parser.h (reading the tool's outputs) and
// shipped_modules.h (the modules and their latest versions).
#ifndef AOS_CLI_E2E_MIGRATE_FIXTURE_H_
#define AOS_CLI_E2E_MIGRATE_FIXTURE_H_

#include <map>
#include <string>
#include <vector>

#include "cli/e2e/process_helpers.h"
#include "cli/e2e/report_parser.h"
#include "cli/e2e/shipped_modules.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/testing/command_runner.h"
#include "tools/testing/mariadb_server.h"

namespace aos::e2e {

// A new plugin directory holding these built plugins (runfiles paths, e.g.
// ShippedPlugin("dashboard")); default: the seven shipped ones.
std::string NewPluginDir(std::vector<std::string> plugins = {});

class MigrateTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;

  // NewPluginDir(plugins).
  std::string PluginDir(std::vector<std::string> plugins = {});

  // A config whose [module] connection points at this test's database of
  // the module on `port` (default: the test server's), for every shipped
  // module whose plugin is in `plugin_dir` and every module added with
  // AddModules().
  std::string Config(const std::string& plugin_dir, int port = 0,
                     const std::string& extra = "");

  // Like Config(), but the modules named in `connections` get that URL
  // instead (the others keep theirs; a module named there is configured
  // even without a plugin).
  std::string ConfigWith(const std::string& plugin_dir,
                         const std::map<std::string, std::string>& connections);

  // Writes `text` as a config file of its own and returns its path.
  std::string WriteConfig(const std::string& text);

  // The URL Config() writes for `module`.
  std::string Url(const std::string& module, int port = 0) const;

  // Modules beyond the shipped seven (test plugins): each gets a fresh
  // database of this test and a connection in every later Config().
  void AddModules(const std::vector<std::string>& module_ids);

  // Runs aos-db-migrate with --config `config` and `args`
  // (RunCommandOrFail: a run over the time limit fails the test).
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

  // The tables of the module's database, sorted ({} for an untouched one).
  std::vector<std::string> Tables(const std::string& module);

  // Rows of a query on the module's database, as MariadbServer::Query
  // gives them (columns joined by tab); fails the test on error.
  std::vector<std::string> QueryDb(const std::string& module,
                                   const std::string& sql);

  // Polls `sql` on the module's database until it returns `want` as its
  // only row (true), for up to `seconds` (false).
  bool WaitForRow(const std::string& module, const std::string& sql,
                  const std::string& want, int seconds);

  // The modules Config() writes a section for (see there).
  std::vector<std::string> ConfiguredModules(
      const std::string& plugin_dir) const;

  static testing::MariadbServer* server_;
  std::string prefix_;  // this test's database name prefix
  std::vector<std::string> extra_modules_;  // added with AddModules()
};

// The golden file testdata/golden/<name>.
std::string Golden(const std::string& name);

}  // namespace aos::e2e

#endif  // AOS_CLI_E2E_MIGRATE_FIXTURE_H_
