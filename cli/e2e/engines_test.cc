// The seven modules on SQLite (no server at all) and on PostgreSQL (a
// private server the test starts), beside the MariaDB of the other tests:
// up to the latest, "No changes", a rollback and forward again; a failing
// step rolls back completely (transactional DDL) and leaves no interrupted
// state; the version and history tables mean the same on every engine;
// concurrent runs on one SQLite file apply every step once.
#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/e2e/postgresql_fixture.h"
#include "cli/e2e/process_helpers.h"
#include "cli/e2e/report_parser.h"
#include "cli/e2e/shipped_modules.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/testing/command_runner.h"
#include "tools/testing/postgresql_server.h"

namespace aos::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class EnginesTest
    : public PostgresqlSuite<::testing::TestWithParam<std::string>> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(PostgresqlSuite::SetUp());
    static int counter = 0;
    prefix_ = absl::StrCat("e", ++counter, "_");
    state_dir_ = testing::NewTempDir("state.");
    plugin_dir_ = testing::NewTempDir("plugins.");
    std::vector<std::string> plugins;
    for (const std::string& m : ShippedModules()) {
      plugins.push_back(testing::Runfile(ShippedPlugin(m)));
    }
    plugins.push_back(
        testing::Runfile("testdata/broken_plugins/midway/libmidway.so"));
    testing::CopyInto(plugins, plugin_dir_);
    std::string text = absl::StrCat("[DEFAULT]\nplugin_dir = ", plugin_dir_,
                                    "\nlock_timeout = 30\n");
    std::vector<std::string> modules = ShippedModules();
    modules.push_back("midway");
    for (const std::string& m : modules) {
      absl::StrAppend(&text, "[", m, "]\nconnection = ", UrlFor(m), "\n");
    }
    config_ = state_dir_ + "/db-migrate.conf";
    testing::WriteFile(config_, text);
  }

  std::string UrlFor(const std::string& module) {
    if (GetParam() == "sqlite") {
      return absl::StrCat("sqlite:///", state_dir_, "/", module, ".sqlite");
    }
    std::string db = prefix_ + module;
    EXPECT_TRUE(pg_->Execute("CREATE DATABASE " + db).ok());
    return absl::StrCat("postgresql+psycopg2://postgres@127.0.0.1:",
                        pg_->port(), "/", db);
  }

  testing::CommandResult Migrate(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {testing::Runfile("cli/aos-db-migrate"),
                                     "--config", config_};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommandOrFail(argv);
  }

  // Runs SQL on the module's database through sqlite3's C API or libpq,
  // via the tool's own dependencies: the test asks the engines directly.
  std::vector<std::string> Query(const std::string& module,
                                 const std::string& sql) {
    if (GetParam() == "postgresql") {
      absl::StatusOr<std::vector<std::string>> rows =
          pg_->Query(sql, prefix_ + module);
      EXPECT_TRUE(rows.ok()) << rows.status();
      return rows.ok() ? *rows : std::vector<std::string>{};
    }
    testing::CommandResult r = RunCommandOrFail(
        {"sqlite3", "-separator", "\t",
         absl::StrCat(state_dir_, "/", module, ".sqlite"), sql});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> rows;
    size_t start = 0;
    while (start < r.out.size()) {
      size_t end = r.out.find('\n', start);
      rows.push_back(r.out.substr(start, end - start));
      start = end == std::string::npos ? r.out.size() : end + 1;
    }
    return rows;
  }

  std::string Version(const std::string& module) {
    std::vector<std::string> rows = Query(
        module, "SELECT version FROM migrate_version WHERE repository_id = '" +
                    module + "'");
    return rows.empty() ? "" : rows[0];
  }

  std::string prefix_;
  std::string state_dir_;
  std::string plugin_dir_;
  std::string config_;
};

