// Repairs: a step interrupted half-way (the tool killed in the middle of it)
// is refused on the next run until the operator records the database's real
// version with --mark-version; a database with tables but no version is
// refused the same way.
#include <signal.h>

#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cli/e2e/migrate_fixture.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::e2e {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// Its migration 2 sleeps in a compound block: a person's call when cut
// short there (the plain SELECT SLEEP of ../libslowstep.so runs again).
constexpr char kSlowStep[] =
    "testdata/broken_plugins/slowstep/compound/libslowstep.so";

class RepairTest : public MigrateTest {
 protected:
  std::vector<std::string> History(const std::string& module) {
    return QueryDb(module,
                   "SELECT version, direction, outcome, statements_done, "
                   "statements_total FROM aos_migration_history ORDER BY id");
  }
};

TEST_F(RepairTest, InterruptedStepIsRefusedUntilTheVersionIsMarked) {
  AddModules({"slowstep"});
  std::string config = Config(PluginDir({kSlowStep}));

  // Run from 0; migration 2's second statement sleeps 30 s. Kill the whole
  // process group (the tool and its module's child) in the middle of it.
  testing::StartedCommand started =
      testing::StartInNewProcessGroup({testing::Runfile("cli/aos-db-migrate"),
                                       "--config", config, "-n", "slowstep"});
  ASSERT_GT(started.pid, 0);
  bool sleeping = WaitForRow(
      "slowstep",
      absl::StrCat("SELECT COUNT(*) FROM information_schema.processlist "
                   "WHERE db = '",
                   Db("slowstep"), "' AND info LIKE 'DO SLEEP(30)%'"),
      "1", 20);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  testing::CommandResult killed = testing::KillProcessGroup(started, SIGKILL);
  ASSERT_TRUE(sleeping) << "migration 2 never reached its SLEEP\n"
                        << killed.out << killed.err;
  EXPECT_EQ(killed.signal, SIGKILL);
  // Nothing of the group survives to finish the step behind our back.
  WaitFor([&] { return kill(-started.pid, 0) != 0; }, SecondsFromNow(5));
  EXPECT_NE(kill(-started.pid, 0), 0) << "a process of the killed run lives on";

  ASSERT_EQ(RecordedVersion("slowstep"), "1");
  EXPECT_THAT(History("slowstep"),
              ElementsAre("1\tupgrade\tok\t1\t1", "2\tupgrade\trunning\t1\t3"));
  std::vector<std::string> step =
      QueryDb("slowstep",
              "SELECT started_at, host, pid FROM aos_migration_history "
              "WHERE version = 2");
  ASSERT_EQ(step.size(), 1u);
  std::vector<std::string> started_host_pid = absl::StrSplit(step[0], '\t');
  ASSERT_EQ(started_host_pid.size(), 3u);
  const std::string& started_at = started_host_pid[0];
  const std::string& host = started_host_pid[1];
  const std::string& pid = started_host_pid[2];
  const std::vector<std::string> tables_after_kill = Tables("slowstep");
  EXPECT_THAT(tables_after_kill, Contains("slowstep_archive"));  // statement 1

  // The dead run's lease on the module's lock names this host and a process
  // that is gone: the next run takes the lock over at once, without waiting
  // for the lease to expire, and refuses the module (below).
  testing::CommandResult taken_over =
      Migrate(config, {"-n", "slowstep", "--lock-timeout", "1", "-v"});
  EXPECT_EQ(taken_over.exit_code, 1) << taken_over.out << taken_over.err;
  std::optional<ReportRow> row = FindRow(taken_over.out, "SlowStep");
  ASSERT_TRUE(row.has_value()) << taken_over.out;
  EXPECT_THAT(row->result, HasWrappedSubstr("and never finished"));
  EXPECT_THAT(row->result, Not(HasWrappedSubstr("another run holds")));
  EXPECT_THAT(QueryDb("slowstep", "SELECT COUNT(*) FROM aos_migration_lock"),
              ElementsAre("0"));

  // Every later run refuses the module, saying which step never finished
  // and how far it got, and applies nothing: not onwards, not backwards.
  const std::string refusal = absl::StrCat(
      "the upgrade of migration 2 started at ", started_at, " UTC on ", host,
      " (pid ", pid,
      ") and never finished: 1 of 3 statements ran. It cannot be resumed: "
      "statement 2: it is a compound block (BEGIN NOT ATOMIC ... END): its "
      "statements commit one by one, and nothing proves how many "
      "ran. Repair the database, then record its real version with -n "
      "slowstep --mark-version "
      "N");
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{
           {"-n", "slowstep"},
           {"-n", "slowstep", "--verbose"},
           {},
           {"-n", "slowstep", "--migration", "0"},
           {"-n", "slowstep", "--migration", "3"}}) {
    SCOPED_TRACE(absl::StrJoin(args, " "));
    testing::CommandResult r = Migrate(config, args);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    std::optional<ReportRow> refused = FindRow(r.out, "SlowStep");
    ASSERT_TRUE(refused.has_value()) << r.out;
    EXPECT_EQ(refused->status, "FAIL");
    EXPECT_THAT(refused->result, HasWrappedSubstr(refusal)) << r.out;
  }
  EXPECT_EQ(RecordedVersion("slowstep"), "1");
  EXPECT_EQ(Tables("slowstep"), tables_after_kill);
  EXPECT_THAT(History("slowstep"),
              ElementsAre("1\tupgrade\tok\t1\t1", "2\tupgrade\trunning\t1\t3"));
  EXPECT_THAT(QueryDb("slowstep", "SELECT COUNT(*) FROM slowstep_archive"),
              ElementsAre("0"));  // statement 3 never ran

  // The operator repairs by hand (undoes the half-done step) and records
  // the version the database is really at.
  ASSERT_TRUE(
      server_->Execute("DROP TABLE slowstep_archive", Db("slowstep")).ok());
  testing::CommandResult marked =
      Migrate(config, {"-n", "slowstep", "--mark-version", "1", "--force"});
  EXPECT_EQ(marked.exit_code, 0) << marked.out << marked.err;
  std::optional<ReportRow> mark_row = FindRow(marked.out, "SlowStep");
  ASSERT_TRUE(mark_row.has_value()) << marked.out;
  EXPECT_EQ(mark_row->status, "OK");
  EXPECT_EQ(RecordedVersion("slowstep"), "1");
  EXPECT_THAT(History("slowstep"), Contains("2\tupgrade\trepaired\t1\t3"));

  // The next run migrates on, through migration 2 in full (its 30 s sleep).
  testing::CommandResult on = Migrate(config, {"-n", "slowstep"});
  EXPECT_EQ(on.exit_code, 0) << on.out << on.err;
  std::optional<ReportRow> on_row = FindRow(on.out, "SlowStep");
  ASSERT_TRUE(on_row.has_value()) << on.out;
  EXPECT_EQ(on_row->status, "OK");
  EXPECT_EQ(on_row->result, "1 -> 3");
  EXPECT_EQ(RecordedVersion("slowstep"), "3");
  EXPECT_THAT(QueryDb("slowstep", "SELECT id FROM slowstep_archive"),
              ElementsAre("1"));
}

