// Unit tests of one module's run (module_migrator.h) and of the views'
// reader (module_inspector.h) on real SQLite files: apply, rollback, mark,
// a failed step, an interrupted step, a changed applied migration, the
// lock held by another run, and the category of a database error.
#include "core/engine/module_migrator.h"

#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/backend/open_database.h"
#include "core/config/connection_url.h"
#include "core/engine/locks/file_lock.h"
#include "core/engine/module_inspector.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::engine {
namespace {

using ::testing::HasSubstr;

plugin::Migration SqlMigration(int64_t version, std::string up,
                               std::string down) {
  plugin::Migration m;
  m.version = version;
  m.description = absl::StrCat("step ", version);
  m.upgrade.sql = std::move(up);
  plugin::Step d;
  d.sql = std::move(down);
  m.downgrade = d;
  return m;
}

class ModuleMigratorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tmp = std::getenv("TEST_TMPDIR");
    path_ = absl::StrCat(tmp ? tmp : "/tmp", "/",
                         ::testing::UnitTest::GetInstance()
                             ->current_test_info()
                             ->name(),
                         ".sqlite");
    std::remove(path_.c_str());
    absl::StatusOr<config::ConnectionUrl> url =
        config::ParseConnectionUrl(absl::StrCat("sqlite:///", path_));
    ASSERT_TRUE(url.ok()) << url.status();
    url_ = *url;
    module_.path = "/test/libdemo.so";
    module_.module_id = "demo";
    module_.display_name = "Demo";
    module_.repository_id = "demo";
    module_.migrations = {
        SqlMigration(1, "CREATE TABLE a (id INTEGER PRIMARY KEY);",
                     "DROP TABLE a;"),
        SqlMigration(2,
                     "CREATE TABLE b (id INTEGER PRIMARY KEY);"
                     "INSERT INTO b VALUES (1);",
                     "DROP TABLE b;"),
        SqlMigration(3, "ALTER TABLE a ADD COLUMN note TEXT;",
                     "CREATE TABLE a2 (id INTEGER PRIMARY KEY);"
                     "DROP TABLE a; ALTER TABLE a2 RENAME TO a;"),
    };
    options_.lock_timeout_seconds = 1;
  }

  report::ModuleResult Run(std::optional<int64_t> target = std::nullopt) {
    MigrateOptions options = options_;
    options.target = target;
    return MigrateModule(module_, url_, options, [](const ProgressEvent&) {});
  }

  std::unique_ptr<backend::Database> Open() {
    absl::StatusOr<std::unique_ptr<backend::Database>> db =
        backend::OpenDatabase(url_, {});
    EXPECT_TRUE(db.ok()) << db.status();
    return db.ok() ? *std::move(db) : nullptr;
  }

  std::string Scalar(const std::string& sql) {
    std::unique_ptr<backend::Database> db = Open();
    absl::StatusOr<std::vector<backend::Row>> rows = db->Query(sql, {});
    if (!rows.ok()) return absl::StrCat("error: ", rows.status().message());
    if (rows->empty() || (*rows)[0].empty() || !(*rows)[0][0]) return "";
    return *(*rows)[0][0];
  }

  std::string Version() {
    return Scalar("SELECT version FROM migrate_version WHERE repository_id "
                  "= 'demo'");
  }

  std::string path_;
  config::ConnectionUrl url_;
  plugin::ModulePlugin module_;
  MigrateOptions options_;
};

TEST_F(ModuleMigratorTest, AppliesEveryStepThenHasNothingToDo) {
  report::ModuleResult r = Run();
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.module_id, "demo");
  EXPECT_EQ(r.display_name, "Demo");
  EXPECT_EQ(r.from, 0);
  EXPECT_EQ(r.to, 3);
  EXPECT_EQ(r.ResultText(false), "0 -> 3");
  EXPECT_EQ(Version(), "3");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM b"), "1");

  std::optional<report::ModuleResult> settled =
      SettledResult(module_, url_, options_);
  ASSERT_TRUE(settled.has_value());
  EXPECT_TRUE(settled->ok);
  EXPECT_EQ(settled->ResultText(false), "No changes");
  EXPECT_EQ(Run().ResultText(false), "No changes");
}

