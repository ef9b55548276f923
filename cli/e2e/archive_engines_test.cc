// Nothing a step destroys is lost (issue 27) on PostgreSQL and SQLite,
// through the built aos-db-migrate and testdata/archive_plugins: the
// issue's contract step and `--migration 1` give back every value (and
// --no-archive loses them, as before), up/down/up/down with rows written,
// changed and deleted in between brings back the newest values, archives
// go after archive_retention_days or with --purge-archives, a step above
// archive_max_mib is refused before it starts, and a column the downgrade
// re-creates with another type rolls the downgrade back whole (the step's
// transaction) until --no-archive. There the copy and the giving back are
// statements of the step's one transaction: a crash leaves nothing half
// done (archive_engines_kill_test.cc).
#include "cli/e2e/archive_engines.h"

#include <string>
#include <vector>

#include "cli/e2e/postgresql_fixture.h"
#include "cli/e2e/report_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

void GivesBackEveryValue(const Engine& e) {
  ASSERT_NO_FATAL_FAILURE(KeepAtOneWithRows(e));
  ASSERT_EQ(Run(e, {"-n", "archkeep"}).exit_code, 0);
  ASSERT_NO_FATAL_FAILURE(DownGivesBackTheRowsKept(e));
  // Up, down again with rows written between: the newest values.
  e.query("archkeep", "UPDATE l SET gone = 'g1-new' WHERE id = 1");
  e.query("archkeep", "INSERT INTO l VALUES (4, 'd', 'g4')");
  e.query("archkeep", "INSERT INTO l_old VALUES (3, 'n3')");
  ASSERT_EQ(Run(e, {"-n", "archkeep"}).exit_code, 0);
  // Written while at 2: a row without the dropped column, one deleted.
  e.query("archkeep", "INSERT INTO l VALUES (5, 'e')");
  e.query("archkeep", "DELETE FROM l WHERE id = 2");
  testing::CommandResult again = Run(e, {"-n", "archkeep", "--migration", "1"});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  // Row 2 is gone: 3 of the 4 archived values refill a row.
  EXPECT_EQ(ResultOf(again, "ArchiveKeep"), "2 -> 1 (restored l_old: 3 rows, l: 3 rows)");
  EXPECT_THAT(e.query("archkeep", "SELECT id, v, gone FROM l ORDER BY id"),
              ElementsAre("1|a|g1-new", "3|c|", "4|d|g4", "5|e|"));
  EXPECT_THAT(e.query("archkeep", "SELECT id, note FROM l_old ORDER BY id"),
              ElementsAre("1|n1", "2|n2", "3|n3"));
  EXPECT_THAT(ArchiveTables(e, "archkeep"), IsEmpty());
  // --no-archive: the loss as the issue found it, asked for.
  testing::CommandResult up = Run(e, {"-n", "archkeep", "--no-archive"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_THAT(ArchiveTables(e, "archkeep"), IsEmpty());
  testing::CommandResult lost = Run(e, {"-n", "archkeep", "--migration", "1", "--no-archive"});
  ASSERT_EQ(lost.exit_code, 0) << lost.out << lost.err;
  EXPECT_EQ(ResultOf(lost, "ArchiveKeep"), "2 -> 1");
  EXPECT_THAT(e.query("archkeep", "SELECT COUNT(gone) FROM l"), ElementsAre("0"));
  EXPECT_THAT(e.query("archkeep", "SELECT COUNT(*) FROM l_old"), ElementsAre("0"));
}

void ArchivesGoAfterTheirRetentionOrWhenPurged(const Engine& e) {
  ASSERT_NO_FATAL_FAILURE(KeepAtOneWithRows(e));
  ASSERT_EQ(Run(e, {"-n", "archkeep"}).exit_code, 0);
  ASSERT_EQ(ArchiveTables(e, "archkeep").size(), 2u);
  // Made 31 days ago: a run with nothing to do does not even look.
  e.query("archkeep", "UPDATE aos_migration_archives SET created_at = created_at - 31 * 86400");
  testing::CommandResult idle = Run(e, {"-n", "archkeep"});
  ASSERT_EQ(idle.exit_code, 0) << idle.out << idle.err;
  EXPECT_EQ(ResultOf(idle, "ArchiveKeep"), "No changes");
  EXPECT_EQ(ArchiveTables(e, "archkeep").size(), 2u);
  // A run with work retires them first (archive_retention_days = 30): the
  // downgrade has nothing to give back.
  testing::CommandResult down = Run(e, {"-n", "archkeep", "--migration", "1"});
  ASSERT_EQ(down.exit_code, 0) << down.out << down.err;
  EXPECT_EQ(ResultOf(down, "ArchiveKeep"), "2 -> 1");
  EXPECT_THAT(ArchiveTables(e, "archkeep"), IsEmpty());
  EXPECT_FALSE(HasArchiveRecords(e, "archkeep"));
  EXPECT_THAT(e.query("archkeep", "SELECT COUNT(gone) FROM l"), ElementsAre("0"));
  // --purge-archives retires fresh ones at once, with nothing to apply.
  e.query("archkeep", "UPDATE l SET gone = 'again'");
  ASSERT_EQ(Run(e, {"-n", "archkeep"}).exit_code, 0);
  EXPECT_EQ(ArchiveTables(e, "archkeep").size(), 2u);
  testing::CommandResult purge = Run(e, {"-n", "archkeep", "--purge-archives"});
  ASSERT_EQ(purge.exit_code, 0) << purge.out << purge.err;
  EXPECT_EQ(ResultOf(purge, "ArchiveKeep"), "No changes");
  EXPECT_THAT(ArchiveTables(e, "archkeep"), IsEmpty());
  EXPECT_FALSE(HasArchiveRecords(e, "archkeep"));
}

void AStepAboveArchiveMaxMibIsRefusedBeforeItStarts(const Engine& e) {
  ASSERT_NO_FATAL_FAILURE(KeepAtOneWithRows(e));
  testing::CommandResult r = Run(e, {"-n", "archkeep", "-v"}, ConfigWith(e, "archive_max_mib = 0"));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(ResultOf(r, "ArchiveKeep"), HasWrappedSubstr("archive_max_mib"));
  EXPECT_THAT(ResultOf(r, "ArchiveKeep"), HasWrappedSubstr("--no-archive"));
  EXPECT_EQ(VersionOf(e, "archkeep"), "1");
  EXPECT_THAT(e.query("archkeep", "SELECT id, v, gone FROM l ORDER BY id"),
              ElementsAre("1|a|g1", "2|b|g2", "3|c|"));
  EXPECT_THAT(e.query("archkeep", "SELECT COUNT(*) FROM l_old"), ElementsAre("2"));
  EXPECT_THAT(ArchiveTables(e, "archkeep"), IsEmpty());
  // The operator accepts the loss: the step runs, nothing is kept.
  testing::CommandResult accepted =
      Run(e, {"-n", "archkeep", "--no-archive"}, ConfigWith(e, "archive_max_mib = 0"));
  EXPECT_EQ(accepted.exit_code, 0) << accepted.out << accepted.err;
  EXPECT_EQ(VersionOf(e, "archkeep"), "2");
  EXPECT_THAT(ArchiveTables(e, "archkeep"), IsEmpty());
}

void AnotherTypeRollsTheDowngradeBack(const Engine& e) {
  ASSERT_EQ(Run(e, {"-n", "archhostile", "--migration", "1"}).exit_code, 0);
  e.query("archhostile", "INSERT INTO typed VALUES (1, 'x1'), (2, 'y2')");
  ASSERT_EQ(Run(e, {"-n", "archhostile", "--migration", "2"}).exit_code, 0);
  testing::CommandResult typed = Run(e, {"-n", "archhostile", "--migration", "1", "-v"});
  EXPECT_EQ(typed.exit_code, 1) << typed.out << typed.err;
  EXPECT_THAT(ResultOf(typed, "ArchiveHostile"),
              HasWrappedSubstr("does not convert them by guess"));
  // Rolled back whole: typed has no column c, the version is 2.
  EXPECT_EQ(VersionOf(e, "archhostile"), "2");
  EXPECT_EQ(Run(e, {"-n", "archhostile", "--migration", "1", "--no-archive"}).exit_code, 0);
  // A table without a primary key: refused with the reason.
  testing::CommandResult nopk = Run(e, {"-n", "archhostile", "--migration", "3", "-v"});
  EXPECT_EQ(nopk.exit_code, 1) << nopk.out << nopk.err;
  EXPECT_THAT(ResultOf(nopk, "ArchiveHostile"), HasWrappedSubstr("without a primary key"));
}

class PostgresqlArchiveTest : public PostgresqlSuite<> {};

TEST_F(PostgresqlArchiveTest, GivesBackEveryValue) {
  GivesBackEveryValue(PostgresqlEngine(pg_, "_a"));
}

TEST_F(PostgresqlArchiveTest, AnotherTypeRollsTheDowngradeBack) {
  AnotherTypeRollsTheDowngradeBack(PostgresqlEngine(pg_, "_b"));
}

TEST_F(PostgresqlArchiveTest, ArchivesGoAfterTheirRetentionOrWhenPurged) {
  ArchivesGoAfterTheirRetentionOrWhenPurged(PostgresqlEngine(pg_, "_c"));
}

TEST_F(PostgresqlArchiveTest, AStepAboveArchiveMaxMibIsRefusedBeforeItStarts) {
  AStepAboveArchiveMaxMibIsRefusedBeforeItStarts(PostgresqlEngine(pg_, "_d"));
}

TEST(SqliteArchiveTest, GivesBackEveryValue) { GivesBackEveryValue(SqliteEngine()); }

TEST(SqliteArchiveTest, AnotherTypeRollsTheDowngradeBack) {
  AnotherTypeRollsTheDowngradeBack(SqliteEngine());
}

TEST(SqliteArchiveTest, ArchivesGoAfterTheirRetentionOrWhenPurged) {
  ArchivesGoAfterTheirRetentionOrWhenPurged(SqliteEngine());
}

TEST(SqliteArchiveTest, AStepAboveArchiveMaxMibIsRefusedBeforeItStarts) {
  AStepAboveArchiveMaxMibIsRefusedBeforeItStarts(SqliteEngine());
}

}  // namespace
}  // namespace aos::e2e
