// Resume proves what took effect or refuses (issue 23, case 5), on a real
// MariaDB, with the test plugins of testdata/resume_proof. Each run is cut
// by a real crash (its process group SIGKILLed while the statement waits
// for a lock another session holds; the server then completes the
// statement, or not, for the dead client) or a real failure, and the next
// run must end exactly as a clean run (rows' values compared) or refuse,
// saying why, with nothing more applied:
//  - a RENAME swapping two tables of one definition (proofswap): judged by
//    the tables' InnoDB ids, or refused when they cannot be read;
//  - CREATE EVENT (proofevent): the whole-schema fingerprint sees events;
//  - DML writing a MyISAM table (proofmyisam), failed or cut part-way:
//    refused, as a second run would write its rows twice.
#include <signal.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/process_helpers.h"
#include "cli/e2e/report_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::Not;

// One long attempt at a DDL statement's lock: the run is killed while it
// waits, and the statement goes on for the dead client.
constexpr char kLongLockWaits[] =
    "lock_wait_timeout = 120\nddl_lock_wait_timeout = 120\n";

class ProofTest : public MigrateTest {
 protected:
  void Use(const std::string& module, const std::string& display,
           const std::string& plugin) {
    module_ = module;
    display_ = display;
    AddModules({module});
    plugin_dir_ = PluginDir({absl::StrCat("testdata/resume_proof/", plugin)});
    config_ = Config(plugin_dir_, 0, kLongLockWaits);
  }

  std::vector<std::string> Rows(const std::string& sql) {
    return QueryDb(module_, sql);
  }

  // How many statements of the module's database start with `prefix`.
  std::string Running(const std::string& prefix) {
    return absl::StrCat(
        "SELECT COUNT(*) FROM information_schema.processlist WHERE db = '",
        Db(module_), "' AND info LIKE '", prefix, "%'");
  }

  // A root session on the module's database running `sql`, which ends in
  // SELECT SLEEP(60) while it holds a lock.
  void Hold(const std::string& sql) {
    holder_ = testing::StartInNewProcessGroup(
        {"mariadb", "--no-defaults", "-S", server_->socket_path(), "-uroot",
         Db(module_), "-e", absl::StrCat(sql, "; SELECT SLEEP(60)")});
    ASSERT_GT(holder_.pid, 0);
    ASSERT_TRUE(WaitForRow(module_, Running("SELECT SLEEP(60)"), "1", 20));
  }

  // Ends the sessions running `prefix` on the module's database.
  void KillSessions(const std::string& prefix) {
    for (const std::string& id : Rows(absl::StrCat(
             "SELECT id FROM information_schema.processlist WHERE db = '",
             Db(module_), "' AND info LIKE '", prefix, "%'"))) {
      ASSERT_TRUE(server_->Execute(absl::StrCat("KILL ", id)).ok());
    }
  }

  void Release() {
    KillSessions("SELECT SLEEP(60)");
    (void)testing::KillProcessGroup(holder_, SIGKILL);
  }

  // Starts a run with `config`, waits for its statement `prefix` to run,
  // then SIGKILLs the run's process group.
  void KillRunDuring(const std::string& config, const std::string& prefix) {
    testing::StartedCommand run = testing::StartInNewProcessGroup(
        {testing::Runfile("cli/aos-db-migrate"), "--config", config, "-n",
         module_});
    ASSERT_GT(run.pid, 0);
    const bool running = WaitForRow(module_, Running(prefix), "1", 60);
    testing::CommandResult killed = testing::KillProcessGroup(run, SIGKILL);
    ASSERT_TRUE(running) << prefix << " never ran\n" << killed.out << killed.err;
  }

  // Waits until no session runs `prefix` any more.
  void WaitGone(const std::string& prefix) {
    ASSERT_TRUE(WaitForRow(module_, Running(prefix), "0", 60)) << prefix;
  }

  // Runs the module to its latest version; its report row.
  ReportRow Run(const std::string& config, int want_exit) {
    testing::CommandResult r = Migrate(config, {"-n", module_, "-v"});
    EXPECT_EQ(r.exit_code, want_exit) << r.out << r.err;
    std::optional<ReportRow> row = FindRow(r.out, display_);
    EXPECT_TRUE(row.has_value()) << r.out << r.err;
    return row.value_or(ReportRow{});
  }

  std::string module_;
  std::string display_;
  std::string plugin_dir_;
  std::string config_;
  testing::StartedCommand holder_;
};

// --- RENAME TABLE swap_a TO swap_tmp, swap_b TO swap_a, swap_tmp TO swap_b
class SwapTest : public ProofTest {
 protected:
  void SetUp() override {
    ProofTest::SetUp();
    Use("proofswap", "Proof Swap", "swap/libproofswap.so");
  }

