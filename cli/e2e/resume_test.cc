// Resuming a step an earlier run left failed part-way, on a real MariaDB
// (issue 16). testdata/broken_plugins/resumable: migration 2 is CREATE
// TABLE IF NOT EXISTS resumable_log; INSERT one row; ALTER TABLE
// resumable_fixme, which fails until the operator creates that table.
#include <signal.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
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
using ::testing::Not;

// The Note of the one module of a --status table.
std::string StatusNote(const std::string& out) {
  std::vector<std::vector<std::string>> rows = ParseTable(out, "DB status table");
  return rows.size() == 2 && rows[1].size() == 6 ? rows[1][5] : out;
}

constexpr char kPlugin[] = "testdata/broken_plugins/resumable/libresumable.so";

// How many columns `column` of `table` has in the module's database: 1
// once the statement adding it took effect, never 2.
class ColumnCounting : public MigrateTest {
 protected:
  std::vector<std::string> ColumnCount(const std::string& module,
                                       const std::string& table,
                                       const std::string& column) {
    return QueryDb(module, absl::StrCat(
                               "SELECT COUNT(*) FROM information_schema.columns "
                               "WHERE table_schema = DATABASE() AND "
                               "table_name = '", table, "' AND column_name = '",
                               column, "'"));
  }
};

class ResumeTest : public ColumnCounting {
 protected:
  void SetUp() override {
    ColumnCounting::SetUp();
    AddModules({"resumable"});
    config_ = Config(PluginDir({kPlugin}));
  }

  void CreateFixme() {
    absl::Status st = server_->Execute(absl::StrCat(
        "CREATE TABLE ", Db("resumable"), ".resumable_fixme (id INT)"));
    ASSERT_TRUE(st.ok()) << st;
  }

  std::string config_;
};

