// The session of a MySQL step (issue 23), on a real MariaDB, with the test
// plugins of testdata/session_plugins:
//  - a step that failed part-way and is resumed gets back the session its
//    applied statements built (foreign_key_checks, user variables of every
//    type, a count taken before a row was added): the result is a clean
//    run's;
//  - a run killed in DO SLEEP or a plain SELECT is resumed by running it
//    again; one killed in a CALL needs a person, who is told why;
//  - statements that take over what the tool owns at run time (a
//    procedure, statements prepared from a variable) fail the step there,
//    naming the statement, with nothing after it applied.
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
using ::testing::HasSubstr;

std::string PluginOf(const std::string& module) {
  return absl::StrCat("testdata/session_plugins/lib", module, ".so");
}

// One test plugin of testdata/session_plugins, its module in a database of
// its own.
class SessionTest : public MigrateTest {
 protected:
  void Use(const std::string& module) {
    module_ = module;
    AddModules({module});
    config_ = Config(PluginDir({PluginOf(module)}));
  }

  testing::CommandResult Run() {
    return Migrate(config_, {"-n", module_, "--verbose"});
  }

  // The module's row of a run's table ("" when it has none).
  std::string ResultOf(const testing::CommandResult& r) {
    std::optional<ReportRow> row = FindRow(r.out, display_name_);
    return row ? row->result : absl::StrCat("no row in:\n", r.out, r.err);
  }

  void Sql(const std::string& sql) {
    absl::Status st = server_->Execute(sql);
    ASSERT_TRUE(st.ok()) << st << "\n" << sql;
  }

  // The operator creates the table the failed statement needs.
  void CreateFixme(const std::string& table) {
    Sql(absl::StrCat("CREATE TABLE ", Db(module_), ".", table,
                     " (id INT) ENGINE=InnoDB"));
  }

  std::string module_;
  std::string display_name_;
  std::string config_;
};

// A step that fails at statement 3 until the operator creates its table.
class FailedStepTest : public SessionTest {
 protected:
  // Runs into the failure, then fixes it and resumes: the resumed run
  // must finish the step.
  void FailFixResume(const std::string& fixme, int total) {
    testing::CommandResult failed = Run();
    ASSERT_EQ(failed.exit_code, 1) << failed.out << failed.err;
    EXPECT_THAT(ResultOf(failed),
                HasWrappedSubstr(absl::StrCat("statement 3 of ", total)));
    CreateFixme(fixme);
    testing::CommandResult resumed = Run();
    ASSERT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
    EXPECT_EQ(ResultOf(resumed),
              absl::StrCat("1 -> 2 (resumed at statement 3 of ", total, ")"));
    EXPECT_EQ(RecordedVersion(module_), "2");
  }

  // What migration 2 of sessionvars leaves: the value it computed and the
  // table built from its variables, their types included.
  std::vector<std::string> VariablesOutcome(const std::string& module) {
    std::vector<std::string> out = QueryDb(module, "SELECT v FROM sv_out");
    for (const std::string& r : QueryDb(
             module,
             "SELECT column_name, column_type, IFNULL(collation_name, '-') FROM "
             "information_schema.columns WHERE table_schema = DATABASE() AND "
             "table_name = 'sv_types' ORDER BY ordinal_position")) {
      out.push_back(r);
    }
    for (const std::string& r : QueryDb(
             module,
             "SELECT n, d, HEX(s), f, u, IFNULL(z, 'NULL'), tz FROM sv_types")) {
      out.push_back(r);
    }
    return out;
  }
};

TEST_F(FailedStepTest, AResumedStepKeepsForeignKeyChecksOff) {
  display_name_ = "Session FK";
  Use("sessionfk");
  FailFixResume("fk_fixme", 5);
  EXPECT_THAT(QueryDb(module_, "SELECT id, parent_id FROM fk_child ORDER BY id"),
              ElementsAre("1\t99", "2\t98"));
}

// A CALL that failed after its procedure committed part of its work is a
// person's call: run again after the fix, it would commit that part twice
// (before: exit 0 with cf_rows 0, 1, 1, 2; a clean run writes 0, 1, 2).
TEST_F(FailedStepTest, AFailedCallIsAPersonsCallNotRunAgain) {
  display_name_ = "Session Call Fail";
  Use("sessioncallfail");
  testing::CommandResult failed = Run();
  ASSERT_EQ(failed.exit_code, 1) << failed.out << failed.err;
  EXPECT_THAT(ResultOf(failed), HasWrappedSubstr("statement 2 of 3"));
  CreateFixme("cf_fixme");
  for (int run = 0; run < 2; ++run) {
    testing::CommandResult refused = Run();
    EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
    EXPECT_THAT(ResultOf(refused),
                HasWrappedSubstr("statement 2 failed: it is a CALL"));
    EXPECT_THAT(ResultOf(refused),
                HasWrappedSubstr("may have committed part of its work"));
    EXPECT_EQ(RecordedVersion(module_), "1");
    EXPECT_THAT(QueryDb(module_, "SELECT v FROM cf_rows ORDER BY v"),
                ElementsAre("0", "1"));
  }
}