TEST_P(EnginesTest, AllSevenModulesUpRollbackAndForward) {
  std::vector<std::string> args = {"-n"};
  args.insert(args.end(), ShippedModules().begin(), ShippedModules().end());
  testing::CommandResult up = Migrate(args);
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  for (const Latest& l : LatestVersions()) {
    EXPECT_THAT(up.out, HasSubstr(absl::StrCat("0 -> ", l.version)))
        << l.module;
    EXPECT_EQ(Version(l.module), std::to_string(l.version)) << l.module;
  }
  testing::CommandResult again = Migrate(args);
  EXPECT_EQ(again.exit_code, 0) << again.out;
  EXPECT_THAT(again.out, Not(HasSubstr("->")));

  testing::CommandResult down = Migrate({"-n", "cloud_manager", "--migration", "0"});
  EXPECT_EQ(down.exit_code, 0) << down.out;
  const int64_t latest = LatestVersion("cloud_manager");
  EXPECT_THAT(down.out, HasSubstr(absl::StrCat("| CloudManager | OK     | ",
                                               latest, " -> 0 |")));
  // Only the bookkeeping tables are left.
  std::string tables_sql =
      GetParam() == "sqlite"
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
            "LIKE 'sqlite_%' ORDER BY name"
          : "SELECT table_name FROM information_schema.tables WHERE "
            "table_schema = current_schema() ORDER BY table_name";
  std::vector<std::string> left = Query("cloud_manager", tables_sql);
  for (const std::string& t : left) {
    EXPECT_TRUE(t == "migrate_version" || t == "aos_migration_history" ||
                t == "aos_migration_lock" || t == "aos_migration_controllers")
        << t;
  }
  testing::CommandResult forward = Migrate({"-n", "cloud_manager"});
  EXPECT_EQ(forward.exit_code, 0) << forward.out;
  EXPECT_EQ(Version("cloud_manager"), std::to_string(latest));
  // The history has the same meaning on every engine.
  std::vector<std::string> history = Query(
      "cloud_manager",
      "SELECT direction, COUNT(*) FROM aos_migration_history WHERE outcome = "
      "'ok' GROUP BY direction ORDER BY direction");
  EXPECT_THAT(history,
              ::testing::ElementsAre(absl::StrCat("downgrade\t", latest),
                                     absl::StrCat("upgrade\t", 2 * latest)));
}

TEST_P(EnginesTest, AFailedStepRollsBackCompletely) {
  testing::CommandResult r = Migrate({"-n", "midway", "-v"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  // The Result column wraps: read the row unwrapped.
  std::optional<ReportRow> row = FindRow(r.out, "Midway");
  ASSERT_TRUE(row.has_value()) << r.out;
  EXPECT_THAT(row->result, HasWrappedSubstr("database left at 1"));
  EXPECT_EQ(Version("midway"), "1");
  // Statement 1 of the failed step was rolled back with it...
  std::string exists_sql =
      GetParam() == "sqlite"
          ? "SELECT COUNT(*) FROM sqlite_master WHERE name = "
            "'midway_item_details'"
          : "SELECT COUNT(*) FROM information_schema.tables WHERE table_name "
            "= 'midway_item_details'";
  EXPECT_THAT(Query("midway", exists_sql), ::testing::ElementsAre("0"));
  // ...and nothing is left "running": the next run tries the step again.
  EXPECT_THAT(Query("midway",
                    "SELECT COUNT(*) FROM aos_migration_history WHERE outcome "
                    "= 'running'"),
              ::testing::ElementsAre("0"));
  testing::CommandResult again = Migrate({"-n", "midway", "-v"});
  row = FindRow(again.out, "Midway");
  ASSERT_TRUE(row.has_value()) << again.out;
  EXPECT_THAT(row->result, HasWrappedSubstr("database left at 1"));
  EXPECT_THAT(row->result, Not(HasWrappedSubstr("never finished")));
}

TEST_P(EnginesTest, ConcurrentRunsApplyEveryStepOnce) {
  std::vector<testing::CommandResult> results(4);
  std::vector<std::thread> runs;
  for (int i = 0; i < 4; ++i) {
    runs.emplace_back([&, i] {
      results[i] = Migrate({"-n", "journal", "dashboard", "cloud_manager", "-v"});
    });
  }
  for (std::thread& t : runs) t.join();
  for (const testing::CommandResult& r : results) {
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  for (const char* m : {"journal", "dashboard", "cloud_manager"}) {
    EXPECT_THAT(Query(m,
                      "SELECT COUNT(*) FROM (SELECT version FROM "
                      "aos_migration_history WHERE direction = 'upgrade' "
                      "GROUP BY version HAVING COUNT(*) > 1) dup"),
                ::testing::ElementsAre("0"))
        << m;
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, EnginesTest,
                         ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace aos::e2e
