#include "cli/e2e/migrate_fixture.h"

#include <sys/stat.h>

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace aos::e2e {

testing::MariadbServer* MigrateTest::server_ = nullptr;

std::string NewPluginDir(std::vector<std::string> plugins) {
  if (plugins.empty()) {
    for (const std::string& m : ShippedModules()) {
      plugins.push_back(ShippedPlugin(m));
    }
  }
  std::string dir = testing::NewTempDir("plugins.");
  std::vector<std::string> files;
  for (const std::string& p : plugins) files.push_back(testing::Runfile(p));
  testing::CopyInto(files, dir);
  return dir;
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
  if (!server_->running()) {
    ASSERT_TRUE(server_->Start().ok());
  }
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
  return NewPluginDir(std::move(plugins));
}

void MigrateTest::AddModules(const std::vector<std::string>& module_ids) {
  for (const std::string& m : module_ids) {
    absl::Status st = server_->Execute(absl::StrCat(
        "DROP DATABASE IF EXISTS ", Db(m), "; CREATE DATABASE ", Db(m)));
    ASSERT_TRUE(st.ok()) << st;
    if (std::find(extra_modules_.begin(), extra_modules_.end(), m) ==
        extra_modules_.end()) {
      extra_modules_.push_back(m);
    }
  }
}

std::string MigrateTest::Url(const std::string& module, int port) const {
  return absl::StrCat("mysql+pymysql://root@127.0.0.1:",
                      port ? port : server_->port(), "/", Db(module),
                      "?charset=utf8");
}

std::vector<std::string> MigrateTest::ConfiguredModules(
    const std::string& plugin_dir) const {
  // The tool refuses a section for a module that has no plugin (a typo
  // would otherwise go unnoticed), so only the shipped modules whose plugin
  // is in the directory get one; modules added with AddModules() always do.
  std::vector<std::string> modules;
  for (const std::string& m : ShippedModules()) {
    struct stat st;
    if (stat(absl::StrCat(plugin_dir, "/lib", m, ".so").c_str(), &st) == 0) {
      modules.push_back(m);
    }
  }
  modules.insert(modules.end(), extra_modules_.begin(), extra_modules_.end());
  return modules;
}

std::string MigrateTest::Config(const std::string& plugin_dir, int port,
                                const std::string& extra) {
  std::string text = absl::StrCat("[DEFAULT]\nplugin_dir = ", plugin_dir,
                                  "\nlock_timeout = 30\n", extra, "\n");
  for (const std::string& m : ConfiguredModules(plugin_dir)) {
    absl::StrAppend(&text, "[", m, "]\nconnection = ", Url(m, port), "\n");
  }
  return WriteConfig(text);
}

std::string MigrateTest::ConfigWith(
    const std::string& plugin_dir,
    const std::map<std::string, std::string>& connections) {
  std::string text = absl::StrCat("[DEFAULT]\nplugin_dir = ", plugin_dir,
                                  "\nlock_timeout = 30\n\n");
  std::vector<std::string> modules = ConfiguredModules(plugin_dir);
  for (const auto& [m, url] : connections) {
    if (std::find(modules.begin(), modules.end(), m) == modules.end()) {
      modules.push_back(m);
    }
  }
  for (const std::string& m : modules) {
    auto it = connections.find(m);
    absl::StrAppend(&text, "[", m, "]\nconnection = ",
                    it == connections.end() ? Url(m) : it->second, "\n");
  }
  return WriteConfig(text);
}

std::string MigrateTest::WriteConfig(const std::string& text) {
  std::string path = testing::NewTempDir("config.") + "/db-migrate.conf";
  testing::WriteFile(path, text);
  return path;
}

testing::CommandResult MigrateTest::Migrate(const std::string& config,
                                            const std::vector<std::string>& args) {
  std::vector<std::string> argv = {testing::Runfile("cli/aos-db-migrate"),
                                   "--config", config};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunCommandOrFail(argv);
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

std::vector<std::string> MigrateTest::Tables(const std::string& module) {
  return QueryDb(module,
                 "SELECT table_name FROM information_schema.tables WHERE "
                 "table_schema = DATABASE() ORDER BY table_name");
}

bool MigrateTest::WaitForRow(const std::string& module, const std::string& sql,
                             const std::string& want, int seconds) {
  return WaitFor(
      [&] {
        absl::StatusOr<std::vector<std::string>> rows =
            server_->Query(sql, Db(module));
        return rows.ok() && rows->size() == 1 && (*rows)[0] == want;
      },
      SecondsFromNow(seconds));
}

std::vector<std::string> MigrateTest::QueryDb(const std::string& module,
                                              const std::string& sql) {
  absl::StatusOr<std::vector<std::string>> rows =
      server_->Query(sql, Db(module));
  EXPECT_TRUE(rows.ok()) << rows.status();
  return rows.ok() ? *rows : std::vector<std::string>();
}

std::string Golden(const std::string& name) {
  return testing::ReadFile(testing::Runfile("testdata/golden/" + name));
}

}  // namespace aos::e2e