TEST_F(FailedStepTest, AResumedStepWritesTheCleanRunsValue) {
  display_name_ = "Session Count";
  Use("sessioncount");
  FailFixResume("sc_fixme", 4);
  // @m counted sc_src before statement 2 added its row: 3, never 4 or NULL.
  EXPECT_THAT(QueryDb(module_, "SELECT m FROM sc_out"), ElementsAre("3"));
  EXPECT_THAT(QueryDb(module_, "SELECT COUNT(*) FROM sc_src"),
              ElementsAre("4"));
}

TEST_F(FailedStepTest, AResumedStepReadsItsVariablesExactlyAsACleanRun) {
  display_name_ = "Session Vars";
  Use("sessionvars");
  // The clean run first, then the same database again from nothing.
  testing::CommandResult first =
      Migrate(config_, {"-n", module_, "--migration", "1"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  CreateFixme("sv_fixme");
  testing::CommandResult clean = Run();
  ASSERT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  const std::vector<std::string> want = VariablesOutcome(module_);
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(want[0], "42");
  Sql(absl::StrCat("DROP DATABASE ", Db(module_)));
  Sql(absl::StrCat("CREATE DATABASE ", Db(module_)));

  FailFixResume("sv_fixme", 5);
  EXPECT_EQ(VariablesOutcome(module_), want);
}

// A run killed (SIGKILL of its process group) while a chosen statement
// runs on the server.
// Step 1 sets @carried, step 2 reads it. Each step starts in a fresh
// session, so step 2 writes the same value (NULL) in one run of both steps
// as in two runs split by --migration (before, one run wrote 5 and two
// wrote NULL: a value that depended on how the runs were split).
TEST_F(SessionTest, EachStepStartsInAFreshSessionHoweverTheRunsAreSplit) {
  Use("sessioncarry");
  display_name_ = "Session Carry";
  testing::CommandResult whole = Run();
  ASSERT_EQ(whole.exit_code, 0) << whole.out << whole.err;
  EXPECT_THAT(QueryDb(module_, "SELECT id, v FROM carry_out"),
              ::testing::ElementsAre("1\tNULL"));

  Sql(absl::StrCat("DROP DATABASE ", Db(module_)));
  Sql(absl::StrCat("CREATE DATABASE ", Db(module_)));
  for (const char* version : {"1", "2"}) {
    testing::CommandResult part =
        Migrate(config_, {"-n", module_, "--migration", version});
    ASSERT_EQ(part.exit_code, 0) << part.out << part.err;
  }
  EXPECT_THAT(QueryDb(module_, "SELECT id, v FROM carry_out"),
              ::testing::ElementsAre("1\tNULL"));
}

// The tool sets lock_wait_timeout short around each DDL statement and
// gives it back lazily (not between two DDL statements): every other
// statement still sees the whole wait, or the step's own value until its
// next DDL statement, in one run and split across runs alike.
TEST_F(SessionTest, EachStatementSeesTheLockWaitACleanRunGivesIt) {
  Use("sessionlockwait");
  display_name_ = "Session Lock Wait";
  config_ = Config(PluginDir({PluginOf(module_)}), 0,
                   "lock_wait_timeout = 41\nddl_lock_wait_timeout = 2\n");
  testing::CommandResult r = Run();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(QueryDb(module_, "SELECT what, v FROM lw_seen ORDER BY id"),
              ElementsAre("after ddl\t41", "after two ddl\t41", "its own\t7",
                          "its own, then ddl\t41", "next step\t41"));
}

class KilledStepTest : public SessionTest {
 protected:
  std::string Running(const std::string& condition) {
    return absl::StrCat(
        "SELECT COUNT(*) FROM information_schema.processlist WHERE db = '",
        Db(module_), "' AND (", condition, ")");
  }

  void KillDuring(const std::string& condition) {
    testing::StartedCommand run = testing::StartInNewProcessGroup(
        {testing::Runfile("cli/aos-db-migrate"), "--config", config_, "-n",
         module_});
    ASSERT_GT(run.pid, 0);
    const bool running = WaitForRow(module_, Running(condition), "1", 60);
    testing::CommandResult killed = testing::KillProcessGroup(run, SIGKILL);
    ASSERT_TRUE(running) << condition << " never ran\n"
                         << killed.out << killed.err;
  }

  // The run after the kill resumes by running `statement` again.
  void ExpectRunAgain(int statement) {
    testing::CommandResult r = Run();
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(ResultOf(r), absl::StrCat("1 -> 2 (resumed at statement ",
                                        statement, " of 5)"));
    EXPECT_THAT(QueryDb(module_, "SELECT note FROM sr_log ORDER BY id"),
                ElementsAre("before", "after 0"));
    EXPECT_THAT(QueryDb(module_,
                        "SELECT version, outcome FROM aos_migration_history "
                        "ORDER BY id"),
                ElementsAre("1\tok", "2\tinterrupted", "2\tok"));
  }
};

TEST_F(KilledStepTest, AKillInDoSleepRunsItAgain) {
  display_name_ = "Session Replay";
  Use("sessionreplay");
  KillDuring("info LIKE 'DO SLEEP(4)%'");
  ExpectRunAgain(3);
}

TEST_F(KilledStepTest, AKillInAPlainSelectRunsItAgain) {
  display_name_ = "Session Replay";
  Use("sessionreplay");
  KillDuring("info LIKE 'SELECT SLEEP(4) INTO%'");
  ExpectRunAgain(4);
}

TEST_F(KilledStepTest, AKillInACallNeedsAPersonWhoIsToldWhy) {
  display_name_ = "Session Call";
  Use("sessioncall");
  const std::string in_call =
      "info LIKE 'CALL sk_slow%' OR info LIKE 'DO SLEEP(30)%'";
  KillDuring(in_call);
  testing::CommandResult r = Run();
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(ResultOf(r), HasWrappedSubstr("statement 2: it is a CALL"));
  EXPECT_THAT(ResultOf(r), HasWrappedSubstr("a stored procedure can change "
                                            "data"));
  EXPECT_THAT(QueryDb(module_, "SELECT note FROM sk_log ORDER BY id"),
              ElementsAre("before"));
  EXPECT_EQ(RecordedVersion(module_), "1");
  for (const std::string& id : QueryDb(
           module_, absl::StrCat("SELECT id FROM information_schema.processlist "
                                 "WHERE db = '", Db(module_), "' AND (",
                                 in_call, ")"))) {
    Sql(absl::StrCat("KILL ", id));
  }
}

// A takeover at run time: the plugin, its statement, what it changed.
struct Takeover {
  const char* module;
  const char* display_name;
  int statement;
  int total;
  const char* changed;
};

class TakeoverTest : public SessionTest,
                     public ::testing::WithParamInterface<Takeover> {};

TEST_P(TakeoverTest, FailsTheStepAtTheStatementWithNothingAfterIt) {
  const Takeover& t = GetParam();
  display_name_ = t.display_name;
  Use(t.module);
  for (int run = 0; run < 2; ++run) {  // never OK, however often it runs
    testing::CommandResult r = Run();
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    const std::string result = ResultOf(r);
    EXPECT_THAT(result, HasWrappedSubstr(absl::StrCat(
                            "statement ", t.statement, " of ", t.total)));
    if (run == 0) {
      EXPECT_THAT(result, HasWrappedSubstr("the tool owns"));
      EXPECT_THAT(result, HasWrappedSubstr(t.changed));
    }
    // Again: the same takeover, or (a statement prepared by an applied
    // statement is gone with its session) a refusal to resume.
    EXPECT_THAT(QueryDb(t.module, absl::StrCat("SELECT note FROM ", t.module,
                                               "_log ORDER BY id")),
                ElementsAre("before"));
    EXPECT_EQ(RecordedVersion(t.module), "1");
  }
}

INSTANTIATE_TEST_SUITE_P(
    AtRunTime, TakeoverTest,
    ::testing::Values(
        Takeover{"takeproc", "Take Proc", 2, 3, "autocommit ON -> OFF"},
        Takeover{"takeprepare", "Take Prepare", 4, 5,
                 "it left a transaction open"},
        Takeover{"takeosu", "Take OSU", 4, 5, "wsrep_OSU_method TOI -> RSU"},
        Takeover{"takeflush", "Take Flush", 4, 5, "table lock"},
        Takeover{"takerelease", "Take Release", 4, 5,
                 "completion_type NO_CHAIN -> RELEASE"},
        Takeover{"takecomment", "Take Comment", 4, 5, "autocommit ON -> OFF"}),
    [](const ::testing::TestParamInfo<Takeover>& info) {
      return std::string(info.param.module);
    });

}  // namespace
}  // namespace aos::e2e
