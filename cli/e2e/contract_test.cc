// The plugin contract and the config file, end to end through the binary on
// a real MariaDB: plugins that take over the session, use versions beyond
// the bookkeeping's columns or forge rows with their names are refused at
// load (their row FAILs, their database untouched); a step's own session
// settings never reach the bookkeeping; errors are redacted by URL
// component, never by searching for the password; a config others may
// write is refused; an oslo.config service file is read as oslo.config
// reads it.
#include <sys/stat.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/e2e/migrate_fixture.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace aos::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

std::string TestPlugin(const std::string& name) {
  return absl::StrCat("testdata/broken_plugins/lib", name, ".so");
}

class ContractTest : public MigrateTest {
 protected:
  // Dashboard and the test plugin `name`, each with its database.
  std::string ConfigFor(const std::string& name) {
    AddModules({name});
    return Config(PluginDir({ShippedPlugin("dashboard"), TestPlugin(name)}));
  }

  // Runs every module; `name`'s row must FAIL with `expected`, Dashboard
  // must migrate, `name`'s database must stay untouched.
  void ExpectRefusedAtLoad(const std::string& name, const std::string& row,
                           const std::string& expected) {
    std::string config = ConfigFor(name);
    testing::CommandResult r = Migrate(config, {"-v"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    std::optional<ReportRow> bad = FindRow(r.out, row);
    ASSERT_TRUE(bad.has_value()) << r.out;
    EXPECT_EQ(bad->status, "FAIL");
    EXPECT_THAT(bad->result, HasWrappedSubstr(expected)) << r.out;
    std::optional<ReportRow> dashboard = FindRow(r.out, "Dashboard");
    ASSERT_TRUE(dashboard.has_value()) << r.out;
    EXPECT_EQ(dashboard->status, "OK") << r.out;
    EXPECT_THAT(Tables(name), IsEmpty());
    EXPECT_THAT(r.out, Not(HasSubstr("| 9 | Forged")));
  }
};

TEST_F(ContractTest, ScriptsThatTakeOverTheSessionAreRefusedAtLoad) {
  ExpectRefusedAtLoad("sessioncommit", "sessioncommit",
                      "statement 2 (line 1) is COMMIT: the tool owns "
                      "transactions");
}

TEST_F(ContractTest, SetAutocommitIsRefusedAtLoad) {
  ExpectRefusedAtLoad("sessionautocommit", "sessionautocommit",
                      "statement 1 (line 1) is SET AUTOCOMMIT");
}

TEST_F(ContractTest, UseIsRefusedAtLoad) {
  ExpectRefusedAtLoad("sessionuse", "sessionuse", "statement 1 (line 1) is USE");
}

TEST_F(ContractTest, VersionsBeyondTheBookkeepingColumnsAreRefusedAtLoad) {
  ExpectRefusedAtLoad("bigversion", "bigversion",
                      "versions must fit the bookkeeping's INTEGER columns");
}

TEST_F(ContractTest, ANameThatWouldForgeRowsIsRefusedAtLoad) {
  ExpectRefusedAtLoad("forgedname", "forgedname",
                      "display_name holds a control character (0x0a)");
}

// SET NAMES latin1, sql_mode and a user variable stay in the step's own
// session: the version, the history and the lock are written as always.
TEST_F(ContractTest, AStepsSessionSettingsNeverReachTheBookkeeping) {
  std::string config = ConfigFor("sessionsettings");
  testing::CommandResult r = Migrate(config, {"-n", "sessionsettings", "-v"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(RecordedVersion("sessionsettings"), "1");
  EXPECT_THAT(QueryDb("sessionsettings",
                      "SELECT repository_id, version, direction, outcome FROM "
                      "aos_migration_history"),
              ElementsAre("sessionsettings\t1\tupgrade\tok"));
  EXPECT_THAT(QueryDb("sessionsettings",
                      "SELECT COUNT(*) FROM aos_migration_lock"),
              ElementsAre("0"));
  testing::CommandResult again = Migrate(config, {"-n", "sessionsettings"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  std::optional<ReportRow> row = FindRow(again.out, "Hostile");
  ASSERT_TRUE(row.has_value()) << again.out;
  EXPECT_EQ(row->result, "No changes");
}

// Redaction goes by the URL's components: a password "o" leaves every "o"
// of the message alone, and a password equal to the user name does not
// hide the user name (which would tell that they are equal).
TEST_F(ContractTest, RedactionNeverMangledNorTelling) {
  ASSERT_TRUE(server_
                  ->Execute("CREATE USER IF NOT EXISTS 'aos_o'@'%' IDENTIFIED "
                            "BY 'right-one'; CREATE USER IF NOT EXISTS "
                            "'aos_same'@'%' IDENTIFIED BY 'right-one'")
                  .ok());
  for (const std::string user : {"aos_o", "aos_same"}) {
    SCOPED_TRACE(user);
    const std::string password = user == "aos_o" ? "o" : "aos_same";
    std::string config = ConfigWith(
        PluginDir({ShippedPlugin("dashboard")}),
        {{"dashboard", absl::StrCat("mysql+pymysql://", user, ":", password,
                                    "@127.0.0.1:", server_->port(), "/",
                                    Db("dashboard"))}});
    testing::CommandResult r = Migrate(config, {"-v", "-f", "json"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    absl::StatusOr<Json> doc = ParseJson(r.out);
    ASSERT_TRUE(doc.ok()) << doc.status() << r.out;
    const Json& row = JsonArray(doc->at("modules")).at(0);
    const std::string error = JsonString(row.at("error"));
    EXPECT_EQ(JsonString(row.at("category")), "access_denied") << error;
    EXPECT_THAT(error, HasSubstr(absl::StrCat("'", user, "'"))) << error;
    EXPECT_THAT(error, Not(HasSubstr("***"))) << error;
    EXPECT_THAT(error, HasSubstr("Error while getting migrate versions: "))
        << error;
  }
}

TEST_F(ContractTest, AConfigOthersMayWriteIsRefused) {
  std::string config = Config(PluginDir({ShippedPlugin("dashboard")}));
  ASSERT_EQ(chmod(config.c_str(), 0666), 0);
  testing::CommandResult r = Migrate(config, {});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("writable by group or others"));
  EXPECT_THAT(Tables("dashboard"), IsEmpty());

  std::string dir = config.substr(0, config.rfind('/'));
  testing::CommandResult d = Migrate(dir, {});
  EXPECT_EQ(d.exit_code, 2) << d.out << d.err;
  EXPECT_THAT(d.err, HasSubstr("not a regular file"));
}

TEST_F(ContractTest, UnknownConfigKeysAreWarnedWithTheClosestKnownKey) {
  std::string config = Config(PluginDir({ShippedPlugin("dashboard")}), 0,
                              "plugin_dri = /nowhere");
  testing::CommandResult r = Migrate(config, {});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("unknown key 'plugin_dri' in [DEFAULT]"));
  EXPECT_THAT(r.err, HasSubstr("did you mean 'plugin_dir'"));
}

// The service's own config, written as oslo.config wants it: the value in
// quotes, a '$' in the password doubled.
TEST_F(ContractTest, ServiceConfigReadAsOsloConfigReadsIt) {
  ASSERT_TRUE(server_
                  ->Execute(absl::StrCat(
                      "CREATE USER IF NOT EXISTS 'aos_dollar'@'%' IDENTIFIED "
                      "BY 'ab$cd'; GRANT ALL ON `",
                      Db("dashboard"), "`.* TO 'aos_dollar'@'%'"))
                  .ok());
  std::string service = WriteConfig(absl::StrCat(
      "[DEFAULT]\ndb_host = 127.0.0.1\n[database]\nconnection = "
      "\"mysql+pymysql://aos_dollar:ab$$cd@$db_host:",
      server_->port(), "/", Db("dashboard"), "\"\n"));
  std::string config = WriteConfig(absl::StrCat(
      "[DEFAULT]\nplugin_dir = ", PluginDir({ShippedPlugin("dashboard")}),
      "\n[dashboard]\nservice_config = ", service, "\n"));
  testing::CommandResult r = Migrate(config, {"-v"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(RecordedVersion("dashboard"),
            std::to_string(LatestVersion("dashboard")));
}

}  // namespace
}  // namespace aos::e2e
