// Failures from outside the tool, through the built binary against the
// fixture's real MariaDB: the server stopped in the middle of a step, an
// applied migration whose content changed, a statement stuck behind another
// session's metadata lock (lock_wait_timeout), and plugin files or
// directories that anyone but root could have written.
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "cli/e2e/migrate_fixture.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::e2e {
namespace {

using ::testing::AnyOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kSlowStep[] = "testdata/broken_plugins/slowstep/libslowstep.so";
constexpr char kDashboard[] = "plugins/dashboard/libdashboard.so";
constexpr char kJournal[] = "plugins/journal/libjournal.so";

class FailureModesTest : public MigrateTest {
 protected:
  std::vector<std::string> History(const std::string& module) {
    return QueryDb(module,
                   "SELECT version, direction, outcome, statements_done, "
                   "statements_total FROM aos_migration_history "
                   "WHERE version = 2 ORDER BY id");
  }
};

// The server goes away while migration 2's second statement runs: the run
// ends at once (no hang) with the step named and the connection's loss
// given; the step stays "running" in the history, so once the server is
// back the module is refused as interrupted, while Dashboard is settled.
TEST_F(FailureModesTest, ServerStoppedInTheMiddleOfAStep) {
  AddModules({"slowstep"});
  std::string config = Config(PluginDir({kSlowStep, kDashboard}));

  testing::StartedCommand started = testing::StartInNewProcessGroup(
      {testing::Runfile("cli/aos-db-migrate"), "--config", config, "-v"});
  ASSERT_GT(started.pid, 0);
  // Step 2 running, its first statement done, its SLEEP(30) under way.
  bool running = WaitForRow("slowstep",
                            "SELECT statements_done FROM aos_migration_history "
                            "WHERE version = 2 AND direction = 'upgrade' AND "
                            "outcome = 'running'",
                            "1", 20) &&
                 WaitForRow("slowstep",
                            absl::StrCat("SELECT COUNT(*) FROM "
                                         "information_schema.processlist WHERE "
                                         "db = '",
                                         Db("slowstep"),
                                         "' AND info LIKE 'SELECT SLEEP(30)%'"),
                            "1", 10);
  // Dashboard is done and has let go of its lock before the server goes.
  bool dashboard_done =
      WaitForRow("dashboard",
                 "SELECT version FROM migrate_version WHERE repository_id = "
                 "'dashboard'",
                 "11", 20) &&
      WaitForRow("dashboard", "SELECT COUNT(*) FROM aos_migration_lock", "0",
                 10);
  if (!running || !dashboard_done) {
    testing::CommandResult killed = testing::KillProcessGroup(started, SIGKILL);
    FAIL() << "step 2 of slowstep never ran its SLEEP (" << running
           << ") or Dashboard never finished (" << dashboard_done << ")\n"
           << killed.out << killed.err;
  }
  std::vector<std::string> step =
      QueryDb("slowstep",
              "SELECT started_at, host, pid FROM aos_migration_history "
              "WHERE version = 2");
  ASSERT_EQ(step.size(), 1u);
  std::vector<std::string> started_host_pid = absl::StrSplit(step[0], '\t');
  ASSERT_EQ(started_host_pid.size(), 3u);

  auto stopped_at = std::chrono::steady_clock::now();
  ASSERT_TRUE(server_->Stop().ok());
  bool ended = false;
  testing::CommandResult r = WaitForExit(started, SecondsFromNow(25), &ended);
  double seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - stopped_at)
                       .count();
  ASSERT_TRUE(server_->Start().ok());
  ASSERT_TRUE(ended) << "the run hung after the server stopped\n"
                     << r.out << r.err;
  EXPECT_LT(seconds, 15) << r.out << r.err;
  EXPECT_EQ(r.signal, 0) << r.out << r.err;
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(kill(-started.pid, 0), 0) << "a process of the run lives on";

  std::optional<ReportRow> slow = FindRow(r.out, "SlowStep");
  ASSERT_TRUE(slow.has_value()) << r.out << r.err;
  EXPECT_EQ(slow->status, "FAIL");
  EXPECT_THAT(slow->result,
              HasWrappedSubstr("Error while applying migration 1 -> 2 ("))
      << r.out;
  EXPECT_THAT(slow->result,
              HasWrappedSubstr("database left at 1: statement 2 of 3 (line"))
      << r.out;
  // The client library's error codes for a lost connection (its wording
  // is not the tool's to promise).
  EXPECT_THAT(slow->result,
              AnyOf(HasWrappedSubstr("(2013)"), HasWrappedSubstr("(2006)")))
      << r.out;
  std::optional<ReportRow> dashboard = FindRow(r.out, "Dashboard");
  ASSERT_TRUE(dashboard.has_value()) << r.out;
  EXPECT_EQ(dashboard->status, "OK");
  EXPECT_EQ(dashboard->result, "0 -> 11");