// The no-op check writes nothing: a settled module whose registry lacks
// this controller's row is left to the run (which records it under the
// lock), not recorded by the check.
TEST_F(ModuleMigratorTest, TheSettledCheckWritesNothing) {
  ASSERT_TRUE(Run().ok);
  ASSERT_EQ(Scalar("SELECT COUNT(*) FROM aos_migration_controllers"), "1");
  {
    std::unique_ptr<backend::Database> db = Open();
    ASSERT_TRUE(db->Execute("DELETE FROM aos_migration_controllers", {}).ok());
  }
  EXPECT_FALSE(SettledResult(module_, url_, options_).has_value());
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM aos_migration_controllers"), "0");
  report::ModuleResult r = Run();
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.ResultText(false), "No changes");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM aos_migration_controllers"), "1");
  std::optional<report::ModuleResult> settled = SettledResult(module_, url_, options_);
  ASSERT_TRUE(settled.has_value());
  EXPECT_EQ(settled->ResultText(false), "No changes");
}

TEST_F(ModuleMigratorTest, RollsBackAndForward) {
  ASSERT_TRUE(Run().ok);
  report::ModuleResult down = Run(1);
  ASSERT_TRUE(down.ok) << down.error;
  EXPECT_EQ(down.ResultText(false), "3 -> 1");
  EXPECT_EQ(Version(), "1");
  EXPECT_THAT(Scalar("SELECT COUNT(*) FROM b"), HasSubstr("no such table"));
  EXPECT_EQ(Run().ResultText(false), "1 -> 3");
}

TEST_F(ModuleMigratorTest, UnknownTargetIsAPlainError) {
  report::ModuleResult r = Run(7);
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.database_error);
  EXPECT_THAT(r.error, HasSubstr("7"));
  EXPECT_THAT(Version(), HasSubstr("no such table"));
}

TEST_F(ModuleMigratorTest, MarkRecordsAVersionAndAppliesNothing) {
  MigrateOptions options = options_;
  options.mark_version = 2;
  report::ModuleResult r =
      MigrateModule(module_, url_, options, [](const ProgressEvent&) {});
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(Version(), "2");
  EXPECT_THAT(Scalar("SELECT COUNT(*) FROM a"), HasSubstr("no such table"));

  options.mark_version = 9;
  report::ModuleResult bad =
      MigrateModule(module_, url_, options, [](const ProgressEvent&) {});
  EXPECT_FALSE(bad.ok);
  EXPECT_THAT(bad.error, HasSubstr("version 9 does not exist for demo"));
  EXPECT_EQ(Version(), "2");
}

TEST_F(ModuleMigratorTest, FailedStepRollsBackWholeWithItsCategory) {
  module_.migrations[1].upgrade.sql =
      "CREATE TABLE b (id INTEGER PRIMARY KEY); INSERT INTO b VALUES (1);"
      "INSERT INTO b VALUES (1);";
  report::ModuleResult r = Run();
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(r.database_error);
  EXPECT_EQ(r.error_category, "duplicate");
  EXPECT_EQ(r.to, 1);
  EXPECT_THAT(r.error, HasSubstr("Error while applying migration 1 -> 2 "
                                 "(step 2), database left at 1: statement 3 "
                                 "of 3"));
  EXPECT_EQ(Version(), "1");
  EXPECT_THAT(Scalar("SELECT COUNT(*) FROM b"), HasSubstr("no such table"));
  EXPECT_EQ(Scalar("SELECT outcome FROM aos_migration_history WHERE version "
                   "= 2"),
            "failed");
}

