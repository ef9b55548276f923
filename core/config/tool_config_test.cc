#include "core/config/tool_config.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::config {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kSecret[] = "Zq7SeCrEt9x";

class ToolConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tmp = std::getenv("TEST_TMPDIR");
    const ::testing::TestInfo* info =
        ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::string(tmp != nullptr ? tmp : "/tmp") + "/" + info->name();
    mkdir(dir_.c_str(), 0700);
  }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    std::ofstream out(path);
    out << text;
    return path;
  }

  ToolConfig MustLoad(const std::string& path) {
    absl::StatusOr<ToolConfig> config = LoadToolConfig(path, true);
    EXPECT_TRUE(config.ok()) << config.status();
    return config.ok() ? *std::move(config) : ToolConfig();
  }

  std::string dir_;
};

// ---- LoadToolConfig ----------------------------------------------------

TEST_F(ToolConfigTest, MissingOptionalFileGivesDefaults) {
  absl::StatusOr<ToolConfig> config =
      LoadToolConfig(dir_ + "/absent.conf", /*required=*/false);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->path, "");
  EXPECT_EQ(config->plugin_dir, kDefaultPluginDir);
  EXPECT_EQ(config->plugin_dir, "/usr/lib/aos/db-migrate/plugins");
  EXPECT_EQ(config->lock_timeout_seconds, 300);
  EXPECT_TRUE(config->ini.sections().empty());
}

TEST_F(ToolConfigTest, MissingRequiredFileIsAnError) {
  std::string path = dir_ + "/absent.conf";
  absl::StatusOr<ToolConfig> config = LoadToolConfig(path, /*required=*/true);
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(std::string(config.status().message()), HasSubstr(path));
}

TEST_F(ToolConfigTest, ReadsPluginDirAndLockTimeout) {
  std::string path = Write("tool.conf",
                           "[DEFAULT]\n"
                           "plugin_dir = /opt/aos/plugins\n"
                           "lock_timeout = 42\n"
                           "[dashboard]\n"
                           "connection = sqlite:///d.sqlite\n");
  ToolConfig config = MustLoad(path);
  EXPECT_EQ(config.path, path);
  EXPECT_EQ(config.plugin_dir, "/opt/aos/plugins");
  EXPECT_EQ(config.lock_timeout_seconds, 42);
  EXPECT_TRUE(config.ini.HasSection("dashboard"));
}

TEST_F(ToolConfigTest, ExistingOptionalFileIsRead) {
  std::string path = Write("tool.conf", "[DEFAULT]\nlock_timeout = 0\n");
  absl::StatusOr<ToolConfig> config = LoadToolConfig(path, /*required=*/false);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->path, path);
  EXPECT_EQ(config->lock_timeout_seconds, 0);
  EXPECT_EQ(config->plugin_dir, kDefaultPluginDir);
}

TEST_F(ToolConfigTest, FileWithoutSettingsKeepsDefaults) {
  ToolConfig config = MustLoad(Write("tool.conf", "# nothing\n"));
  EXPECT_EQ(config.plugin_dir, kDefaultPluginDir);
  EXPECT_EQ(config.lock_timeout_seconds, 300);
}

TEST_F(ToolConfigTest, BadLockTimeoutIsAnError) {
  for (const char* value : {"-1", "abc", "1.5", "", "10s"}) {
    std::string path = Write("tool.conf", std::string("[DEFAULT]\nlock_timeout = ") +
                                              value + "\n");
    absl::StatusOr<ToolConfig> config = LoadToolConfig(path, true);
    ASSERT_FALSE(config.ok()) << value;
    EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(config.status().message()), HasSubstr(path)) << value;
    EXPECT_THAT(std::string(config.status().message()),
                HasSubstr("lock_timeout must be a whole number of seconds, found '" +
                          std::string(value) + "'"));
  }
}

TEST_F(ToolConfigTest, SyntaxErrorNamesFileAndLine) {
  std::string path = Write("tool.conf", "[DEFAULT]\nplugin_dir = /x\n[broken\n");
  absl::StatusOr<ToolConfig> config = LoadToolConfig(path, false);
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(std::string(config.status().message()), HasSubstr(path + ":3:"));
}

