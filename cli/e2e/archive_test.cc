// Nothing a step destroys is lost (issue 27), on a real MariaDB, through
// the built aos-db-migrate and real plugins (testdata/archive_plugins):
// the issue's contract step `ALTER TABLE l DROP COLUMN gone; DROP TABLE
// l_old` and `--migration 1` give back every value (with --no-archive:
// exit 0 with NULLs and an empty l_old, as before); up, down, up, down
// with rows written and changed in between; a run SIGKILLed between the
// archive's copy and the DROP, finished by the next run; a step above
// archive_max_mib refused; and the hostile cases: a column the downgrade
// re-creates with another type, a table without a primary key, a table
// named as an archive.
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

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Whether the archives' records table exists: it goes with the last
// archive given back.
constexpr char kRecordsTable[] =
    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
    "DATABASE() AND table_name = 'aos_migration_archives'";

class ArchiveTest : public MigrateTest {
 protected:
  void SetUp() override {
    MigrateTest::SetUp();
    AddModules({"archkeep", "archhostile"});
    dir_ = PluginDir({kArchiveKeepPlugin, kArchiveHostilePlugin});
    config_ = Config(dir_);
  }

  void Exec(const std::string& module, const std::string& sql) {
    absl::Status st = server_->Execute(sql, Db(module));
    ASSERT_TRUE(st.ok()) << st << "\n" << sql;
  }

  // archkeep at 1 with the rows the contract step will drop.
  void KeepAtOneWithRows() {
    PrepareAt(config_, "archkeep", 1);
    Exec("archkeep",
         "INSERT INTO l VALUES (1, 'a', 'g1'), (2, 'b', 'g2'), (3, 'c', NULL)");
    Exec("archkeep", "INSERT INTO l_old VALUES (1, 'n1'), (2, 'n2')");
  }

  // The Result column of the run's row of `display`; "" when absent.
  std::string Result(const testing::CommandResult& r,
                     const std::string& display) {
    return ResultOf(r, display);
  }

  std::vector<std::string> ArchiveTables(const std::string& module) {
    return QueryDb(module,
                   "SELECT table_name FROM information_schema.tables WHERE "
                   "table_schema = DATABASE() AND table_name LIKE "
                   "'aos\\_migration\\_archive\\_%' ORDER BY table_name");
  }

  std::string dir_;
  std::string config_;
};

