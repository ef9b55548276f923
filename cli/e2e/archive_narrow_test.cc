// A column change that would lose values (issue 27), on a real MariaDB:
// a step narrows n.v to VARCHAR(5) and n.k to SMALLINT over values that do
// not fit, in a non-strict session (the step's own SET sql_mode), where
// the server cuts them silently. The archive keeps the primary key, the
// old values and what the change stored of them before each ALTER; the
// step runs; the downgrade that widens the columns back gets the old
// values back, but not over a value written since. In the server's strict
// mode, and with --no-archive, the pre-flight refuses such a step as
// before (the server would refuse it too, or the loss would go unkept);
// a narrowing of a table without a primary key is refused with the
// reason. And a column given back keeps an ON UPDATE CURRENT_TIMESTAMP
// column's time.
#include <signal.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/e2e/archive_engines.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/process_helpers.h"
#include "cli/e2e/report_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace aos::e2e {
namespace {

using ::testing::AnyOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kNarrow[] = "testdata/archive_plugins/narrow/libarchnarrow.so";

class ArchiveNarrowTest : public MigrateTest {
 protected:
  void SetUp() override {
    MigrateTest::SetUp();
    AddModules({"archnarrow"});
    dir_ = PluginDir({kNarrow});
    config_ = Config(dir_);
    PrepareAt(config_, "archnarrow", 1);
    Exec(
        "INSERT INTO n VALUES (1, 'abcdefgh', 70000), (2, 'ab', 5), "
        "(3, NULL, NULL), (4, 'longvalue4', -40000)");
  }

  void Exec(const std::string& sql) {
    absl::Status st = server_->Execute(sql, Db("archnarrow"));
    ASSERT_TRUE(st.ok()) << st << "\n" << sql;
  }

  std::vector<std::string> Rows() {
    return QueryDb("archnarrow", "SELECT id, v, k FROM n ORDER BY id");
  }

  std::vector<std::string> ArchiveTables() {
    return QueryDb("archnarrow",
                   "SELECT table_name FROM information_schema.tables WHERE "
                   "table_schema = DATABASE() AND table_name LIKE "
                   "'aos\\_migration\\_archive%'");
  }