  // Migration 1 applied; a session holds swap_a, so that statement 2 (the
  // swap) waits; the run is killed there.
  void KillRunInTheSwap(const std::string& config) {
    PrepareAt(config_, module_, 1);
    Hold("START TRANSACTION; SELECT * FROM swap_a LIMIT 1");
    KillRunDuring(config, "RENAME TABLE swap_a");
  }

  // What a clean run leaves: the tables swapped, then 'after' in swap_a.
  void ExpectCleanResult() {
    EXPECT_THAT(Rows("SELECT id, note FROM swap_a ORDER BY id"),
                ElementsAre("1\tfirst b", "2\tsecond b", "100\tafter"));
    EXPECT_THAT(Rows("SELECT id, note FROM swap_b ORDER BY id"),
                ElementsAre("1\tfirst a", "2\tsecond a"));
    EXPECT_EQ(RecordedVersion(module_), "2");
  }
};

TEST_F(SwapTest, ACleanRunSwapsTheTables) {
  EXPECT_EQ(Run(config_, 0).result, "0 -> 2");
  ExpectCleanResult();
}

TEST_F(SwapTest, ASwapThatLandedBeforeTheCrashIsNotRunAgain) {
  KillRunInTheSwap(config_);
  Release();  // the server completes the swap for the dead client
  WaitGone("RENAME TABLE swap_a");
  EXPECT_THAT(Rows("SELECT note FROM swap_a ORDER BY id"),
              ElementsAre("first b", "second b"));
  // Failed before the fix: the equal fingerprint sent the run back to
  // statement 2, which swapped the tables back ('first a' in swap_a).
  EXPECT_EQ(Run(config_, 0).result, "1 -> 2 (resumed at statement 3 of 3)");
  ExpectCleanResult();
}

TEST_F(SwapTest, ASwapThatNeverLandedIsRunAgain) {
  KillRunInTheSwap(config_);
  KillSessions("RENAME TABLE swap_a");  // atomic: nothing of it is left
  WaitGone("RENAME TABLE swap_a");
  Release();
  EXPECT_EQ(Run(config_, 0).result, "1 -> 2 (resumed at statement 2 of 3)");
  ExpectCleanResult();
}

TEST_F(SwapTest, WithoutThePrivilegeToReadTableIdsTheSwapIsRefused) {
  ASSERT_TRUE(server_
                  ->Execute(absl::StrCat(
                      "CREATE USER IF NOT EXISTS 'proof_np'@'%' IDENTIFIED "
                      "BY 'np-pass'; GRANT ALL ON `", Db(module_),
                      "`.* TO 'proof_np'@'%'"))
                  .ok());
  const std::string no_process = WriteConfig(absl::StrCat(
      "[DEFAULT]\nplugin_dir = ", plugin_dir_, "\nlock_timeout = 30\n",
      kLongLockWaits, "\n[", module_, "]\nconnection = mysql+pymysql://",
      "proof_np:np-pass@127.0.0.1:", server_->port(), "/", Db(module_),
      "?charset=utf8\n"));
  KillRunInTheSwap(no_process);
  Release();
  WaitGone("RENAME TABLE swap_a");
  for (int run = 0; run < 2; ++run) {
    // Failed before the fix: OK, with the tables swapped back.
    ReportRow row = Run(no_process, 1);
    EXPECT_EQ(row.status, "FAIL");
    EXPECT_THAT(row.result,
                HasWrappedSubstr("never finished: 1 of 3 statements ran. It "
                                 "cannot be resumed: statement 2 renames"));
    EXPECT_THAT(row.result, HasWrappedSubstr("PROCESS privilege"));
    EXPECT_THAT(row.result, HasWrappedSubstr("will not guess"));
  }
  // Nothing more applied: as the crash left it.
  EXPECT_THAT(Rows("SELECT id, note FROM swap_a ORDER BY id"),
              ElementsAre("1\tfirst b", "2\tsecond b"));
  EXPECT_THAT(Rows("SELECT id, note FROM swap_b ORDER BY id"),
              ElementsAre("1\tfirst a", "2\tsecond a"));
  EXPECT_EQ(RecordedVersion(module_), "1");
}

// --- CREATE EVENT between two INSERTs
class EventTest : public ProofTest {
 protected:
  void SetUp() override {
    ProofTest::SetUp();
    Use("proofevent", "Proof Event", "event/libproofevent.so");
  }
};