TEST_F(ArchiveTest, TheContractStepAndItsRollbackGiveBackEveryValue) {
  KeepAtOneWithRows();
  testing::CommandResult up = Migrate(config_, {"-n", "archkeep"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_EQ(Result(up, "ArchiveKeep"), "1 -> 2");
  EXPECT_THAT(QueryDb("archkeep",
                      "SELECT version, direction, statement_index, table_name, "
                      "REPLACE(columns_kept, '\\n', ','), key_columns, "
                      "row_count FROM aos_migration_archives ORDER BY seq"),
              ElementsAre("2\tupgrade\t1\tl\tgone\tid\t3",
                          "2\tupgrade\t2\tl_old\t\tid\t2"));
  // Never the module's: not a foreign table, not drift.
  testing::CommandResult check = Migrate(config_, {"-n", "archkeep", "--check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;

  testing::CommandResult down =
      Migrate(config_, {"-n", "archkeep", "--migration", "1"});
  ASSERT_EQ(down.exit_code, 0) << down.out << down.err;
  EXPECT_EQ(Result(down, "ArchiveKeep"),
            "2 -> 1 (restored l_old: 2 rows, l: 3 rows)");
  EXPECT_THAT(QueryDb("archkeep", "SELECT id, v, gone FROM l ORDER BY id"),
              ElementsAre("1\ta\tg1", "2\tb\tg2", "3\tc\tNULL"));
  EXPECT_THAT(QueryDb("archkeep", "SELECT id, note FROM l_old ORDER BY id"),
              ElementsAre("1\tn1", "2\tn2"));
  // Retired: nothing kept once given back.
  EXPECT_THAT(QueryDb("archkeep", kRecordsTable), ElementsAre("0"));
  EXPECT_THAT(ArchiveTables("archkeep"), IsEmpty());
}

TEST_F(ArchiveTest, DryRunMarksWhatIsArchivedAndStatusListsWhatIsKept) {
  KeepAtOneWithRows();
  testing::CommandResult dry = Migrate(config_, {"-n", "archkeep", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.out << dry.err;
  // Before the statement's other comments (its cost), then the statement.
  EXPECT_THAT(dry.out, ::testing::ContainsRegex(
                           "-- archived first: l \\(gone, with its primary "
                           "key\\)\n(-- [^\n]*\n)*ALTER TABLE l DROP COLUMN "
                           "gone;"));
  EXPECT_THAT(dry.out, ::testing::ContainsRegex(
                           "-- archived first: l_old \\(the whole table\\)\n"
                           "(-- [^\n]*\n)*DROP TABLE l_old;"));
  testing::CommandResult dry_json =
      Migrate(config_, {"-n", "archkeep", "--dry-run", "-f", "json"});
  ASSERT_EQ(dry_json.exit_code, 0) << dry_json.out << dry_json.err;
  nlohmann::json steps =
      nlohmann::json::parse(dry_json.out)["modules"][0]["steps"];
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0]["archived"],
            nlohmann::json::parse(
                R"([{"statement":1,"table":"l","columns":["gone"],"refused":null},
                    {"statement":2,"table":"l_old","columns":[],"refused":null}])"));
  ASSERT_EQ(Migrate(config_, {"-n", "archkeep"}).exit_code, 0);
  testing::CommandResult status =
      Migrate(config_, {"-n", "archkeep", "--status", "-f", "json"});
  ASSERT_EQ(status.exit_code, 0) << status.out << status.err;
  nlohmann::json kept =
      nlohmann::json::parse(status.out)["modules"][0]["archives"];
  ASSERT_EQ(kept.size(), 2u) << status.out;
  EXPECT_EQ(kept[0]["table"], "l");
  EXPECT_EQ(kept[0]["columns"], nlohmann::json::parse(R"(["gone"])"));
  EXPECT_EQ(kept[0]["rows"], 3);
  EXPECT_EQ(kept[0]["version"], 2);
  EXPECT_EQ(kept[0]["statement"], 1);
  EXPECT_EQ(kept[1]["table"], "l_old");
  EXPECT_EQ(kept[1]["rows"], 2);
  EXPECT_GT(kept[1]["bytes"].get<int64_t>(), 0);
}

TEST_F(ArchiveTest, WithoutTheArchiveTheRollbackLosesTheValuesAsBefore) {
  // What the issue found, now only when the operator asks for it.
  KeepAtOneWithRows();
  testing::CommandResult up =
      Migrate(config_, {"-n", "archkeep", "--no-archive"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_THAT(ArchiveTables("archkeep"), IsEmpty());
  testing::CommandResult down = Migrate(
      config_, {"-n", "archkeep", "--migration", "1", "--no-archive"});
  ASSERT_EQ(down.exit_code, 0) << down.out << down.err;
  EXPECT_EQ(Result(down, "ArchiveKeep"), "2 -> 1");
  EXPECT_THAT(QueryDb("archkeep", "SELECT id, gone FROM l ORDER BY id"),
              ElementsAre("1\tNULL", "2\tNULL", "3\tNULL"));
  EXPECT_THAT(QueryDb("archkeep", "SELECT COUNT(*) FROM l_old"),
              ElementsAre("0"));
  // archive = off in the config does the same.
  const std::string off = Config(dir_, 0, "archive = off");
  Exec("archkeep", "UPDATE l SET gone = 'x'");
  testing::CommandResult up2 = Migrate(off, {"-n", "archkeep"});
  ASSERT_EQ(up2.exit_code, 0) << up2.out << up2.err;
  EXPECT_THAT(ArchiveTables("archkeep"), IsEmpty());
}

TEST_F(ArchiveTest, UpDownUpDownBringsBackTheNewestValues) {
  KeepAtOneWithRows();
  ASSERT_EQ(Migrate(config_, {"-n", "archkeep"}).exit_code, 0);
  ASSERT_EQ(Migrate(config_, {"-n", "archkeep", "--migration", "1"}).exit_code,
            0);
  // Written between: a value changed, rows added to both tables.
  Exec("archkeep", "UPDATE l SET gone = 'g1-new' WHERE id = 1");
  Exec("archkeep", "INSERT INTO l VALUES (4, 'd', 'g4')");
  Exec("archkeep", "INSERT INTO l_old VALUES (3, 'n3')");
  testing::CommandResult up = Migrate(config_, {"-n", "archkeep"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  // Written while at 2: a row without the dropped column.
  Exec("archkeep", "INSERT INTO l VALUES (5, 'e')");
  Exec("archkeep", "DELETE FROM l WHERE id = 2");
  testing::CommandResult down =
      Migrate(config_, {"-n", "archkeep", "--migration", "1"});
  ASSERT_EQ(down.exit_code, 0) << down.out << down.err;
  // Row 2 no longer exists: 3 of the 4 archived values refill a row.
  EXPECT_EQ(Result(down, "ArchiveKeep"),
            "2 -> 1 (restored l_old: 3 rows, l: 3 rows)");
  EXPECT_THAT(QueryDb("archkeep", "SELECT id, v, gone FROM l ORDER BY id"),
              ElementsAre("1\ta\tg1-new", "3\tc\tNULL", "4\td\tg4",
                          "5\te\tNULL"));
  EXPECT_THAT(QueryDb("archkeep", "SELECT id, note FROM l_old ORDER BY id"),
              ElementsAre("1\tn1", "2\tn2", "3\tn3"));
  EXPECT_THAT(ArchiveTables("archkeep"), IsEmpty());
  EXPECT_THAT(QueryDb("archkeep", kRecordsTable), ElementsAre("0"));
}

TEST_F(ArchiveTest, ArchivesGoAfterTheirRetentionOrWhenPurged) {
  KeepAtOneWithRows();
  ASSERT_EQ(Migrate(config_, {"-n", "archkeep"}).exit_code, 0);
  // Made 31 days ago: a run with nothing to do does not even look.
  Exec("archkeep",
       "UPDATE aos_migration_archives SET created_at = created_at - 31 * 86400");
  testing::CommandResult idle = Migrate(config_, {"-n", "archkeep"});
  ASSERT_EQ(idle.exit_code, 0) << idle.out << idle.err;
  EXPECT_EQ(Result(idle, "ArchiveKeep"), "No changes");
  EXPECT_EQ(ArchiveTables("archkeep").size(), 2u);
  // A run with work retires them first (archive_retention_days = 30).
  testing::CommandResult down =
      Migrate(config_, {"-n", "archkeep", "--migration", "1"});
  ASSERT_EQ(down.exit_code, 0) << down.out << down.err;
  EXPECT_EQ(Result(down, "ArchiveKeep"), "2 -> 1");
  EXPECT_THAT(ArchiveTables("archkeep"), IsEmpty());
  EXPECT_THAT(QueryDb("archkeep", kRecordsTable), ElementsAre("0"));
  // --purge-archives retires fresh ones at once, with nothing to apply.
  Exec("archkeep", "UPDATE l SET gone = 'again'");
  ASSERT_EQ(Migrate(config_, {"-n", "archkeep"}).exit_code, 0);
  EXPECT_EQ(ArchiveTables("archkeep").size(), 2u);
  testing::CommandResult purge =
      Migrate(config_, {"-n", "archkeep", "--purge-archives"});
  ASSERT_EQ(purge.exit_code, 0) << purge.out << purge.err;
  EXPECT_EQ(Result(purge, "ArchiveKeep"), "No changes");
  EXPECT_THAT(ArchiveTables("archkeep"), IsEmpty());
  EXPECT_THAT(QueryDb("archkeep", kRecordsTable), ElementsAre("0"));
}

TEST_F(ArchiveTest, AStepAboveArchiveMaxMibIsRefusedBeforeItStarts) {
  KeepAtOneWithRows();
  const std::string tight = Config(dir_, 0, "archive_max_mib = 0");
  testing::CommandResult r = Migrate(tight, {"-n", "archkeep", "-v"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(Result(r, "ArchiveKeep"), HasWrappedSubstr("archive_max_mib"));
  EXPECT_THAT(Result(r, "ArchiveKeep"), HasWrappedSubstr("--no-archive"));
  EXPECT_EQ(RecordedVersion("archkeep"), "1");
  EXPECT_THAT(QueryDb("archkeep", "SELECT COUNT(gone) FROM l"),
              ElementsAre("2"));
  EXPECT_THAT(ArchiveTables("archkeep"), IsEmpty());
}

TEST_F(ArchiveTest, KilledBetweenTheCopyAndTheDropTheNextRunFinishesExactly) {
  KeepAtOneWithRows();
  // Another client's open transaction holds l's metadata lock: the copy
  // reads l, the DROP COLUMN waits; the run is killed while it waits.
  testing::StartedCommand holder = testing::StartInNewProcessGroup(
      {"mariadb", "--no-defaults", "-S", server_->socket_path(), "-uroot",
       Db("archkeep"), "-e",
       "START TRANSACTION; SELECT * FROM l LIMIT 1; SELECT SLEEP(60);"});
  ASSERT_GT(holder.pid, 0);
  const std::string processlist = absl::StrCat(
      "SELECT COUNT(*) FROM information_schema.processlist WHERE db = '",
      Db("archkeep"), "' AND info LIKE ");
  ASSERT_TRUE(WaitForRow("archkeep", processlist + "'SELECT SLEEP(60)%'", "1", 10));
  testing::StartedCommand run = testing::StartInNewProcessGroup(
      {testing::Runfile("cli/aos-db-migrate"), "--config", config_, "-n",
       "archkeep"});
  ASSERT_GT(run.pid, 0);
  const bool copied = WaitForRow(
      "archkeep",
      "SELECT COUNT(*) FROM aos_migration_archives WHERE row_count = 3", "1",
      30);
  const bool waiting = WaitForRow(
      "archkeep", processlist + "'ALTER TABLE l %DROP COLUMN gone%'", "1", 30);
  testing::CommandResult killed = testing::KillProcessGroup(run, SIGKILL);
  ASSERT_TRUE(copied && waiting) << copied << waiting << killed.out
                                 << killed.err;
  for (const std::string& id : QueryDb(
           "archkeep",
           absl::StrCat("SELECT id FROM information_schema.processlist WHERE "
                        "db = '", Db("archkeep"),
                        "' AND info LIKE 'SELECT SLEEP(60)%'"))) {
    ASSERT_TRUE(server_->Execute(absl::StrCat("KILL ", id)).ok());
  }
  (void)testing::KillProcessGroup(holder, SIGKILL);
  testing::CommandResult next = Migrate(config_, {"-n", "archkeep", "-v"});
  ASSERT_EQ(next.exit_code, 0) << next.out << next.err;
  EXPECT_THAT(Result(next, "ArchiveKeep"), HasSubstr("1 -> 2 (resumed"));
  EXPECT_EQ(RecordedVersion("archkeep"), "2");
  testing::CommandResult down =
      Migrate(config_, {"-n", "archkeep", "--migration", "1"});
  ASSERT_EQ(down.exit_code, 0) << down.out << down.err;
  EXPECT_EQ(Result(down, "ArchiveKeep"),
            "2 -> 1 (restored l_old: 2 rows, l: 3 rows)");
  EXPECT_THAT(QueryDb("archkeep", "SELECT id, v, gone FROM l ORDER BY id"),
              ElementsAre("1\ta\tg1", "2\tb\tg2", "3\tc\tNULL"));
  EXPECT_THAT(QueryDb("archkeep", "SELECT id, note FROM l_old ORDER BY id"),
              ElementsAre("1\tn1", "2\tn2"));
  EXPECT_THAT(QueryDb("archkeep", kRecordsTable), ElementsAre("0"));
  EXPECT_THAT(ArchiveTables("archkeep"), IsEmpty());
}

// Killed after the values were given back but before their archive was
// retired, and a value written meanwhile: the next run retires the archive
// without giving the values back a second time, so the write stays.
TEST_F(ArchiveTest, KilledBeforeTheArchiveIsRetiredAWriteSinceIsKept) {
  KeepAtOneWithRows();
  testing::CommandResult up = Migrate(config_, {"-n", "archkeep"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  const std::vector<std::string> kept = QueryDb(
      "archkeep",
      "SELECT archive_table FROM aos_migration_archives WHERE table_name = 'l'");
  ASSERT_EQ(kept.size(), 1u);
  // Another client's open transaction holds l's archive's metadata lock:
  // the giving back reads it, the DROP that retires it waits.
  testing::StartedCommand holder = testing::StartInNewProcessGroup(
      {"mariadb", "--no-defaults", "-S", server_->socket_path(), "-uroot",
       Db("archkeep"), "-e",
       absl::StrCat("START TRANSACTION; SELECT * FROM ", kept[0],
                    " LIMIT 1; SELECT SLEEP(60);")});
  ASSERT_GT(holder.pid, 0);
  const std::string processlist = absl::StrCat(
      "SELECT COUNT(*) FROM information_schema.processlist WHERE db = '",
      Db("archkeep"), "' AND info LIKE ");
  ASSERT_TRUE(WaitForRow("archkeep", processlist + "'SELECT SLEEP(60)%'", "1", 10));
  testing::StartedCommand run = testing::StartInNewProcessGroup(
      {testing::Runfile("cli/aos-db-migrate"), "--config", config_, "-n",
       "archkeep", "--migration", "1"});
  ASSERT_GT(run.pid, 0);
  const bool given = WaitForRow(
      "archkeep",
      "SELECT COUNT(*) FROM aos_migration_archives WHERE restored_rows = 3",
      "1", 30);
  const bool waiting = WaitForRow(
      "archkeep", processlist + "'DROP TABLE IF EXISTS %'", "1", 30);
  testing::CommandResult killed = testing::KillProcessGroup(run, SIGKILL);
  ASSERT_TRUE(given && waiting) << given << waiting << killed.out << killed.err;
  // The killed run's DROP dies with it (the server would otherwise finish
  // it once the lock is free): the archive is still there for the next run.
  for (const std::string& id : QueryDb(
           "archkeep",
           absl::StrCat("SELECT id FROM information_schema.processlist WHERE "
                        "db = '", Db("archkeep"),
                        "' AND info LIKE 'DROP TABLE IF EXISTS %'"))) {
    ASSERT_TRUE(server_->Execute(absl::StrCat("KILL ", id)).ok());
  }
  ASSERT_TRUE(
      WaitForRow("archkeep", processlist + "'DROP TABLE IF EXISTS %'", "0", 30));
  Exec("archkeep", "UPDATE l SET gone = 'written since' WHERE id = 1");
  for (const std::string& id : QueryDb(
           "archkeep",
           absl::StrCat("SELECT id FROM information_schema.processlist WHERE "
                        "db = '", Db("archkeep"),
                        "' AND info LIKE 'SELECT SLEEP(60)%'"))) {
    ASSERT_TRUE(server_->Execute(absl::StrCat("KILL ", id)).ok());
  }
  (void)testing::KillProcessGroup(holder, SIGKILL);
  testing::CommandResult next =
      Migrate(config_, {"-n", "archkeep", "--migration", "1"});
  ASSERT_EQ(next.exit_code, 0) << next.out << next.err;
  EXPECT_THAT(Result(next, "ArchiveKeep"), HasWrappedSubstr("l: 3 rows"));
  EXPECT_EQ(RecordedVersion("archkeep"), "1");
  EXPECT_THAT(QueryDb("archkeep", "SELECT id, v, gone FROM l ORDER BY id"),
              ElementsAre("1\ta\twritten since", "2\tb\tg2", "3\tc\tNULL"));
  EXPECT_THAT(QueryDb("archkeep", kRecordsTable), ElementsAre("0"));
  EXPECT_THAT(ArchiveTables("archkeep"), IsEmpty());
}

TEST_F(ArchiveTest, HostileStepsAreRefusedWithTheirReason) {
  PrepareAt(config_, "archhostile", 1);
  Exec("archhostile", "INSERT INTO typed VALUES (1, 'x1'), (2, 'y2')");
  Exec("archhostile", "INSERT INTO nopk VALUES (1, 'b1')");
  ASSERT_EQ(
      Migrate(config_, {"-n", "archhostile", "--migration", "2"}).exit_code, 0);
  // The downgrade re-creates typed.c as INT: not converted by guess.
  testing::CommandResult typed =
      Migrate(config_, {"-n", "archhostile", "--migration", "1", "-v"});
  EXPECT_EQ(typed.exit_code, 1) << typed.out << typed.err;
  EXPECT_THAT(Result(typed, "ArchiveHostile"),
              HasWrappedSubstr("does not convert them by guess"));
  EXPECT_THAT(QueryDb("archhostile",
                      "SELECT row_count FROM aos_migration_archives"),
              ElementsAre("2"));
  // The operator accepts the loss: the downgrade ends, the archive stays.
  testing::CommandResult accepted = Migrate(
      config_, {"-n", "archhostile", "--migration", "1", "--no-archive"});
  EXPECT_EQ(accepted.exit_code, 0) << accepted.out << accepted.err;
  EXPECT_EQ(RecordedVersion("archhostile"), "1");
  EXPECT_THAT(ArchiveTables("archhostile"), ElementsAre("aos_migration_archive_1"));
  // A table without a primary key: refused before the step's first
  // statement (marker3 is not created), the reason said.
  testing::CommandResult nopk =
      Migrate(config_, {"-n", "archhostile", "--migration", "3", "-v"});
  EXPECT_EQ(nopk.exit_code, 1) << nopk.out << nopk.err;
  EXPECT_THAT(Result(nopk, "ArchiveHostile"),
              HasWrappedSubstr("without a primary key"));
  EXPECT_EQ(RecordedVersion("archhostile"), "2");
  EXPECT_THAT(QueryDb("archhostile",
                      "SELECT COUNT(*) FROM information_schema.tables WHERE "
                      "table_schema = DATABASE() AND table_name = 'marker3'"),
              ElementsAre("0"));
  // A module table named as an archive: refused, even without archiving.
  ASSERT_EQ(Migrate(config_, {"-n", "archhostile", "--migration", "3",
                              "--no-archive"})
                .exit_code,
            0);
  testing::CommandResult reserved =
      Migrate(config_, {"-n", "archhostile", "--no-archive", "-v"});
  EXPECT_EQ(reserved.exit_code, 1) << reserved.out << reserved.err;
  EXPECT_THAT(Result(reserved, "ArchiveHostile"),
              HasWrappedSubstr("names aos_migration_archive_1"));
  EXPECT_EQ(RecordedVersion("archhostile"), "3");
}

}  // namespace
}  // namespace aos::e2e
