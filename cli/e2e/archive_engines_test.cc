// Nothing a step destroys is lost (issue 27) on PostgreSQL and SQLite,
// through the built aos-db-migrate and testdata/archive_plugins: the
// issue's contract step and `--migration 1` give back every value (and
// --no-archive loses them, as before), up/down/up/down brings back the
// newest values, and a column the downgrade re-creates with another type
// rolls the downgrade back whole (the step's transaction) until
// --no-archive. There the copy and the giving back are statements of the
// step's one transaction: a crash leaves nothing half done.
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/postgresql_fixture.h"
#include "cli/e2e/process_helpers.h"
#include "cli/e2e/report_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/testing/command_runner.h"

namespace aos::e2e {
namespace {

using ::testing::ElementsAre;

constexpr char kKeep[] = "testdata/archive_plugins/keep/libarchkeep.so";
constexpr char kHostile[] =
    "testdata/archive_plugins/hostile/libarchhostile.so";

// One engine as the test drives it: the tool with a config, and SQL on
// each module's database (rows joined by '|').
struct Engine {
  std::string config;
  std::function<std::vector<std::string>(const std::string& module,
                                         const std::string& sql)>
      query;
};

testing::CommandResult Run(const Engine& e, std::vector<std::string> args) {
  std::vector<std::string> argv = {testing::Runfile("cli/aos-db-migrate"),
                                   "--config", e.config};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunCommandOrFail(argv);
}

std::string Result(const testing::CommandResult& r, const std::string& name) {
  std::optional<ReportRow> row = FindRow(r.out, name);
  EXPECT_TRUE(row.has_value()) << r.out << r.err;
  return row ? row->result : "";
}

void GivesBackEveryValue(const Engine& e) {
  ASSERT_EQ(Run(e, {"-n", "archkeep", "--migration", "1"}).exit_code, 0);
  e.query("archkeep",
          "INSERT INTO l VALUES (1, 'a', 'g1'), (2, 'b', 'g2'), (3, 'c', NULL)");
  e.query("archkeep", "INSERT INTO l_old VALUES (1, 'n1'), (2, 'n2')");
  ASSERT_EQ(Run(e, {"-n", "archkeep"}).exit_code, 0);
  testing::CommandResult down = Run(e, {"-n", "archkeep", "--migration", "1"});
  ASSERT_EQ(down.exit_code, 0) << down.out << down.err;
  EXPECT_EQ(Result(down, "ArchiveKeep"),
            "2 -> 1 (restored l_old: 2 rows, l: 3 rows)");
  EXPECT_THAT(e.query("archkeep", "SELECT id, v, gone FROM l ORDER BY id"),
              ElementsAre("1|a|g1", "2|b|g2", "3|c|"));
  EXPECT_THAT(e.query("archkeep", "SELECT id, note FROM l_old ORDER BY id"),
              ElementsAre("1|n1", "2|n2"));
  // Up, down again with rows written between: the newest values.
  e.query("archkeep", "UPDATE l SET gone = 'g1-new' WHERE id = 1");
  e.query("archkeep", "INSERT INTO l_old VALUES (3, 'n3')");
  ASSERT_EQ(Run(e, {"-n", "archkeep"}).exit_code, 0);
  e.query("archkeep", "INSERT INTO l VALUES (4, 'd')");
  testing::CommandResult again = Run(e, {"-n", "archkeep", "--migration", "1"});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_THAT(e.query("archkeep", "SELECT id, gone FROM l ORDER BY id"),
              ElementsAre("1|g1-new", "2|g2", "3|", "4|"));
  EXPECT_THAT(e.query("archkeep", "SELECT COUNT(*) FROM l_old"),
              ElementsAre("3"));
  // --no-archive: the loss as the issue found it, asked for.
  ASSERT_EQ(Run(e, {"-n", "archkeep", "--no-archive"}).exit_code, 0);
  testing::CommandResult lost =
      Run(e, {"-n", "archkeep", "--migration", "1", "--no-archive"});
  ASSERT_EQ(lost.exit_code, 0) << lost.out << lost.err;
  EXPECT_EQ(Result(lost, "ArchiveKeep"), "2 -> 1");
  EXPECT_THAT(e.query("archkeep", "SELECT COUNT(gone) FROM l"),
              ElementsAre("0"));
}

void AnotherTypeRollsTheDowngradeBack(const Engine& e) {
  ASSERT_EQ(Run(e, {"-n", "archhostile", "--migration", "1"}).exit_code, 0);
  e.query("archhostile", "INSERT INTO typed VALUES (1, 'x1'), (2, 'y2')");
  ASSERT_EQ(Run(e, {"-n", "archhostile", "--migration", "2"}).exit_code, 0);
  testing::CommandResult typed =
      Run(e, {"-n", "archhostile", "--migration", "1", "-v"});
  EXPECT_EQ(typed.exit_code, 1) << typed.out << typed.err;
  EXPECT_THAT(Result(typed, "ArchiveHostile"),
              HasWrappedSubstr("does not convert them by guess"));
  // Rolled back whole: typed has no column c, the version is 2.
  EXPECT_THAT(e.query("archhostile",
                      "SELECT version FROM migrate_version WHERE "
                      "repository_id = 'archhostile'"),
              ElementsAre("2"));
  EXPECT_EQ(Run(e, {"-n", "archhostile", "--migration", "1", "--no-archive"})
                .exit_code,
            0);
  // A table without a primary key: refused with the reason.
  testing::CommandResult nopk =
      Run(e, {"-n", "archhostile", "--migration", "3", "-v"});
  EXPECT_EQ(nopk.exit_code, 1) << nopk.out << nopk.err;
  EXPECT_THAT(Result(nopk, "ArchiveHostile"),
              HasWrappedSubstr("without a primary key"));
}

class PostgresqlArchiveTest : public PostgresqlSuite<> {
 protected:
  Engine Drive(const std::string& suffix) {
    std::string text = absl::StrCat(
        "[DEFAULT]\nplugin_dir = ", NewPluginDir({kKeep, kHostile}),
        "\nlock_timeout = 30\n");
    for (const char* m : {"archkeep", "archhostile"}) {
      const std::string db = m + suffix;
      EXPECT_TRUE(pg_->Execute("CREATE DATABASE " + db).ok());
      absl::StrAppend(&text, "[", m, "]\nconnection = ", pg_->Url(db), "\n");
    }
    Engine e;
    e.config = testing::NewTempDir("archpg.") + "/db.conf";
    testing::WriteFile(e.config, text);
    e.query = [suffix](const std::string& module, const std::string& sql) {
      absl::StatusOr<std::vector<std::string>> rows =
          pg_->Query(sql, module + suffix);
      EXPECT_TRUE(rows.ok()) << rows.status() << "\n" << sql;
      std::vector<std::string> out;
      if (!rows.ok()) return out;
      for (const std::string& r : *rows) {  // as sqlite3 prints it
        std::vector<std::string> cells = absl::StrSplit(r, '\t');
        for (std::string& c : cells) {
          if (c == "NULL") c.clear();
        }
        out.push_back(absl::StrJoin(cells, "|"));
      }
      return out;
    };
    return e;
  }
};

TEST_F(PostgresqlArchiveTest, GivesBackEveryValue) {
  GivesBackEveryValue(Drive("_a"));
}

TEST_F(PostgresqlArchiveTest, AnotherTypeRollsTheDowngradeBack) {
  AnotherTypeRollsTheDowngradeBack(Drive("_b"));
}

Engine DriveSqlite() {
  const std::string dir = testing::NewTempDir("archsqlite.");
  Engine e;
  e.config = dir + "/db.conf";
  testing::WriteFile(
      e.config,
      absl::StrCat("[DEFAULT]\nplugin_dir = ", NewPluginDir({kKeep, kHostile}),
                   "\nlock_timeout = 30\n[archkeep]\nconnection = sqlite:///",
                   dir, "/archkeep.sqlite\n[archhostile]\nconnection = "
                   "sqlite:///", dir, "/archhostile.sqlite\n"));
  e.query = [dir](const std::string& module, const std::string& sql) {
    testing::CommandResult r =
        RunCommandOrFail({"sqlite3", dir + "/" + module + ".sqlite", sql});
    EXPECT_EQ(r.exit_code, 0) << r.err << "\n" << sql;
    std::vector<std::string> rows = absl::StrSplit(r.out, '\n');
    if (!rows.empty() && rows.back().empty()) rows.pop_back();
    return rows;
  };
  return e;
}

TEST(SqliteArchiveTest, GivesBackEveryValue) {
  GivesBackEveryValue(DriveSqlite());
}

TEST(SqliteArchiveTest, AnotherTypeRollsTheDowngradeBack) {
  AnotherTypeRollsTheDowngradeBack(DriveSqlite());
}

}  // namespace
}  // namespace aos::e2e