  // The server is back. Either the run could not record the failure (its
  // connection was gone: the step is still "running"), or it did, through
  // a connection the stopping server had not closed yet ("failed"): which
  // one is the server's shutdown's race, not the tool's to choose.
  EXPECT_EQ(RecordedVersion("slowstep"), "1");
  const std::vector<std::string> left = History("slowstep");
  EXPECT_THAT(left, AnyOf(ElementsAre("2\tupgrade\trunning\t1\t3"),
                          ElementsAre("2\tupgrade\tfailed\t1\t3")));
  const std::string first_row = left.empty() ? "" : left[0];
  const std::vector<std::string> tables = Tables("slowstep");
  // Its lease on slowstep's lock (if the row survived) would last 60 s.
  ASSERT_TRUE(server_
                  ->Execute("UPDATE aos_migration_lock SET expires_at = NOW() "
                            "- INTERVAL 1 SECOND",
                            Db("slowstep"))
                  .ok());

  // The interrupted statement is a plain SELECT: running it again is always
  // right (issue 23), so the next run resumes the step there by itself.
  testing::CommandResult again = Migrate(config, {});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  std::optional<ReportRow> resumed = FindRow(again.out, "SlowStep");
  ASSERT_TRUE(resumed.has_value()) << again.out << again.err;
  EXPECT_EQ(resumed->status, "OK");
  EXPECT_EQ(resumed->result, "1 -> 3 (migration 2 resumed at statement 2 of 3)")
      << again.out;
  std::optional<ReportRow> settled = FindRow(again.out, "Dashboard");
  ASSERT_TRUE(settled.has_value()) << again.out;
  EXPECT_EQ(settled->status, "OK");
  EXPECT_EQ(settled->result, "No changes");
  EXPECT_EQ(RecordedVersion("slowstep"), "3");
  EXPECT_EQ(Tables("slowstep"), tables);
  // A "running" row is marked interrupted by the run that finds it.
  EXPECT_THAT(History("slowstep"),
              ElementsAre(first_row == "2\tupgrade\tfailed\t1\t3"
                              ? first_row
                              : "2\tupgrade\tinterrupted\t1\t3",
                          "2\tupgrade\tok\t3\t3"));
  EXPECT_THAT(QueryDb("slowstep", "SELECT COUNT(*) FROM slowstep_archive"),
              ElementsAre("1"));
}

