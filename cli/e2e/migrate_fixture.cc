#include "cli/e2e/migrate_fixture.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace aos::e2e {

testing::MariadbServer* MigrateTest::server_ = nullptr;

const std::vector<std::string>& ShippedModules() {
  static const std::vector<std::string> kModules = {
      "cloud_manager", "clouds",    "dashboard", "journal",
      "monitor",       "rs_server", "scheduler"};
  return kModules;
}

void MigrateTest::SetUpTestSuite() {
  server_ = new testing::MariadbServer();
  absl::Status st = server_->Start();
  ASSERT_TRUE(st.ok()) << st;
}

void MigrateTest::TearDownTestSuite() {
  delete server_;
  server_ = nullptr;
}

void MigrateTest::SetUp() {
  ASSERT_NE(server_, nullptr);
  if (!server_->running()) ASSERT_TRUE(server_->Start().ok());
  static int counter = 0;
  prefix_ = absl::StrCat("t", ++counter, "_");
  for (const std::string& m : ShippedModules()) {
    absl::Status st = server_->Execute(absl::StrCat(
        "DROP DATABASE IF EXISTS ", Db(m), "; CREATE DATABASE ", Db(m)));
    ASSERT_TRUE(st.ok()) << st;
  }
}

std::string MigrateTest::Db(const std::string& module) const {
  return prefix_ + module;
}

std::string MigrateTest::PluginDir(std::vector<std::string> plugins) {
  if (plugins.empty()) {
    for (const std::string& m : ShippedModules()) {
      plugins.push_back(absl::StrCat("plugins/", m, "/lib", m, ".so"));
    }
  }
  std::string dir = testing::NewTempDir("plugins.");
  std::vector<std::string> files;
  for (const std::string& p : plugins) files.push_back(testing::Runfile(p));
  testing::CopyInto(files, dir);
  return dir;
}

std::string MigrateTest::Config(const std::string& plugin_dir, int port,
                                const std::string& extra) {
  std::string text = absl::StrCat("[DEFAULT]\nplugin_dir = ", plugin_dir,
                                  "\nlock_timeout = 30\n", extra, "\n");
  for (const std::string& m : ShippedModules()) {
    absl::StrAppend(&text, "[", m, "]\nconnection = mysql+pymysql://root@127.0.0.1:",
                    port ? port : server_->port(), "/", Db(m),
                    "?charset=utf8\n");
  }
  std::string path = testing::NewTempDir("config.") + "/db-migrate.conf";
  testing::WriteFile(path, text);
  return path;
}

testing::CommandResult MigrateTest::Migrate(const std::string& config,
                                            const std::vector<std::string>& args) {
  std::vector<std::string> argv = {testing::Runfile("cli/aos-db-migrate"),
                                   "--config", config};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::RunCommand(argv);
}

void MigrateTest::PrepareAt(const std::string& config, const std::string& module,
                            int version) {
  testing::CommandResult r =
      Migrate(config, {"-n", module, "--migration", std::to_string(version)});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  ASSERT_EQ(RecordedVersion(module), std::to_string(version));
}

std::string MigrateTest::RecordedVersion(const std::string& module) {
  absl::StatusOr<std::vector<std::string>> rows = server_->Query(
      absl::StrCat("SELECT version FROM migrate_version WHERE repository_id = '",
                   module, "'"),
      Db(module));
  if (!rows.ok() || rows->empty()) return "";
  return (*rows)[0];
}

std::string Golden(const std::string& name) {
  return testing::ReadFile(testing::Runfile("testdata/golden/" + name));
}

}  // namespace aos::e2e