TEST_F(ToolConfigTest, LockWaitTimeout) {
  EXPECT_EQ(ToolConfig().lock_wait_timeout_seconds, 60);
  ToolConfig config =
      MustLoad(Write("tool.conf", "[DEFAULT]\nlock_wait_timeout = 5\n"));
  EXPECT_EQ(config.lock_wait_timeout_seconds, 5);
  EXPECT_EQ(config.lock_timeout_seconds, 300);

  std::string path = Write("bad.conf", "[DEFAULT]\nlock_wait_timeout = -2\n");
  absl::StatusOr<ToolConfig> bad = LoadToolConfig(path, true);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()),
              HasSubstr(path + ": lock_wait_timeout must be a whole number of "
                               "seconds, found '-2'"));
}

// ---- CheckSections / ConfigWarnings ------------------------------------

TEST_F(ToolConfigTest, CheckSectionsAcceptsDefaultAndKnownModules) {
  ToolConfig config = MustLoad(Write("tool.conf",
                                     "[DEFAULT]\nplugin_dir = /x\n"
                                     "[dashboard]\nconnection = sqlite://\n"
                                     "[journal]\n"));
  auto warnings = CheckSections(config, {"dashboard", "journal", "clouds"});
  ASSERT_TRUE(warnings.ok());
  EXPECT_TRUE(warnings->empty());
  EXPECT_TRUE(CheckSections(ToolConfig(), {}).ok());
}

TEST_F(ToolConfigTest, CheckSectionsWarnsAboutAModuleWithNoPlugin) {
  std::string path = Write("tool.conf",
                           "[DEFAULT]\n[dashbaord]\nconnection = sqlite://\n");
  ToolConfig config = MustLoad(path);
  auto warnings = CheckSections(config, {"dashboard", "journal"});
  ASSERT_TRUE(warnings.ok()) << warnings.status();
  ASSERT_EQ(warnings->size(), 1u);
  EXPECT_THAT((*warnings)[0], HasSubstr(path + ": section [dashbaord] names no installed module"));
  EXPECT_THAT((*warnings)[0], HasSubstr("modules: dashboard, journal"));
}

TEST_F(ToolConfigTest, CheckSectionsRefusesANameThatIsNoModuleId) {
  std::string path = Write("tool.conf", "[DEFAULT]\n[Dash Board]\n");
  ToolConfig config = MustLoad(path);
  auto st = CheckSections(config, {"dashboard", "journal"});
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(st.status().message()),
              HasSubstr(path + ": unknown section [Dash Board]"));
}

TEST_F(ToolConfigTest, WarnsAboutWorldReadablePasswords) {
  std::string path = Write(
      "tool.conf", std::string("[dashboard]\nconnection = mysql://u:") +
                       kSecret + "@h/db\n");
  ToolConfig config = MustLoad(path);

  ASSERT_EQ(chmod(path.c_str(), 0644), 0);
  std::vector<std::string> warnings = ConfigWarnings(config);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_THAT(warnings[0], HasSubstr(path));
  EXPECT_THAT(warnings[0], HasSubstr("chmod 600"));
  EXPECT_THAT(warnings[0], Not(HasSubstr(kSecret)));

  ASSERT_EQ(chmod(path.c_str(), 0600), 0);
  EXPECT_TRUE(ConfigWarnings(config).empty());
}

TEST_F(ToolConfigTest, NoWarningWithoutPasswords) {
  std::string path = Write("tool.conf",
                           "[dashboard]\nconnection = mysql://u@h/db\n"
                           "[journal]\nconnection = mysql://u:@h/db\n");
  ToolConfig config = MustLoad(path);
  ASSERT_EQ(chmod(path.c_str(), 0644), 0);
  EXPECT_TRUE(ConfigWarnings(config).empty());
  EXPECT_TRUE(ConfigWarnings(ToolConfig()).empty());  // no file read
}

// ---- The config file itself -------------------------------------------

TEST_F(ToolConfigTest, AConfigThatIsNotARegularFileIsRefused) {
  for (const std::string& path : {dir_, std::string("/dev/zero")}) {
    absl::StatusOr<ToolConfig> config = LoadToolConfig(path, true);
    ASSERT_FALSE(config.ok()) << path;
    EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(config.status().message(), HasSubstr("not a regular file"));
  }
}

TEST_F(ToolConfigTest, AConfigOthersMayWriteIsRefused) {
  std::string path = Write("tool.conf", "[DEFAULT]\nplugin_dir = /x\n");
  for (mode_t mode : {0660, 0602, 0666}) {
    ASSERT_EQ(chmod(path.c_str(), mode), 0);
    absl::StatusOr<ToolConfig> config = LoadToolConfig(path, true);
    ASSERT_FALSE(config.ok()) << mode;
    EXPECT_THAT(config.status().message(),
                HasSubstr("writable by group or others"));
    EXPECT_THAT(config.status().message(), HasSubstr("chmod go-w"));
  }
  ASSERT_EQ(chmod(path.c_str(), 0644), 0);
  EXPECT_TRUE(LoadToolConfig(path, true).ok());
}