TEST_F(ResumeTest, AFailedStepIsResumedAtItsFailedStatementNeverAtOne) {
  for (int run = 0; run < 4; ++run) {  // as Restart=on-failure would
    testing::CommandResult r =
        Migrate(config_, {"-n", "resumable", "--verbose"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    std::optional<ReportRow> row = FindRow(r.out, "Resumable");
    ASSERT_TRUE(row.has_value()) << r.out;
    // The real cause every time, never the rerun's "table exists".
    EXPECT_THAT(row->result, HasWrappedSubstr("statement 3 of 3"));
    EXPECT_THAT(row->result, Not(HasWrappedSubstr("already exists")));
  }
  EXPECT_THAT(QueryDb("resumable", "SELECT note FROM resumable_log"),
              ElementsAre("once"));
  EXPECT_EQ(RecordedVersion("resumable"), "1");

  CreateFixme();  // the operator fixes the cause
  testing::CommandResult r =
      Migrate(config_, {"-n", "resumable", "-f", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  nlohmann::json doc = nlohmann::json::parse(r.out);
  const nlohmann::json& m = doc["modules"][0];
  EXPECT_EQ(m["result"], "1 -> 2 (resumed at statement 3 of 3)");
  EXPECT_EQ(m["resumed"]["version"], 2);
  EXPECT_EQ(m["resumed"]["statement"], 3);
  EXPECT_EQ(m["resumed"]["statements"], 3);
  EXPECT_EQ(RecordedVersion("resumable"), "2");
  EXPECT_THAT(QueryDb("resumable", "SELECT note FROM resumable_log"),
              ElementsAre("once"));
  EXPECT_THAT(ColumnCount("resumable", "resumable_fixme", "extra"),
              ElementsAre("1"));
  // Every attempt stays in the history, each starting where the last one
  // stopped.
  EXPECT_THAT(QueryDb("resumable",
                      "SELECT version, outcome, statements_done, "
                      "statements_total FROM aos_migration_history "
                      "ORDER BY id"),
              ElementsAre("1\tok\t1\t1", "2\tfailed\t2\t3", "2\tfailed\t2\t3",
                          "2\tfailed\t2\t3", "2\tfailed\t2\t3",
                          "2\tok\t3\t3"));
}

TEST_F(ResumeTest, TheTableSaysWhereAStepWasResumed) {
  testing::CommandResult first = Migrate(config_, {"-n", "resumable"});
  ASSERT_EQ(first.exit_code, 1) << first.out << first.err;
  CreateFixme();
  testing::CommandResult r = Migrate(config_, {"-n", "resumable"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::optional<ReportRow> row = FindRow(r.out, "Resumable");
  ASSERT_TRUE(row.has_value()) << r.out;
  EXPECT_EQ(row->result, "1 -> 2 (resumed at statement 3 of 3)");
}

TEST_F(ResumeTest, ViewsShowWhatIsAppliedAndWhatIsLeft) {
  testing::CommandResult first = Migrate(config_, {"-n", "resumable"});
  ASSERT_EQ(first.exit_code, 1) << first.out << first.err;

  testing::CommandResult status = Migrate(config_, {"-n", "resumable", "--status"});
  EXPECT_EQ(status.exit_code, 0) << status.out << status.err;
  EXPECT_EQ(StatusNote(status.out),
            "1->2 (resumes: statements 1-2 applied, 3 failed, 3 pending)");

  testing::CommandResult dry =
      Migrate(config_, {"-n", "resumable", "--dry-run", "--verbose"});
  EXPECT_EQ(dry.exit_code, 0) << dry.out << dry.err;
  EXPECT_THAT(dry.out, HasSubstr("-- resumed at statement 3: statements 1-2 "
                                 "applied, 3 failed with (1146)"));
  // Exactly the SQL left: statement 3, not statements 1 and 2.
  EXPECT_THAT(dry.out, HasSubstr("ALTER TABLE resumable_fixme ADD COLUMN "
                                 "extra INT NULL;"));
  EXPECT_THAT(dry.out, Not(HasSubstr("INSERT INTO resumable_log")));
  EXPECT_THAT(dry.out, Not(HasSubstr("CREATE TABLE IF NOT EXISTS")));

  testing::CommandResult json =
      Migrate(config_, {"-n", "resumable", "--dry-run", "-f", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.out << json.err;
  nlohmann::json doc = nlohmann::json::parse(json.out);
  const nlohmann::json& m = doc["modules"][0];
  EXPECT_EQ(m["resume"]["version"], 2);
  EXPECT_EQ(m["resume"]["failed"], true);
  EXPECT_EQ(m["resume"]["applied"], 2);
  EXPECT_EQ(m["resume"]["statements"], 3);
  EXPECT_THAT(m["resume"]["error"].get<std::string>(), HasSubstr("(1146)"));
  EXPECT_EQ(m["steps"][0]["first_statement"], 3);
  // The views changed nothing.
  EXPECT_THAT(QueryDb("resumable", "SELECT note FROM resumable_log"),
              ElementsAre("once"));
}

TEST_F(ResumeTest, WithAutoResumeOffAPersonSaysWhenToGoOn) {
  const std::string careful =
      Config(PluginDir({kPlugin}), 0, "auto_resume = false\n");
  testing::CommandResult first = Migrate(careful, {"-n", "resumable"});
  ASSERT_EQ(first.exit_code, 1) << first.out << first.err;
  CreateFixme();
  testing::CommandResult held = Migrate(careful, {"-n", "resumable"});
  EXPECT_EQ(held.exit_code, 1) << held.out << held.err;
  std::optional<ReportRow> row = FindRow(held.out, "Resumable");
  ASSERT_TRUE(row.has_value()) << held.out;
  EXPECT_THAT(row->result, HasWrappedSubstr("auto_resume is off"));
  EXPECT_THAT(row->result,
              HasWrappedSubstr("run again with --resume to go on at statement 3"));
  EXPECT_EQ(RecordedVersion("resumable"), "1");

  // The views say what a run would.
  testing::CommandResult status = Migrate(careful, {"-n", "resumable", "--status"});
  EXPECT_EQ(status.exit_code, 1) << status.out << status.err;
  EXPECT_THAT(StatusNote(status.out), HasSubstr("auto_resume is off"));

  testing::CommandResult go_on =
      Migrate(careful, {"-n", "resumable", "--resume"});
  ASSERT_EQ(go_on.exit_code, 0) << go_on.out << go_on.err;
  std::optional<ReportRow> done = FindRow(go_on.out, "Resumable");
  ASSERT_TRUE(done.has_value()) << go_on.out;
  EXPECT_EQ(done->result, "1 -> 2 (resumed at statement 3 of 3)");
  EXPECT_THAT(QueryDb("resumable", "SELECT note FROM resumable_log"),
              ElementsAre("once"));
}

TEST_F(ResumeTest, AStepWhoseScriptChangedSinceIsNotResumed) {
  testing::CommandResult first = Migrate(config_, {"-n", "resumable"});
  ASSERT_EQ(first.exit_code, 1) << first.out << first.err;
  CreateFixme();
  const std::string changed = Config(PluginDir(
      {"testdata/broken_plugins/resumable/changed/libresumable.so"}));
  testing::CommandResult r = Migrate(changed, {"-n", "resumable"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::optional<ReportRow> row = FindRow(r.out, "Resumable");
  ASSERT_TRUE(row.has_value()) << r.out;
  EXPECT_THAT(row->result, HasWrappedSubstr("statement 3 of 3"));
  EXPECT_THAT(row->result,
              HasWrappedSubstr("statement 1 has changed since it was applied"));
  EXPECT_EQ(RecordedVersion("resumable"), "1");
  EXPECT_THAT(QueryDb("resumable", "SELECT note FROM resumable_log"),
              ElementsAre("once"));
}

TEST_F(ResumeTest, AFixedReleaseResumesWithItsNewStatement) {
  testing::CommandResult first = Migrate(config_, {"-n", "resumable"});
  ASSERT_EQ(first.exit_code, 1) << first.out << first.err;
  // The module's next release changes only the statement that failed.
  const std::string fixed = Config(
      PluginDir({"testdata/broken_plugins/resumable/fixed/libresumable.so"}));
  testing::CommandResult r = Migrate(fixed, {"-n", "resumable"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::optional<ReportRow> row = FindRow(r.out, "Resumable");
  ASSERT_TRUE(row.has_value()) << r.out;
  EXPECT_EQ(row->result, "1 -> 2 (resumed at statement 3 of 3)");
  EXPECT_THAT(QueryDb("resumable", "SELECT note FROM resumable_log"),
              ElementsAre("once"));
  EXPECT_THAT(ColumnCount("resumable", "resumable_fixme", "extra"),
              ElementsAre("1"));
}

TEST_F(ResumeTest, MarkVersionEndsTheResume) {
  testing::CommandResult first = Migrate(config_, {"-n", "resumable"});
  ASSERT_EQ(first.exit_code, 1);
  // The operator finished step 2 by hand and records it.
  CreateFixme();
  ASSERT_TRUE(server_
                  ->Execute(absl::StrCat("ALTER TABLE ", Db("resumable"),
                                         ".resumable_fixme ADD COLUMN extra "
                                         "INT NULL"))
                  .ok());
  // Recording a version over a step the next run would resume needs
  // --force, and says what it discards.
  testing::CommandResult refused =
      Migrate(config_, {"-n", "resumable", "--mark-version", "2"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  std::optional<ReportRow> why = FindRow(refused.out, "Resumable");
  ASSERT_TRUE(why.has_value()) << refused.out;
  EXPECT_THAT(why->result,
              HasWrappedSubstr("--mark-version 2 would discard the failed "
                               "upgrade of migration 2 (2 of 3 statements "
                               "applied; the next run would resume it)"));
  EXPECT_THAT(why->result, HasWrappedSubstr("add --force"));
  EXPECT_EQ(RecordedVersion("resumable"), "1");
  testing::CommandResult mark = Migrate(
      config_, {"-n", "resumable", "--mark-version", "2", "--force"});
  ASSERT_EQ(mark.exit_code, 0) << mark.out << mark.err;
  std::optional<ReportRow> marked = FindRow(mark.out, "Resumable");
  ASSERT_TRUE(marked.has_value()) << mark.out;
  EXPECT_EQ(marked->result, "marked 2 (was 1), nothing applied");
  testing::CommandResult r = Migrate(config_, {"-n", "resumable"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("No changes"));
  EXPECT_THAT(QueryDb("resumable", "SELECT note FROM resumable_log"),
              ElementsAre("once"));
}


// testdata/broken_plugins/killable: migration 2 is 1 CREATE TABLE
// killable_log; 2 INSERT ... SLEEP(3); 3 CREATE TABLE killable_copy AS
// SELECT 3,000 rows (~3 s); 4 ALTER TABLE killable_src ADD COLUMN extra;
// 5 INSERT 'after'. The whole run (its process group) is killed in one of
// them; the next run must finish the step, every statement applied once.
class KilledRunTest : public ColumnCounting {
 protected:
  void SetUp() override {
    ColumnCounting::SetUp();
    AddModules({"killable"});
    config_ = Config(PluginDir({"testdata/broken_plugins/killable/"
                                "libkillable.so"}));
  }

  testing::StartedCommand StartRun() {
    return testing::StartInNewProcessGroup({testing::Runfile(
        "cli/aos-db-migrate"), "--config", config_, "-n", "killable"});
  }

  // Statements of the server whose text starts with `prefix`.
  std::string Running(const std::string& prefix) {
    return absl::StrCat(
        "SELECT COUNT(*) FROM information_schema.processlist WHERE db = '",
        Db("killable"), "' AND info LIKE '", prefix, "%'");
  }

  // Waits for `prefix` to be running, then SIGKILLs the run's process
  // group; fails the test if it never ran.
  void KillDuring(const testing::StartedCommand& run, const std::string& prefix) {
    ASSERT_GT(run.pid, 0);
    const bool running = WaitForRow("killable", Running(prefix), "1", 30);
    testing::CommandResult killed = testing::KillProcessGroup(run, SIGKILL);
    ASSERT_TRUE(running) << prefix << " never ran\n" << killed.out << killed.err;
  }

  // The run after the kill: it must finish migration 2 by itself.
  void ExpectFinishedOnce(const std::string& resumed_at) {
    testing::CommandResult r = Migrate(config_, {"-n", "killable", "-v"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    std::optional<ReportRow> row = FindRow(r.out, "Killable");
    ASSERT_TRUE(row.has_value()) << r.out;
    EXPECT_EQ(row->result,
              absl::StrCat("1 -> 2 (resumed at statement ", resumed_at,
                           " of 5)"));
    EXPECT_EQ(RecordedVersion("killable"), "2");
    EXPECT_THAT(QueryDb("killable", "SELECT note FROM killable_log ORDER BY id"),
                ElementsAre("slow", "after"));
    EXPECT_THAT(QueryDb("killable", "SELECT COUNT(*), SUM(v) FROM killable_copy"),
                ElementsAre("3000\t4501500"));
    EXPECT_THAT(ColumnCount("killable", "killable_src", "extra"),
                ElementsAre("1"));
    // The killed attempt is kept, closed as interrupted.
    EXPECT_THAT(QueryDb("killable",
                        "SELECT version, outcome FROM aos_migration_history "
                        "ORDER BY id"),
                ElementsAre("1\tok", "2\tinterrupted", "2\tok"));
    EXPECT_THAT(QueryDb("killable", "SELECT COUNT(*) FROM aos_migration_progress"),
                ElementsAre("0"));
  }

  std::string config_;
};

TEST_F(KilledRunTest, KilledInADmlStatementResumesAtIt) {
  KillDuring(StartRun(), "INSERT INTO killable_log (note) SELECT");
  // The server may finish the statement for the dead client; once its
  // session is gone the statement either committed with its ledger record
  // or not at all.
  ASSERT_TRUE(WaitForRow("killable", Running("INSERT INTO killable_log"), "0", 20));
  const bool committed =
      QueryDb("killable", "SELECT COUNT(*) FROM killable_log") ==
      std::vector<std::string>{"1"};
  testing::CommandResult status = Migrate(config_, {"-n", "killable", "--status"});
  EXPECT_EQ(status.exit_code, 0) << status.out << status.err;
  EXPECT_EQ(StatusNote(status.out),
            committed
                ? "1->2 (resumes: statements 1-2 applied, then interrupted, "
                  "3-5 pending)"
                : "1->2 (resumes: statement 1 applied, then interrupted, 2-5 "
                  "pending)");
  ExpectFinishedOnce(committed ? "3" : "2");
}

TEST_F(KilledRunTest, KilledInACreateTableAsSelectTheServerCompletes) {
  KillDuring(StartRun(), "CREATE TABLE killable_copy");
  // Run again at once: the server is still copying rows for the dead
  // client. The run waits for that session to end, then sees the table
  // (the statement took effect) and goes on after it.
  ExpectFinishedOnce("4");
}

TEST_F(KilledRunTest, KilledInAnAlterTableResumesAfterItOnceItLanded) {
  // Another client's open transaction holds killable_src's metadata lock,
  // so the ALTER waits for it; the run is killed while it waits.
  testing::StartedCommand holder;
  {
    testing::CommandResult first = Migrate(config_, {"-n", "killable", "--migration", "1"});
    ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
    holder = testing::StartInNewProcessGroup(
        {"mariadb", "--no-defaults", "-S", server_->socket_path(), "-uroot",
         Db("killable"), "-e",
         "START TRANSACTION; SELECT * FROM killable_src LIMIT 1; "
         "SELECT SLEEP(60);"});
    ASSERT_GT(holder.pid, 0);
    ASSERT_TRUE(WaitForRow("killable", Running("SELECT SLEEP(60)"), "1", 10));
  }
  KillDuring(StartRun(), "ALTER TABLE killable_src");
  // The lock goes; the server completes the ALTER for the dead client.
  for (const std::string& id :
       QueryDb("killable",
               absl::StrCat("SELECT id FROM information_schema.processlist "
                            "WHERE db = '", Db("killable"),
                            "' AND info LIKE 'SELECT SLEEP(60)%'"))) {
    ASSERT_TRUE(server_->Execute(absl::StrCat("KILL ", id)).ok());
  }
  (void)testing::KillProcessGroup(holder, SIGKILL);
  ExpectFinishedOnce("5");
}

TEST_F(KilledRunTest, ServerKilledAndRestartedMidStepResumes) {
  testing::StartedCommand run = StartRun();
  ASSERT_GT(run.pid, 0);
  const bool running = WaitForRow(
      "killable", Running("INSERT INTO killable_log (note) SELECT"), "1", 30);
  ASSERT_TRUE(server_->Kill().ok());  // a crash: InnoDB recovers on start
  bool ended = false;
  testing::CommandResult failed = WaitForExit(run, SecondsFromNow(30), &ended);
  ASSERT_TRUE(server_->Start().ok());
  ASSERT_TRUE(running) << failed.out << failed.err;
  ASSERT_TRUE(ended) << "the run hung after the server died";
  EXPECT_EQ(failed.exit_code, 1) << failed.out << failed.err;
  // The uncommitted INSERT died with the server; statement 1 had landed.
  ExpectFinishedOnce("2");
}

}  // namespace
}  // namespace aos::e2e