  std::string dir_;
  std::string config_;
};

TEST_F(ArchiveNarrowTest, TheWideningDowngradeGivesBackWhatTheNarrowingCut) {
  // --dry-run: the run decides right before the ALTER, in its session.
  testing::CommandResult dry =
      Migrate(config_, {"-n", "archnarrow", "--migration", "2", "--dry-run", "-f", "json"});
  ASSERT_EQ(dry.exit_code, 0) << dry.out << dry.err;
  nlohmann::json found = nlohmann::json::parse(dry.out)["modules"][0]["steps"][0]["preflight"];
  ASSERT_EQ(found.size(), 2u) << dry.out;
  EXPECT_EQ(found[0]["outcome"], "at_run") << dry.out;
  EXPECT_THAT(found[0]["note"].get<std::string>(),
              HasSubstr("the archive (when on) keeps them first"));
  testing::CommandResult up = Migrate(config_, {"-n", "archnarrow", "--migration", "2"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_EQ(ResultOf(up, "ArchiveNarrow"), "1 -> 2");
  // Cut by the server, kept first: only the rows whose value did not fit.
  EXPECT_THAT(Rows(),
              ElementsAre("1\tabcde\t32767", "2\tab\t5", "3\tNULL\tNULL", "4\tlongv\t-32768"));
  EXPECT_THAT(QueryDb("archnarrow",
                      "SELECT statement_index, table_name, columns_kept, "
                      "row_count FROM aos_migration_archives ORDER BY seq"),
              ElementsAre("2\tn\tv\t2", "3\tn\tk\t2"));
  // Written while at 2: row 4's v (it stays), a new row.
  Exec("UPDATE n SET v = 'new' WHERE id = 4");
  Exec("INSERT INTO n VALUES (5, 'e', 1)");
  testing::CommandResult down = Migrate(config_, {"-n", "archnarrow", "--migration", "1"});
  ASSERT_EQ(down.exit_code, 0) << down.out << down.err;
  EXPECT_EQ(ResultOf(down, "ArchiveNarrow"), "2 -> 1 (restored n: 3 rows)");
  EXPECT_THAT(Rows(), ElementsAre("1\tabcdefgh\t70000", "2\tab\t5", "3\tNULL\tNULL",
                                  "4\tnew\t-40000", "5\te\t1"));
  EXPECT_THAT(ArchiveTables(), IsEmpty());
  // Up, down again: the newest values.
  Exec("UPDATE n SET v = 'abcdefgh-2' WHERE id = 1");
  ASSERT_EQ(Migrate(config_, {"-n", "archnarrow", "--migration", "2"}).exit_code, 0);
  ASSERT_EQ(Migrate(config_, {"-n", "archnarrow", "--migration", "1"}).exit_code, 0);
  EXPECT_THAT(QueryDb("archnarrow", "SELECT v FROM n WHERE id = 1"), ElementsAre("abcdefgh-2"));
  EXPECT_THAT(ArchiveTables(), IsEmpty());
}

// Killed after the copy, while the ALTER waits for another client's
// metadata lock: the next run resumes the step in its restored session
// (non-strict), keeps the values again and cuts them; the downgrade gives
// back the newest copy.
TEST_F(ArchiveNarrowTest, KilledBetweenTheCopyAndTheAlterTheNextRunFinishes) {
  testing::StartedCommand holder = testing::StartInNewProcessGroup(
      {"mariadb", "--no-defaults", "-S", server_->socket_path(), "-uroot", Db("archnarrow"), "-e",
       "START TRANSACTION; SELECT * FROM n LIMIT 1; SELECT SLEEP(60);"});
  ASSERT_GT(holder.pid, 0);
  const std::string processlist =
      absl::StrCat("SELECT COUNT(*) FROM information_schema.processlist WHERE db = '",
                   Db("archnarrow"), "' AND info LIKE ");
  ASSERT_TRUE(WaitForRow("archnarrow", processlist + "'SELECT SLEEP(60)%'", "1", 10));
  testing::StartedCommand run =
      testing::StartInNewProcessGroup({testing::Runfile("cli/aos-db-migrate"), "--config", config_,
                                       "-n", "archnarrow", "--migration", "2"});
  ASSERT_GT(run.pid, 0);
  const bool copied = WaitForRow(
      "archnarrow", "SELECT COUNT(*) FROM aos_migration_archives WHERE row_count = 2", "1", 30);
  const bool waiting =
      WaitForRow("archnarrow", processlist + "'ALTER TABLE n MODIFY v VARCHAR(5)%'", "1", 30);
  testing::CommandResult killed = testing::KillProcessGroup(run, SIGKILL);
  ASSERT_TRUE(copied && waiting) << copied << waiting << killed.out << killed.err;
  for (const std::string& like : {"ALTER TABLE n MODIFY%", "SELECT SLEEP(60)%"}) {
    for (const std::string& id :
         QueryDb("archnarrow", absl::StrCat("SELECT id FROM information_schema.processlist "
                                            "WHERE db = '",
                                            Db("archnarrow"), "' AND info LIKE '", like, "'"))) {
      ASSERT_TRUE(server_->Execute(absl::StrCat("KILL ", id)).ok());
    }
  }
  (void)testing::KillProcessGroup(holder, SIGKILL);
  ASSERT_TRUE(WaitForRow("archnarrow", processlist + "'ALTER TABLE n MODIFY%'", "0", 30));
  // The killed ALTER of v either died with its session or, its copy done,
  // finished once the lock was free (KILL does not always stop a DDL the
  // server has begun); k's never ran. The next run finishes either way.
  EXPECT_THAT(QueryDb("archnarrow", "SELECT k FROM n WHERE id = 1"), ElementsAre("70000"));
  EXPECT_THAT(QueryDb("archnarrow", "SELECT v FROM n WHERE id = 1"),
              ElementsAre(AnyOf("abcdefgh", "abcde")));
  testing::CommandResult next = Migrate(config_, {"-n", "archnarrow", "--migration", "2", "-v"});
  ASSERT_EQ(next.exit_code, 0) << next.out << next.err;
  EXPECT_THAT(ResultOf(next, "ArchiveNarrow"), HasSubstr("1 -> 2 (resumed"));
  EXPECT_THAT(Rows(),
              ElementsAre("1\tabcde\t32767", "2\tab\t5", "3\tNULL\tNULL", "4\tlongv\t-32768"));
  testing::CommandResult down = Migrate(config_, {"-n", "archnarrow", "--migration", "1"});
  ASSERT_EQ(down.exit_code, 0) << down.out << down.err;
  EXPECT_EQ(ResultOf(down, "ArchiveNarrow"), "2 -> 1 (restored n: 4 rows)");
  EXPECT_THAT(Rows(), ElementsAre("1\tabcdefgh\t70000", "2\tab\t5", "3\tNULL\tNULL",
                                  "4\tlongvalue4\t-40000"));
  EXPECT_THAT(ArchiveTables(), IsEmpty());
}

TEST_F(ArchiveNarrowTest, WithoutTheArchiveOrInAStrictModeItIsRefused) {
  // --no-archive: nothing would keep the values; the pre-flight refuses.
  testing::CommandResult unkept =
      Migrate(config_, {"-n", "archnarrow", "--migration", "2", "--no-archive", "-v"});
  EXPECT_EQ(unkept.exit_code, 1) << unkept.out << unkept.err;
  EXPECT_THAT(ResultOf(unkept, "ArchiveNarrow"), HasWrappedSubstr("pre-flight"));
  EXPECT_EQ(RecordedVersion("archnarrow"), "1");
  EXPECT_THAT(Rows(), ElementsAre("1\tabcdefgh\t70000", "2\tab\t5", "3\tNULL\tNULL",
                                  "4\tlongvalue4\t-40000"));
  // The server's strict mode would refuse the ALTER itself: the pre-flight
  // says it first, nothing is archived.
  ASSERT_EQ(Migrate(config_, {"-n", "archnarrow", "--migration", "2"}).exit_code, 0);
  testing::CommandResult strict = Migrate(config_, {"-n", "archnarrow", "-v"});
  EXPECT_EQ(strict.exit_code, 1) << strict.out << strict.err;
  EXPECT_THAT(ResultOf(strict, "ArchiveNarrow"),
              HasWrappedSubstr("values longer than 3 characters"));
  EXPECT_EQ(RecordedVersion("archnarrow"), "2");
  EXPECT_THAT(QueryDb("archnarrow", "SELECT v FROM n WHERE id = 1"), ElementsAre("abcde"));
  EXPECT_THAT(QueryDb("archnarrow",
                      "SELECT COUNT(*) FROM aos_migration_archives WHERE "
                      "version = 3"),
              ElementsAre("0"));
}

// Giving u.gone back writes those rows; MySQL's ON UPDATE
// CURRENT_TIMESTAMP would stamp them now: the refill keeps updated_at.
TEST_F(ArchiveNarrowTest, GivingBackKeepsAnOnUpdateTimestamp) {
  Exec("DELETE FROM n");
  Exec(
      "INSERT INTO u VALUES (1, 'g1', '2020-01-02 03:04:05'), "
      "(2, NULL, '2020-01-02 03:04:05')");
  ASSERT_EQ(Migrate(config_, {"-n", "archnarrow", "--migration", "4"}).exit_code, 0);
  EXPECT_EQ(RecordedVersion("archnarrow"), "4");
  testing::CommandResult down = Migrate(config_, {"-n", "archnarrow", "--migration", "3"});
  ASSERT_EQ(down.exit_code, 0) << down.out << down.err;
  EXPECT_EQ(ResultOf(down, "ArchiveNarrow"), "4 -> 3 (restored u: 2 rows)");
  EXPECT_THAT(QueryDb("archnarrow", "SELECT id, gone, updated_at FROM u ORDER BY id"),
              ElementsAre("1\tg1\t2020-01-02 03:04:05", "2\tNULL\t2020-01-02 03:04:05"));
}

// A narrowing the archive cannot keep (np has no primary key): refused
// right before the ALTER, the reason said, np's values untouched.
TEST_F(ArchiveNarrowTest, ANarrowingTheArchiveCannotKeepIsRefused) {
  Exec("DELETE FROM n");
  Exec("INSERT INTO np VALUES (1, 'long value')");
  testing::CommandResult r = Migrate(config_, {"-n", "archnarrow", "-v"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(ResultOf(r, "ArchiveNarrow"), HasWrappedSubstr("without a primary key"));
  EXPECT_THAT(ResultOf(r, "ArchiveNarrow"),
              HasWrappedSubstr("shorten or remove those values first"));
  EXPECT_EQ(RecordedVersion("archnarrow"), "4");
  EXPECT_THAT(QueryDb("archnarrow", "SELECT v FROM np"), ElementsAre("long value"));
}

}  // namespace
}  // namespace aos::e2e