TEST_F(ToolConfigTest, AHugeConfigIsRefused) {
  std::string path =
      Write("big.conf", "[DEFAULT]\n# " + std::string(2 << 20, 'x') + "\n");
  absl::StatusOr<ToolConfig> config = LoadToolConfig(path, true);
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.status().message(), HasSubstr("more than a config file"));
}

TEST_F(ToolConfigTest, UnknownAndRepeatedKeysAreWarnedWithTheClosestKnownKey) {
  std::string path = Write("tool.conf",
                           "[DEFAULT]\nplugin_dri = /x\nlock_timeout = 5\n"
                           "lock_timeout = 6\n"
                           "[dashboard]\nconection = sqlite://\n");
  ASSERT_EQ(chmod(path.c_str(), 0600), 0);
  ToolConfig config = MustLoad(path);
  EXPECT_EQ(config.lock_timeout_seconds, 6);
  EXPECT_EQ(config.plugin_dir, kDefaultPluginDir);
  std::vector<std::string> warnings = ConfigWarnings(config);
  ASSERT_EQ(warnings.size(), 3u) << ::testing::PrintToString(warnings);
  EXPECT_THAT(warnings[0], HasSubstr("lock_timeout in [DEFAULT] is set again"));
  EXPECT_THAT(warnings[1], HasSubstr("unknown key 'plugin_dri' in [DEFAULT]"));
  EXPECT_THAT(warnings[1], HasSubstr("did you mean 'plugin_dir'"));
  EXPECT_THAT(warnings[2], HasSubstr("unknown key 'conection' in [dashboard]"));
  EXPECT_THAT(warnings[2], HasSubstr("did you mean 'connection'"));
}

TEST_F(ToolConfigTest, PluginLoadTimeout) {
  EXPECT_EQ(MustLoad(Write("a.conf", "[DEFAULT]\n")).plugin_load_timeout_seconds,
            30);
  EXPECT_EQ(MustLoad(Write("b.conf", "[DEFAULT]\nplugin_load_timeout = 5\n"))
                .plugin_load_timeout_seconds,
            5);
}

// ---- ResolveConnection -------------------------------------------------

TEST_F(ToolConfigTest, ConnectionFromTheModuleSection) {
  std::string service = Write("service.conf",
                              "[database]\nconnection = mysql://svc@other/other\n");
  ToolConfig config = MustLoad(Write(
      "tool.conf",
      "[dashboard]\n"
      "connection = mysql+pymysql://dashboard:s%40cret@controller:3306/"
      "dashboard?charset=utf8\n"));
  absl::StatusOr<ConnectionUrl> url =
      ResolveConnection(config, "dashboard", service);
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->user, "dashboard");
  EXPECT_EQ(url->password, "s@cret");
  EXPECT_EQ(url->host, "controller");
  EXPECT_EQ(url->database, "dashboard");
}

TEST_F(ToolConfigTest, DefaultConnectionIsNotUsedForEveryModule) {
  ToolConfig config = MustLoad(Write(
      "tool.conf", "[DEFAULT]\nconnection = mysql://u@h/shared\n[dashboard]\n"));
  absl::StatusOr<ConnectionUrl> url = ResolveConnection(config, "dashboard", "");
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(ToolConfigTest, BadModuleConnectionNamesTheConfigAndHidesThePassword) {
  std::string path = Write("tool.conf", std::string("[dashboard]\nconnection = "
                                                    "mysql://dashboard:") +
                                            kSecret + "@controller:xx/db\n");
  ToolConfig config = MustLoad(path);
  absl::StatusOr<ConnectionUrl> url = ResolveConnection(config, "dashboard", "");
  ASSERT_FALSE(url.ok());
  std::string error(url.status().message());
  EXPECT_THAT(error, HasSubstr(path + " [dashboard] connection: "));
  EXPECT_THAT(error, HasSubstr("port"));
  EXPECT_THAT(error, Not(HasSubstr(kSecret)));
}

TEST_F(ToolConfigTest, ConnectionFromServiceConfigDatabaseSection) {
  std::string service = Write("dashboard.conf",
                              "[DEFAULT]\n"
                              "debug = true\n"
                              "[database]\n"
                              "connection = mysql+pymysql://dash:pw@db1/dashboard\n");
  ToolConfig config = MustLoad(Write("tool.conf", "[DEFAULT]\n"));
  absl::StatusOr<ConnectionUrl> url =
      ResolveConnection(config, "dashboard", service);
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->host, "db1");
  EXPECT_EQ(url->user, "dash");
  EXPECT_EQ(url->database, "dashboard");
}