TEST_F(ModuleMigratorTest, SyntaxErrorIsCategorised) {
  module_.migrations[0].upgrade.sql = "CREATE TABLEX a (id INTEGER);";
  report::ModuleResult r = Run();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error_category, "syntax");
  EXPECT_EQ(r.ResultText(false), report::kUnknownDbError);
}

TEST_F(ModuleMigratorTest, InterruptedStepBlocksRunsAndViewsAlike) {
  ASSERT_TRUE(Run(1).ok);
  std::unique_ptr<backend::Database> db = Open();
  ASSERT_TRUE(db->Execute("INSERT INTO aos_migration_history (repository_id, "
                          "version, direction, checksum, started_at, outcome, "
                          "statements_done, statements_total, host, pid) "
                          "VALUES ('demo', 2, 'upgrade', 'x', "
                          "'2026-01-01 00:00:00', 'running', 1, 2, 'h', 7)",
                          {})
                  .ok());
  EXPECT_FALSE(SettledResult(module_, url_, options_).has_value());
  report::ModuleResult r = Run();
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.database_error);
  EXPECT_THAT(r.error, HasSubstr("never finished: 1 of 2 statements ran"));
  EXPECT_EQ(Version(), "1");

  ModuleStatus status = InspectModule(module_, url_, std::nullopt, {});
  EXPECT_EQ(status.current, 1);
  EXPECT_THAT(status.interrupted, HasSubstr("1 of 2 statements ran"));
  EXPECT_EQ(status.pending.size(), 2u);
}

TEST_F(ModuleMigratorTest, ChangedAppliedMigrationFailsRunsAndViewsAlike) {
  ASSERT_TRUE(Run().ok);
  module_.migrations[1].upgrade.sql =
      "CREATE TABLE b (id INTEGER PRIMARY KEY); INSERT INTO b VALUES (2);";
  EXPECT_FALSE(SettledResult(module_, url_, options_).has_value());
  report::ModuleResult r = Run();
  EXPECT_FALSE(r.ok);
  EXPECT_THAT(r.error, HasSubstr("the content of applied migration 2 (step 2) "
                                 "differs from what was applied"));

  ModuleStatus status = InspectModule(module_, url_, std::nullopt, {});
  EXPECT_EQ(status.error, r.error);
  EXPECT_FALSE(status.database_error);
  EXPECT_EQ(status.current, 3);
}

TEST_F(ModuleMigratorTest, LockHeldByAnotherRunTimesOut) {
  ASSERT_TRUE(Run(1).ok);
  FileLock other(path_, 1);
  ASSERT_TRUE(other.Acquire([](const std::string&) {}).ok());
  report::ModuleResult r = Run();
  EXPECT_FALSE(r.ok);
  EXPECT_THAT(r.error, HasSubstr("Error while getting migrate versions: "));
  EXPECT_EQ(Version(), "1");
  ASSERT_TRUE(other.Release().ok());
  EXPECT_EQ(Run().ResultText(false), "1 -> 3");
}

TEST_F(ModuleMigratorTest, ForeignTablesAtVersionZeroAreRefused) {
  std::unique_ptr<backend::Database> db = Open();
  ASSERT_TRUE(db->Execute("CREATE TABLE theirs (x INTEGER)", {}).ok());
  report::ModuleResult r = Run();
  EXPECT_FALSE(r.ok);
  EXPECT_THAT(r.error, HasSubstr("tables but no version for demo"));
  ModuleStatus status = InspectModule(module_, url_, std::nullopt, {});
  EXPECT_EQ(status.error, r.error);
}

TEST_F(ModuleMigratorTest, ViewsDoNotCreateAMissingSqliteFile) {
  ModuleStatus status = InspectModule(module_, url_, std::nullopt, {});
  EXPECT_TRUE(status.error.empty()) << status.error;
  EXPECT_EQ(status.current, 0);
  EXPECT_EQ(status.pending.size(), 3u);
  EXPECT_NE(access(path_.c_str(), F_OK), 0) << "the view created " << path_;
}

}  // namespace
}  // namespace aos::engine
