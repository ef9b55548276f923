// migrate_fixture.h: the end-to-end test fixture. One private MariaDB per
// test binary, seven fresh module databases per test, the real plugins in a
// plugin directory of the test's own, and the built aos-db-migrate run as a
// separate process.
#ifndef AOS_CLI_E2E_MIGRATE_FIXTURE_H_
#define AOS_CLI_E2E_MIGRATE_FIXTURE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
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

  // The tables of the module's database, sorted ({} for an untouched one).
  std::vector<std::string> Tables(const std::string& module);

  // Rows of a query on the module's database, as MariadbServer::Query
  // gives them (columns joined by tab); fails the test on error.
  std::vector<std::string> QueryDb(const std::string& module,
                                   const std::string& sql);

  // The modules Config() writes a section for (see there).
  std::vector<std::string> ConfiguredModules(
      const std::string& plugin_dir) const;

  static testing::MariadbServer* server_;
  std::string prefix_;  // this test's database name prefix
  std::vector<std::string> extra_modules_;  // added with AddModules()
};

// One row of the report ("DB migrate table"), its Result continuation rows
// joined with single spaces.
struct ReportRow {
  std::string number;
  std::string name;
  std::string status;
  std::string result;
};

// The rows of the report in `out`, in order ({} when there is no table).
std::vector<ReportRow> ParseReport(const std::string& out);

// The row whose Module name is `name`, if any.
std::optional<ReportRow> FindRow(const std::string& out,
                                 const std::string& name);

// `text` without any whitespace: the table wraps the Result column at word
// boundaries and cuts words longer than the column (paths), so a message is
// compared with every blank removed from both sides.
std::string WithoutBlanks(const std::string& text);

// Matches a string containing `needle` wherever the table wrapped either.
MATCHER_P(HasWrappedSubstr, needle,
          absl::StrCat(negation ? "doesn't contain" : "contains", " \"",
                       needle, "\" (ignoring blanks)")) {
  return absl::StrContains(WithoutBlanks(arg), WithoutBlanks(needle));
}

// The golden file testdata/golden/<name>.
std::string Golden(const std::string& name);

}  // namespace aos::e2e

#endif  // AOS_CLI_E2E_MIGRATE_FIXTURE_H_