TEST_F(EventTest, AnEventCreatedBeforeTheCrashIsNotCreatedAgain) {
  PrepareAt(config_, module_, 1);
  // CREATE EVENT writes mysql.event: it waits while that table is locked.
  Hold("LOCK TABLES mysql.event READ");
  KillRunDuring(config_, "CREATE EVENT ev_purge");
  Release();
  WaitGone("CREATE EVENT ev_purge");
  const std::string events = absl::StrCat(
      "SELECT COUNT(*) FROM information_schema.events WHERE event_schema = '",
      Db(module_), "' AND event_name = 'ev_purge'");
  EXPECT_THAT(Rows(events), ElementsAre("1"));
  // Failed before the fix, every run: "Event 'ev_purge' already exists".
  ReportRow row = Run(config_, 0);
  EXPECT_EQ(row.result, "1 -> 2 (resumed at statement 3 of 3)");
  EXPECT_THAT(row.result, Not(HasWrappedSubstr("already exists")));
  EXPECT_THAT(Rows("SELECT note FROM ev_log ORDER BY id"),
              ElementsAre("before", "after"));
  EXPECT_THAT(Rows(events), ElementsAre("1"));
  EXPECT_EQ(RecordedVersion(module_), "2");
}

// --- DML writing the MyISAM table myi_out (a multi-table UPDATE buffers
// its rows, so the UPDATE that fails part-way here is single-table; the
// multi-table forms are read in partial_writes_test)
class MyisamTest : public ProofTest {
 protected:
  void SetUp() override {
    ProofTest::SetUp();
    Use("proofmyisam", "Proof MyISAM", "myisam/libproofmyisam.so");
  }

  // The operator removes the row that makes the statements fail.
  void RemoveDuplicatePick() {
    ASSERT_TRUE(server_
                    ->Execute(absl::StrCat("DELETE FROM ", Db(module_),
                                           ".myi_pick WHERE n = 31"))
                    .ok());
  }

  std::vector<std::string> Out() {
    return Rows("SELECT v, n FROM myi_out ORDER BY v, n");
  }

  // The refusal: the statement, why, and nothing more applied.
  void ExpectRefused(const std::string& where, const std::string& version,
                     const std::vector<std::string>& out) {
    for (int run = 0; run < 2; ++run) {
      ReportRow row = Run(config_, 1);
      EXPECT_EQ(row.status, "FAIL");
      EXPECT_THAT(row.result, HasWrappedSubstr(where));
      EXPECT_THAT(row.result,
                  HasWrappedSubstr("not transactional (`myi_out` (MyISAM))"));
      EXPECT_THAT(row.result, HasWrappedSubstr("could write them twice"));
    }
    EXPECT_EQ(Out(), out);
    EXPECT_EQ(RecordedVersion(module_), version);
  }
};

TEST_F(MyisamTest, AnInsertSelectThatFailedPartWayIsRefused) {
  ReportRow failed = Run(config_, 1);
  EXPECT_THAT(failed.result, HasWrappedSubstr("statement 2 of 3"));
  // Two of its rows stayed in the MyISAM table.
  ASSERT_THAT(Out(), ElementsAre("1\t10", "2\t20"));
  RemoveDuplicatePick();
  // Failed before the fix: resumed at statement 2, OK, rows 1 and 2 twice.
  ExpectRefused("failed at statement 2 of 3, after statements 1-1 took "
                "effect",
                "1", {"1\t10", "2\t20"});
  EXPECT_THAT(Rows("SELECT COUNT(*) FROM myi_note"), ElementsAre("0"));
}

TEST_F(MyisamTest, AnInsertSelectCutByACrashIsRefused) {
  PrepareAt(config_, module_, 1);
  RemoveDuplicatePick();
  KillRunDuring(config_, "INSERT INTO myi_out");
  WaitGone("INSERT INTO myi_out");  // the server ends it for the dead client
  const std::vector<std::string> left = Out();
  // Failed before the fix: its own transaction "proved" it had not run.
  ExpectRefused("never finished: 1 of 3 statements ran. It cannot be "
                "resumed: statement 2 (DML)",
                "1", left);
}

TEST_F(MyisamTest, AnUpdateThatFailedPartWayAtTheStepsStartIsRefused) {
  PrepareAt(config_, module_, 1);
  RemoveDuplicatePick();
  PrepareAt(config_, module_, 2);
  ASSERT_TRUE(server_
                  ->Execute(absl::StrCat("INSERT INTO ", Db(module_),
                                         ".myi_pick VALUES (3, 31)"))
                  .ok());
  ReportRow failed = Run(config_, 1);
  EXPECT_THAT(failed.result, HasWrappedSubstr("statement 1 of 2"));
  ASSERT_THAT(Out(), ElementsAre("1\t20", "2\t40", "3\t30"));
  RemoveDuplicatePick();
  // Failed before the fix: nothing "took effect", so the step ran again
  // from statement 1, OK, adding 10 and 20 twice.
  ExpectRefused("failed at statement 1 of 2, before any took effect", "2",
                {"1\t20", "2\t40", "3\t30"});
}

}  // namespace
}  // namespace aos::e2e