// An applied migration whose recorded checksum no longer matches the
// plugin's script is reported (without --verbose too) until the operator
// accepts the database with --mark-version.
TEST_F(FailureModesTest, ChecksumMismatchIsReportedUntilMarked) {
  std::string config = Config(PluginDir({kJournal}));
  testing::CommandResult first = Migrate(config, {"-n", "journal"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  ASSERT_EQ(RecordedVersion("journal"), "5");
  ASSERT_TRUE(server_
                  ->Execute("UPDATE aos_migration_history SET checksum = "
                            "'0000' WHERE version = 2 AND direction = "
                            "'upgrade'",
                            Db("journal"))
                  .ok());

  for (bool verbose : {false, true}) {
    SCOPED_TRACE(verbose ? "-v" : "no -v");
    std::vector<std::string> args = {"-n", "journal"};
    if (verbose) args.push_back("-v");
    testing::CommandResult r = Migrate(config, args);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    std::optional<ReportRow> row = FindRow(r.out, "Journal");
    ASSERT_TRUE(row.has_value()) << r.out << r.err;
    EXPECT_EQ(row->status, "FAIL");
    EXPECT_THAT(row->result,
                HasWrappedSubstr("the content of applied migration 2 (seed "
                                 "core event types) differs from what was "
                                 "applied (checksum mismatch)"))
        << r.out;
    EXPECT_THAT(row->result, HasWrappedSubstr("-n journal --mark-version 5"))
        << r.out;
    EXPECT_THAT(r.out, Not(HasWrappedSubstr("Unknown DB Error")));
  }
  EXPECT_EQ(RecordedVersion("journal"), "5");

  // The views read the state as the run does: --status fails too, saying
  // why, in the table and in JSON.
  testing::CommandResult status = Migrate(config, {"-n", "journal", "--status"});
  EXPECT_EQ(status.exit_code, 1) << status.out << status.err;
  EXPECT_THAT(status.out, Not(HasWrappedSubstr("Up to date"))) << status.out;
  EXPECT_THAT(status.out,
              HasWrappedSubstr("the content of applied migration 2"))
      << status.out;
  testing::CommandResult json =
      Migrate(config, {"-n", "journal", "--status", "-f", "json"});
  EXPECT_EQ(json.exit_code, 1) << json.out << json.err;
  EXPECT_THAT(json.out, HasSubstr("checksum mismatch")) << json.out;

  testing::CommandResult marked =
      Migrate(config, {"-n", "journal", "--mark-version", "5"});
  EXPECT_EQ(marked.exit_code, 0) << marked.out << marked.err;
  std::optional<ReportRow> mark_row = FindRow(marked.out, "Journal");
  ASSERT_TRUE(mark_row.has_value()) << marked.out;
  EXPECT_EQ(mark_row->status, "OK");

  testing::CommandResult after = Migrate(config, {"-n", "journal"});
  EXPECT_EQ(after.exit_code, 0) << after.out << after.err;
  std::optional<ReportRow> row = FindRow(after.out, "Journal");
  ASSERT_TRUE(row.has_value()) << after.out;
  EXPECT_EQ(row->status, "OK");
  EXPECT_EQ(row->result, "No changes");
  EXPECT_EQ(RecordedVersion("journal"), "5");
}

// A DDL statement behind another session's metadata lock fails after the
// configured lock_wait_timeout, saying so, instead of hanging.
TEST_F(FailureModesTest, LockWaitTimeoutEndsAStuckStatement) {
  std::string config =
      Config(PluginDir({kDashboard}), 0, "lock_wait_timeout = 2");
  PrepareAt(config, "dashboard", 9);

  // Another client reads `widgets` (migration 11 alters it) in an open
  // transaction and keeps its metadata lock for 20 s.
  testing::StartedCommand holder = testing::StartInNewProcessGroup(
      {"mariadb", "--no-defaults", "-S", server_->socket_path(), "-uroot",
       Db("dashboard"), "-e",
       "START TRANSACTION; SELECT * FROM widgets LIMIT 1; SELECT SLEEP(20);"});
  ASSERT_GT(holder.pid, 0);
  const std::string holder_thread =
      absl::StrCat("SELECT id FROM information_schema.processlist WHERE db = '",
                   Db("dashboard"), "' AND info LIKE 'SELECT SLEEP(20)%'");
  bool holding = WaitForRow(
      "dashboard",
      absl::StrCat("SELECT COUNT(*) FROM information_schema.processlist "
                   "WHERE db = '",
                   Db("dashboard"), "' AND info LIKE 'SELECT SLEEP(20)%'"),
      "1", 10);
  auto release = [&] {
    for (const std::string& id : QueryDb("dashboard", holder_thread)) {
      (void)server_->Execute(absl::StrCat("KILL ", id));
    }
    return testing::KillProcessGroup(holder, SIGKILL);
  };
  if (!holding) {
    testing::CommandResult h = release();
    FAIL() << "the other session never took its lock\n" << h.out << h.err;
  }

  auto start = std::chrono::steady_clock::now();
  testing::CommandResult r = Migrate(config, {"-n", "dashboard", "-v"});
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  const std::string version_meanwhile = RecordedVersion("dashboard");
  testing::CommandResult h = release();

  EXPECT_LT(seconds, 15) << r.out << r.err;
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::optional<ReportRow> row = FindRow(r.out, "Dashboard");
  ASSERT_TRUE(row.has_value()) << r.out << r.err;
  EXPECT_EQ(row->status, "FAIL");
  EXPECT_THAT(row->result,
              HasWrappedSubstr("Error while applying migration 10 -> 11 ("))
      << r.out;
  EXPECT_THAT(row->result, HasWrappedSubstr("database left at 10: statement 1"))
      << r.out;
  EXPECT_THAT(row->result, HasWrappedSubstr("(1205)")) << r.out;
  EXPECT_THAT(row->result,
              HasWrappedSubstr("it waited lock_wait_timeout (2 s) for a lock "
                               "another session holds"))
      << r.out;
  EXPECT_EQ(version_meanwhile, "10");
  EXPECT_THAT(QueryDb("dashboard",
                      "SELECT outcome, statements_done FROM "
                      "aos_migration_history WHERE version = 11"),
              ElementsAre("failed\t0"));

  // With the other session gone, the next run finishes the job.
  testing::CommandResult on = Migrate(config, {"-n", "dashboard"});
  EXPECT_EQ(on.exit_code, 0) << on.out << on.err;
  std::optional<ReportRow> on_row = FindRow(on.out, "Dashboard");
  ASSERT_TRUE(on_row.has_value()) << on.out;
  EXPECT_EQ(on_row->result, "10 -> 11");
  EXPECT_EQ(RecordedVersion("dashboard"), "11");
}

// A plugin directory anyone but its owner may write to is a configuration
// error: nothing runs.
TEST_F(FailureModesTest, WritablePluginDirectoryIsAConfigurationError) {
  for (mode_t mode : {0775, 0757, 0777}) {
    const std::string octal = absl::StrFormat("%04o", mode);
    SCOPED_TRACE(octal);
    std::string dir = PluginDir({kDashboard, kJournal});
    std::string config = Config(dir);
    ASSERT_EQ(chmod(dir.c_str(), mode), 0);
    testing::CommandResult r = Migrate(config, {});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr(absl::StrCat(
                           "plugin directory ", dir,
                           ": writable by group or others (mode ", octal,
                           "); refusing to load code from it")));
    EXPECT_THAT(ParseReport(r.out), IsEmpty()) << r.out;
    EXPECT_THAT(Tables("dashboard"), IsEmpty());
    EXPECT_THAT(Tables("journal"), IsEmpty());
  }
}

// A plugin file anyone but its owner may write to fails its own module,
// naming the file; the other modules migrate.
TEST_F(FailureModesTest, WritablePluginFileFailsOnlyItsModule) {
  std::string dir = PluginDir({kDashboard, kJournal});
  std::string config = Config(dir);
  const std::string file = dir + "/libjournal.so";
  ASSERT_EQ(chmod(file.c_str(), 0666), 0);
  testing::CommandResult r = Migrate(config, {});
  EXPECT_EQ(r.signal, 0) << r.out << r.err;
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::optional<ReportRow> row = FindRow(r.out, "journal");
  ASSERT_TRUE(row.has_value()) << r.out << r.err;
  EXPECT_EQ(row->status, "FAIL");
  EXPECT_THAT(row->result,
              HasWrappedSubstr(absl::StrCat(
                  file,
                  ": writable by group or others (mode 0666); refusing to "
                  "load code from it (chmod go-w)")))
      << r.out;
  std::optional<ReportRow> dashboard = FindRow(r.out, "Dashboard");
  ASSERT_TRUE(dashboard.has_value()) << r.out;
  EXPECT_EQ(dashboard->status, "OK");
  EXPECT_EQ(dashboard->result, "0 -> 11");
  EXPECT_EQ(RecordedVersion("dashboard"), "11");
  EXPECT_THAT(Tables("journal"), IsEmpty());
}

// Plugin code owned by another user is refused, naming the owner: a file
// fails its module, the directory fails the run.
TEST_F(FailureModesTest, PluginOwnedByAnotherUserIsRefused) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to chown to uid 65534";
  {
    std::string dir = PluginDir({kDashboard, kJournal});
    std::string config = Config(dir);
    const std::string file = dir + "/libjournal.so";
    if (chown(file.c_str(), 65534, 65534) != 0) {
      // A user namespace that maps no other uid (Bazel's sandbox; the BUILD
      // file runs this test without it).
      if (errno == EINVAL) GTEST_SKIP() << "uid 65534 is not mapped here";
      FAIL() << "chown " << file << ": " << std::strerror(errno);
    }
    testing::CommandResult r = Migrate(config, {});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    std::optional<ReportRow> row = FindRow(r.out, "journal");
    ASSERT_TRUE(row.has_value()) << r.out << r.err;
    EXPECT_EQ(row->status, "FAIL");
    EXPECT_THAT(row->result,
                HasWrappedSubstr(absl::StrCat(
                    file,
                    ": owned by uid 65534, neither root nor the invoking "
                    "user; refusing to load code from it")))
        << r.out;
    std::optional<ReportRow> dashboard = FindRow(r.out, "Dashboard");
    ASSERT_TRUE(dashboard.has_value()) << r.out;
    EXPECT_EQ(dashboard->status, "OK");
    EXPECT_EQ(dashboard->result, "0 -> 11");
    EXPECT_THAT(Tables("journal"), IsEmpty());
  }
  {
    // Journal's database is still untouched.
    std::string dir = PluginDir({kJournal});
    std::string config = Config(dir);
    ASSERT_EQ(chown(dir.c_str(), 65534, 65534), 0) << std::strerror(errno);
    testing::CommandResult r = Migrate(config, {});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr(absl::StrCat("plugin directory ", dir,
                                              ": owned by uid 65534")));
    EXPECT_THAT(ParseReport(r.out), IsEmpty()) << r.out;
    EXPECT_THAT(Tables("journal"), IsEmpty());
  }
}

}  // namespace
}  // namespace aos::e2e
