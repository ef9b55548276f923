// Where a module's connection comes from when the tool's config gives none:
// the module's service's own oslo.config file ([database] connection, or the
// legacy [DEFAULT] sql_connection and [sql] connection), at the path the
// plugin declares or the `service_config` of the module's section. The URL
// spellings the services use (mysql://, mysql+mysqldb://, mysql+pymysql://,
// percent-encoded credentials, ?charset=, ?unix_socket=) must all connect.
#include <sys/stat.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/e2e/migrate_fixture.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::e2e {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class ServiceConfigTest : public MigrateTest {
 protected:
  // Writes a service's oslo.config file under TEST_TMPDIR; returns its path.
  std::string ServiceConfig(const std::string& module, const std::string& text) {
    std::string path =
        absl::StrCat(testing::NewTempDir("service."), "/", module, ".conf");
    testing::WriteFile(path, text);
    return path;
  }

  // The tool's config: no connection anywhere; each module named in
  // `sections` gets a section with those lines (e.g. "service_config = x").
  std::string ToolConfig(const std::string& plugin_dir,
                         const std::map<std::string, std::string>& sections) {
    std::string text = absl::StrCat("[DEFAULT]\nplugin_dir = ", plugin_dir,
                                    "\nlock_timeout = 30\n");
    for (const auto& [module, lines] : sections) {
      absl::StrAppend(&text, "\n[", module, "]\n", lines, "\n");
    }
    return WriteConfig(text);
  }

  std::string Override(const std::string& path) {
    return "service_config = " + path;
  }

  // A database of this test that no module uses (must stay untouched).
  std::string Decoy(const std::string& name) {
    EXPECT_TRUE(server_
                    ->Execute(absl::StrCat("DROP DATABASE IF EXISTS ", Db(name),
                                           "; CREATE DATABASE ", Db(name)))
                    .ok());
    return name;
  }

  // Runs `args` and expects every module named to be OK with `result`.
  void ExpectOk(const std::string& config,
                const std::map<std::string, std::string>& results,
                std::vector<std::string> args = {}) {
    args.push_back("-n");
    for (const auto& [module, result] : results) args.push_back(module);
    args.push_back("-v");
    testing::CommandResult r = Migrate(config, args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    for (const auto& [module, result] : results) {
      std::optional<ReportRow> row = FindRow(r.out, Display(module));
      ASSERT_TRUE(row.has_value()) << module << "\n" << r.out;
      EXPECT_EQ(row->status, "OK") << r.out;
      EXPECT_EQ(row->result, result) << r.out;
    }
  }

  static std::string Display(const std::string& module) {
    static const std::map<std::string, std::string> kNames = {
        {"cloud_manager", "CloudManager"}, {"clouds", "Clouds"},
        {"dashboard", "Dashboard"},        {"journal", "Journal"},
        {"monitor", "Monitor"},            {"rs_server", "RSserver"},
        {"scheduler", "Scheduler"}};
    return kNames.at(module);
  }

  std::string TcpUrl(const std::string& scheme, const std::string& userinfo,
                     const std::string& module, const std::string& query = "") {
    return absl::StrCat(scheme, "://", userinfo, "@127.0.0.1:", server_->port(),
                        "/", Db(module), query);
  }
};

// --- Where the connection is read ------------------------------------------

TEST_F(ServiceConfigTest, DatabaseConnectionOfTheServiceConfig) {
  std::string service = ServiceConfig(
      "dashboard", absl::StrCat("[DEFAULT]\ndebug = false\n\n[database]\n"
                                "# the service's own database\n"
                                "connection = ",
                                Url("dashboard"), "\nmax_pool_size = 5\n"));
  std::string config =
      ToolConfig(PluginDir(), {{"dashboard", Override(service)}});
  ExpectOk(config, {{"dashboard", "0 -> 11"}});
  EXPECT_EQ(RecordedVersion("dashboard"), "11");

  // The read-only views resolve it the same way.
  testing::CommandResult status = Migrate(config, {"--status", "-n", "dashboard"});
  EXPECT_EQ(status.exit_code, 0) << status.out << status.err;
  EXPECT_THAT(status.out, HasSubstr("| 1 | Dashboard   | 11      | 11     | 0 "))
      << status.out;
}