TEST_F(ToolConfigTest, ServiceConfigIsReadAsOsloConfigReadsIt) {
  std::string service = Write(
      "dashboard.conf",
      "[DEFAULT]\n"
      "db_host = db1\n"
      "[database]\n"
      "connection = \"mysql+pymysql://dash:ab$$cd@$db_host/dashboard\"\n");
  ToolConfig config = MustLoad(Write("tool.conf", "[DEFAULT]\n"));
  absl::StatusOr<ConnectionUrl> url =
      ResolveConnection(config, "dashboard", service);
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->password, "ab$cd");  // $$ is a literal $
  EXPECT_EQ(url->host, "db1");        // $db_host substituted
  EXPECT_EQ(url->database, "dashboard");

  std::string unknown = Write(
      "journal.conf", "[database]\nconnection = mysql://j:ab$cd@h/journal\n");
  absl::StatusOr<ConnectionUrl> refused =
      ResolveConnection(config, "journal", unknown);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(), HasSubstr("refers to $cd"));
  EXPECT_THAT(refused.status().message(), HasSubstr("write $$"));
}

TEST_F(ToolConfigTest, ConnectionFromServiceConfigWithNoToolConfig) {
  std::string service =
      Write("dashboard.conf", "[database]\nconnection = sqlite:////var/x.db\n");
  ToolConfig config;  // no file read
  absl::StatusOr<ConnectionUrl> url =
      ResolveConnection(config, "dashboard", service);
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->dialect, "sqlite");
  EXPECT_EQ(url->database, "/var/x.db");
}

TEST_F(ToolConfigTest, ConnectionFromLegacyDefaultSqlConnection) {
  std::string service = Write("dashboard.conf",
                              "[DEFAULT]\n"
                              "sql_connection = mysql://legacy:pw@db2/dashboard\n"
                              "[database]\n"
                              "max_pool_size = 5\n");
  ToolConfig config = MustLoad(Write("tool.conf", "[DEFAULT]\n"));
  absl::StatusOr<ConnectionUrl> url =
      ResolveConnection(config, "dashboard", service);
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->user, "legacy");
  EXPECT_EQ(url->host, "db2");
}

TEST_F(ToolConfigTest, ConnectionFromLegacySqlSection) {
  std::string service =
      Write("dashboard.conf", "[sql]\nconnection = mysql://older:pw@db3/dashboard\n");
  ToolConfig config = MustLoad(Write("tool.conf", "[DEFAULT]\n"));
  absl::StatusOr<ConnectionUrl> url =
      ResolveConnection(config, "dashboard", service);
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->user, "older");
  EXPECT_EQ(url->host, "db3");
}

TEST_F(ToolConfigTest, DatabaseSectionWinsOverLegacySpellings) {
  std::string service = Write("dashboard.conf",
                              "[DEFAULT]\n"
                              "sql_connection = mysql://legacy@db2/dashboard\n"
                              "[sql]\n"
                              "connection = mysql://older@db3/dashboard\n"
                              "[database]\n"
                              "connection = mysql://current@db1/dashboard\n");
  ToolConfig config = MustLoad(Write("tool.conf", "[DEFAULT]\n"));
  absl::StatusOr<ConnectionUrl> url =
      ResolveConnection(config, "dashboard", service);
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->user, "current");
}

TEST_F(ToolConfigTest, EmptyDatabaseConnectionFallsThrough) {
  std::string service = Write("dashboard.conf",
                              "[DEFAULT]\n"
                              "sql_connection = mysql://legacy@db2/dashboard\n"
                              "[database]\n"
                              "connection =\n");
  ToolConfig config = MustLoad(Write("tool.conf", "[DEFAULT]\n"));
  absl::StatusOr<ConnectionUrl> url =
      ResolveConnection(config, "dashboard", service);
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->user, "legacy");
}

TEST_F(ToolConfigTest, ModuleSectionWinsOverServiceConfig) {
  std::string service = Write(
      "dashboard.conf", "[database]\nconnection = mysql://svc@dbsvc/dashboard\n");
  ToolConfig config = MustLoad(Write(
      "tool.conf", "[dashboard]\nconnection = mysql://tool@dbtool/dashboard\n"));
  absl::StatusOr<ConnectionUrl> url =
      ResolveConnection(config, "dashboard", service);
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->user, "tool");
}