TEST_F(RepairTest, TablesWithoutAVersionAreRefusedUntilMarked) {
  std::string config = Config(PluginDir());
  ASSERT_TRUE(server_
                  ->Execute("CREATE TABLE legacy_widgets (id INT NOT NULL)",
                            Db("dashboard"))
                  .ok());
  for (bool verbose : {false, true}) {
    std::vector<std::string> args = {"-n", "dashboard"};
    if (verbose) args.push_back("-v");
    testing::CommandResult r = Migrate(config, args);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    std::optional<ReportRow> row = FindRow(r.out, "Dashboard");
    ASSERT_TRUE(row.has_value()) << r.out;
    EXPECT_EQ(row->status, "FAIL");
    EXPECT_THAT(row->result,
                HasWrappedSubstr("the database has 1 tables but no version for "
                                 "dashboard; record its real version with -n "
                                 "dashboard --mark-version N"));
  }
  // Nothing was applied or recorded (the lock's own table aside).
  EXPECT_EQ(RecordedVersion("dashboard"), "");
  for (const std::string& t : Tables("dashboard")) {
    EXPECT_THAT(t, ::testing::AnyOf("legacy_widgets", "aos_migration_lock"));
  }

  // A version the module does not have cannot be marked.
  testing::CommandResult wrong =
      Migrate(config, {"-n", "dashboard", "--mark-version", "12"});
  EXPECT_EQ(wrong.exit_code, 1) << wrong.out << wrong.err;
  std::optional<ReportRow> wrong_row = FindRow(wrong.out, "Dashboard");
  ASSERT_TRUE(wrong_row.has_value()) << wrong.out;
  EXPECT_THAT(
      wrong_row->result,
      HasWrappedSubstr("version 12 does not exist for dashboard (it has "
                       "0, 1..11)"));
  EXPECT_EQ(RecordedVersion("dashboard"), "");

  // Once the operator has recorded the real version, runs go on from there.
  testing::CommandResult marked =
      Migrate(config, {"-n", "dashboard", "--mark-version", "11"});
  EXPECT_EQ(marked.exit_code, 0) << marked.out << marked.err;
  EXPECT_EQ(RecordedVersion("dashboard"), "11");
  testing::CommandResult after = Migrate(config, {"-n", "dashboard"});
  EXPECT_EQ(after.exit_code, 0) << after.out << after.err;
  std::optional<ReportRow> row = FindRow(after.out, "Dashboard");
  ASSERT_TRUE(row.has_value()) << after.out;
  EXPECT_EQ(row->status, "OK");
  EXPECT_EQ(row->result, "No changes");
  EXPECT_THAT(Tables("dashboard"), Not(Contains("ui_sessions")))
      << "nothing may be applied over a marked database";
}

}  // namespace
}  // namespace aos::e2e