TEST_F(ServiceConfigTest, LegacyDefaultSqlConnectionAndSqlConnection) {
  std::string dashboard = ServiceConfig(
      "dashboard", absl::StrCat("[DEFAULT]\nsql_connection = ",
                                Url("dashboard"), "\n"));
  std::string journal = ServiceConfig(
      "journal", absl::StrCat("[DEFAULT]\nverbose = true\n\n[sql]\n"
                              "connection = ",
                              Url("journal"), "\n"));
  std::string config = ToolConfig(PluginDir(), {{"dashboard", Override(dashboard)},
                                                {"journal", Override(journal)}});
  ExpectOk(config, {{"dashboard", "0 -> 11"}, {"journal", "0 -> 5"}});
  EXPECT_EQ(RecordedVersion("dashboard"), "11");
  EXPECT_EQ(RecordedVersion("journal"), "5");
}

TEST_F(ServiceConfigTest, DatabaseSectionWinsOverTheLegacySpellings) {
  Decoy("decoy_default");
  Decoy("decoy_sql");
  std::string service = ServiceConfig(
      "dashboard",
      absl::StrCat("[DEFAULT]\nsql_connection = ", Url("decoy_default"),
                   "\n\n[sql]\nconnection = ", Url("decoy_sql"),
                   "\n\n[database]\nconnection = ", Url("dashboard"), "\n"));
  std::string config =
      ToolConfig(PluginDir(), {{"dashboard", Override(service)}});
  ExpectOk(config, {{"dashboard", "0 -> 11"}});
  EXPECT_EQ(RecordedVersion("dashboard"), "11");
  EXPECT_THAT(Tables("decoy_default"), IsEmpty());
  EXPECT_THAT(Tables("decoy_sql"), IsEmpty());
}

TEST_F(ServiceConfigTest, ToolConfigConnectionWinsOverTheServiceConfig) {
  Decoy("decoy_service");
  std::string service = ServiceConfig(
      "dashboard",
      absl::StrCat("[database]\nconnection = ", Url("decoy_service"), "\n"));
  std::string config = ToolConfig(
      PluginDir(), {{"dashboard", absl::StrCat("connection = ", Url("dashboard"),
                                               "\n", Override(service))}});
  ExpectOk(config, {{"dashboard", "0 -> 11"}});
  EXPECT_EQ(RecordedVersion("dashboard"), "11");
  EXPECT_THAT(Tables("decoy_service"), IsEmpty());
}

// --- URL spellings -----------------------------------------------------------