TEST_F(ToolConfigTest, ServiceConfigOverride) {
  std::string declared = Write(
      "declared.conf", "[database]\nconnection = mysql://declared@d/dashboard\n");
  std::string overriding = Write(
      "override.conf", "[database]\nconnection = mysql://override@o/dashboard\n");
  ToolConfig config = MustLoad(Write(
      "tool.conf", "[dashboard]\nservice_config = " + overriding + "\n"));
  absl::StatusOr<ConnectionUrl> url =
      ResolveConnection(config, "dashboard", declared);
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->user, "override");

  // Also when the plugin declares no service config at all.
  url = ResolveConnection(config, "dashboard", "");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->user, "override");

  // Another module is not affected.
  absl::StatusOr<ConnectionUrl> other =
      ResolveConnection(config, "cloud_manager", declared);
  ASSERT_TRUE(other.ok()) << other.status();
  EXPECT_EQ(other->user, "declared");
}

TEST_F(ToolConfigTest, BadServiceConnectionNamesFileSectionAndKey) {
  std::string service = Write("dashboard.conf",
                              std::string("[DEFAULT]\nsql_connection = "
                                          "oracle://u:") +
                                  kSecret + "@h/db\n");
  ToolConfig config = MustLoad(Write("tool.conf", "[DEFAULT]\n"));
  absl::StatusOr<ConnectionUrl> url =
      ResolveConnection(config, "dashboard", service);
  ASSERT_FALSE(url.ok());
  std::string error(url.status().message());
  EXPECT_THAT(error, HasSubstr(service + " [DEFAULT] sql_connection: "));
  EXPECT_THAT(error, HasSubstr("oracle"));
  EXPECT_THAT(error, Not(HasSubstr(kSecret)));
}

TEST_F(ToolConfigTest, NothingConfiguredAndNoServiceConfig) {
  std::string path = Write("tool.conf", "[DEFAULT]\n");
  ToolConfig config = MustLoad(path);
  absl::StatusOr<ConnectionUrl> url = ResolveConnection(config, "dashboard", "");
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.status().code(), absl::StatusCode::kFailedPrecondition);
  std::string error(url.status().message());
  EXPECT_THAT(error, HasSubstr("no database connection configured for dashboard"));
  EXPECT_THAT(error, HasSubstr("[dashboard] connection in " + path));
  EXPECT_THAT(error, HasSubstr("the plugin declares no service config"));
}

TEST_F(ToolConfigTest, NoToolConfigFileIsSaid) {
  ToolConfig config;
  absl::StatusOr<ConnectionUrl> url = ResolveConnection(config, "dashboard", "");
  ASSERT_FALSE(url.ok());
  EXPECT_THAT(std::string(url.status().message()),
              HasSubstr("no /etc/aos/db-migrate.conf"));
}

TEST_F(ToolConfigTest, MissingServiceConfigIsListed) {
  std::string path = Write("tool.conf", "[DEFAULT]\n");
  std::string service = dir_ + "/absent/dashboard.conf";
  ToolConfig config = MustLoad(path);
  absl::StatusOr<ConnectionUrl> url =
      ResolveConnection(config, "dashboard", service);
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.status().code(), absl::StatusCode::kFailedPrecondition);
  std::string error(url.status().message());
  EXPECT_THAT(error, HasSubstr("no database connection configured for dashboard"));
  EXPECT_THAT(error, HasSubstr("[dashboard] connection in " + path));
  EXPECT_THAT(error, HasSubstr(service + " (cannot read " + service));
}

TEST_F(ToolConfigTest, ServiceConfigWithoutConnectionIsListed) {
  std::string path = Write("tool.conf", "[DEFAULT]\n");
  std::string service = Write("dashboard.conf",
                              "[DEFAULT]\n"
                              "connection = mysql://not@used/here\n"
                              "[database]\n"
                              "max_pool_size = 5\n");
  ToolConfig config = MustLoad(path);
  absl::StatusOr<ConnectionUrl> url =
      ResolveConnection(config, "dashboard", service);
  ASSERT_FALSE(url.ok());
  std::string error(url.status().message());
  EXPECT_THAT(error, HasSubstr("no database connection configured for dashboard"));
  EXPECT_THAT(error, HasSubstr("[dashboard] connection in " + path));
  EXPECT_THAT(error, HasSubstr("[database] connection in " + service));
}

}  // namespace
}  // namespace aos::config