TEST_F(ServiceConfigTest, EverySchemeWithPercentEncodedCredentials) {
  // A user and a password holding every character a URL must encode.
  const std::string user = "aos svc@1";
  const std::string password = "p@ss:w/rd% 7x?#&=+";
  const std::string userinfo =
      "aos%20svc%401:p%40ss%3Aw%2Frd%25%207x%3F%23%26%3D%2B";
  std::string grants = absl::StrCat("CREATE USER '", user,
                                    "'@'%' IDENTIFIED BY '", password, "';");
  for (const std::string& m : {"dashboard", "journal", "monitor"}) {
    absl::StrAppend(&grants, " GRANT ALL ON ", Db(m), ".* TO '", user, "'@'%';");
  }
  ASSERT_TRUE(server_->Execute(grants).ok());

  std::string plain = ServiceConfig(
      "dashboard", absl::StrCat("[database]\nconnection = ",
                                TcpUrl("mysql", userinfo, "dashboard"), "\n"));
  std::string mysqldb = ServiceConfig(
      "journal", absl::StrCat("[database]\nconnection = ",
                              TcpUrl("mysql+mysqldb", userinfo, "journal",
                                     "?charset=utf8"),
                              "\n"));
  std::string pymysql = ServiceConfig(
      "monitor", absl::StrCat("[database]\nconnection = ",
                              TcpUrl("mysql+pymysql", userinfo, "monitor",
                                     "?charset=utf8"),
                              "\n"));
  std::string config = ToolConfig(PluginDir(), {{"dashboard", Override(plain)},
                                                {"journal", Override(mysqldb)},
                                                {"monitor", Override(pymysql)}});
  testing::CommandResult r =
      Migrate(config, {"-n", "dashboard", "journal", "monitor", "-v"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const std::string& m : {"dashboard", "journal", "monitor"}) {
    std::optional<ReportRow> row = FindRow(r.out, Display(m));
    ASSERT_TRUE(row.has_value()) << r.out;
    EXPECT_EQ(row->status, "OK") << r.out;
    EXPECT_THAT(row->result, ::testing::StartsWith("0 -> ")) << r.out;
    EXPECT_NE(RecordedVersion(m), "") << m;
  }
  EXPECT_EQ(RecordedVersion("dashboard"), "11");
  EXPECT_EQ(RecordedVersion("journal"), "5");
  // A wrong password (the decoded one minus its last character) is refused:
  // the encoded one was decoded, not passed as written.
  std::string wrong = ServiceConfig(
      "dashboard",
      absl::StrCat("[database]\nconnection = ",
                   TcpUrl("mysql", "aos%20svc%401:p%40ss%3Aw%2Frd%25%207x%3F%23%26%3D",
                          "dashboard"),
                   "\n"));
  testing::CommandResult denied = Migrate(
      ToolConfig(PluginDir(), {{"dashboard", Override(wrong)}}),
      {"-n", "dashboard", "-v"});
  EXPECT_EQ(denied.exit_code, 1) << denied.out << denied.err;
  std::optional<ReportRow> denied_row = FindRow(denied.out, "Dashboard");
  ASSERT_TRUE(denied_row.has_value()) << denied.out;
  // Access denied (1045), to the user decoded from the URL.
  EXPECT_THAT(denied_row->result, AllOf(HasWrappedSubstr("(1045)"),
                                        HasWrappedSubstr("'aos svc@1'")));

  for (const std::string& text : {r.out, r.err, denied.out, denied.err}) {
    EXPECT_THAT(text, Not(HasSubstr(password)));
    EXPECT_THAT(text, Not(HasSubstr("p%40ss")));
    EXPECT_THAT(WithoutBlanks(text), Not(HasSubstr("p@ss:w/rd%")));
  }
}

TEST_F(ServiceConfigTest, UnixSocketWithoutAHost) {
  const std::string socket = server_->socket_path();
  ASSERT_FALSE(socket.empty());
  std::string dashboard = ServiceConfig(
      "dashboard", absl::StrCat("[database]\nconnection = mysql+pymysql://root@/",
                                Db("dashboard"), "?unix_socket=", socket, "\n"));
  std::string journal = ServiceConfig(
      "journal", absl::StrCat("[database]\nconnection = mysql://root@/",
                              Db("journal"), "?unix_socket=", socket,
                              "&charset=utf8\n"));
  std::string config = ToolConfig(PluginDir(), {{"dashboard", Override(dashboard)},
                                                {"journal", Override(journal)}});
  ExpectOk(config, {{"dashboard", "0 -> 11"}, {"journal", "0 -> 5"}});
  EXPECT_EQ(RecordedVersion("dashboard"), "11");
  EXPECT_EQ(RecordedVersion("journal"), "5");

  // In-process views too.
  testing::CommandResult status =
      Migrate(config, {"--status", "-n", "dashboard", "-v"});
  EXPECT_EQ(status.exit_code, 0) << status.out << status.err;
  EXPECT_THAT(status.out, HasSubstr("| 1 | Dashboard   | 11      | 11     | 0 "))
      << status.out;
}

// --- Nowhere to be found -----------------------------------------------------

TEST_F(ServiceConfigTest, MissingServiceConfigFailsOnlyItsOwnRow) {
  const std::string missing =
      absl::StrCat(testing::NewTempDir("service."), "/no-such/dashboard.conf");
  std::string empty = ServiceConfig(
      "cloud_manager", "[DEFAULT]\ndebug = true\n\n[database]\nmax_pool_size = 5\n");
  std::string monitor = ServiceConfig(
      "monitor", absl::StrCat("[database]\nconnection = ", Url("monitor"), "\n"));
  std::string config = ToolConfig(
      PluginDir(), {{"dashboard", Override(missing)},
                    {"cloud_manager", Override(empty)},
                    {"journal", absl::StrCat("connection = ", Url("journal"))},
                    {"monitor", Override(monitor)}});
  // scheduler: no section at all, so the path its plugin declares.
  const std::string declared = "/etc/aos/scheduler/scheduler.conf";
  struct stat st;
  const bool declared_exists = stat(declared.c_str(), &st) == 0;

  for (bool verbose : {false, true}) {
    std::vector<std::string> args = {"-n",      "dashboard", "cloud_manager",
                                     "journal", "monitor",   "scheduler"};
    if (verbose) args.push_back("-v");
    testing::CommandResult r = Migrate(config, args);
    SCOPED_TRACE(r.out);
    EXPECT_EQ(r.exit_code, 1) << r.err;

    std::optional<ReportRow> dashboard = FindRow(r.out, "Dashboard");
    ASSERT_TRUE(dashboard.has_value());
    EXPECT_EQ(dashboard->status, "FAIL");
    // Shown as it is even without -v: the operator's configuration, not
    // the database, is at fault.
    EXPECT_THAT(dashboard->result,
                HasWrappedSubstr(absl::StrCat(
                    "no database connection configured for dashboard (looked "
                    "at: [dashboard] connection in ",
                    config, "; ", missing, " (cannot read ", missing,
                    ": No such file or directory))")));

    std::optional<ReportRow> cloud = FindRow(r.out, "CloudManager");
    ASSERT_TRUE(cloud.has_value());
    EXPECT_EQ(cloud->status, "FAIL");
    EXPECT_THAT(cloud->result,
                HasWrappedSubstr(absl::StrCat(
                    "no database connection configured for cloud_manager "
                    "(looked at: [cloud_manager] connection in ",
                    config, "; [database] connection in ", empty)));
    // Every option it tried, the legacy spellings too.
    EXPECT_THAT(cloud->result,
                HasWrappedSubstr(absl::StrCat("[DEFAULT] sql_connection in ",
                                              empty, "; [sql] connection in ",
                                              empty, ")")));

    std::optional<ReportRow> scheduler = FindRow(r.out, "Scheduler");
    ASSERT_TRUE(scheduler.has_value());
    if (!declared_exists) {
      EXPECT_EQ(scheduler->status, "FAIL");
      EXPECT_THAT(scheduler->result,
                  HasWrappedSubstr(absl::StrCat(
                      "no database connection configured for scheduler "
                      "(looked at: [scheduler] connection in ",
                      config, "; ", declared, " (cannot read ", declared)));
    }

    // The others migrate all the same.
    for (const std::string& ok : {"Journal", "Monitor"}) {
      std::optional<ReportRow> row = FindRow(r.out, ok);
      ASSERT_TRUE(row.has_value()) << ok;
      EXPECT_EQ(row->status, "OK") << ok;
    }
  }
  EXPECT_EQ(RecordedVersion("journal"), "5");
  EXPECT_NE(RecordedVersion("monitor"), "");
  EXPECT_THAT(Tables("dashboard"), IsEmpty());
  EXPECT_THAT(Tables("cloud_manager"), IsEmpty());

  // --status says the same in its row.
  testing::CommandResult status = Migrate(config, {"--status", "-n", "dashboard"});
  EXPECT_EQ(status.exit_code, 1) << status.out << status.err;
  EXPECT_THAT(status.out,
              HasWrappedSubstr("no database connection configured for dashboard"));
}

}  // namespace
}  // namespace aos::e2e
