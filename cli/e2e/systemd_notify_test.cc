// A run under systemd (issue 28): the test listens on a NOTIFY_SOCKET of
// its own, runs the built aos-db-migrate over a step that takes a while,
// and hears STATUS= naming the module and its step, EXTEND_TIMEOUT_USEC=,
// and the run's last status; without the variable it hears nothing. The
// -f json report of the same run gives each step's time. With stderr the
// journal, each module's outcome is a structured entry on the journal's
// native socket (a test's own, through the test hook); nothing otherwise.
#include <stdlib.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/notify_listener.h"
#include "cli/e2e/report_parser.h"
#include "nlohmann/json.hpp"

namespace aos::e2e {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

constexpr char kModule[] = "notifyslow";
constexpr char kPlugin[] = "testdata/notify_plugins/libnotifyslow.so";
constexpr char kAlterModule[] = "notifyalter";
constexpr char kAlterPlugin[] = "testdata/notify_plugins/libnotifyalter.so";

class SystemdNotifyTest : public MigrateTest {
 protected:
  void SetUp() override {
    MigrateTest::SetUp();
    unsetenv("NOTIFY_SOCKET");  // only where a test gives it
    AddModules({kModule, kAlterModule});
    config_ = Config(PluginDir({kPlugin, kAlterPlugin}));
  }

  testing::CommandResult Run(const std::vector<std::string>& env) {
    return RunCommandOrFail(
        {testing::Runfile("cli/aos-db-migrate"), "--config", config_, "-n", kModule, "-f", "json"},
        env);
  }

  std::string config_;
};

TEST_F(SystemdNotifyTest, ALongStepIsToldAndExtendsTheStartTimeout) {
  NotifyListener listener;
  testing::CommandResult r = Run({"NOTIFY_SOCKET=" + listener.path()});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::vector<std::string> heard = listener.Assignments();
  EXPECT_THAT(heard, Contains(StartsWith("STATUS=notifyslow: upgrading 1 -> 2 (slow)")))
      << absl::StrJoin(heard, "\n");
  EXPECT_THAT(heard, Contains("EXTEND_TIMEOUT_USEC=600000000")) << absl::StrJoin(heard, "\n");
  EXPECT_THAT(heard, Contains("STATUS=notifyslow: OK")) << absl::StrJoin(heard, "\n");
  ASSERT_FALSE(heard.empty());
  EXPECT_EQ(heard.back(), "STATUS=finished: 1 OK, 0 FAIL");
  // Not READY=1: the unit is a oneshot, its start ends when the run does.
  EXPECT_THAT(heard, Not(Contains(StartsWith("READY="))));
  // The socket is systemd's business: stderr stays as it was without one.
  EXPECT_THAT(r.err, IsEmpty());

  // The report times each step: the slow one took its DO SLEEP(2) at least.
  absl::StatusOr<Json> doc = ParseJson(r.out);
  ASSERT_TRUE(doc.ok()) << doc.status() << r.out;
  const std::vector<Json>& steps = JsonArray(doc->at("modules").at(0).at("steps"));
  ASSERT_EQ(steps.size(), 2u) << r.out;
  EXPECT_EQ(JsonInt(steps[1].at("version")), 2);
  EXPECT_EQ(JsonString(steps[1].at("direction")), "upgrade");
  EXPECT_EQ(JsonString(steps[1].at("status")), "OK");
  EXPECT_GE(JsonInt(steps[1].at("millis")), 2000) << r.out;
  EXPECT_GE(JsonInt(steps[0].at("millis")), 0) << r.out;
}

TEST_F(SystemdNotifyTest, WithoutTheVariableNothingIsSent) {
  NotifyListener listener;
  testing::CommandResult r = Run({});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(RecordedVersion(kModule), "2");
  EXPECT_THAT(listener.Assignments(), IsEmpty());
  EXPECT_THAT(r.err, IsEmpty());
}

// A plain ALTER on MariaDB: the server's progress of the statement, read
// from a connection of the run's own while it copies the table, reaches
// systemd as a percentage of the step.
TEST_F(SystemdNotifyTest, APlainAlterTellsTheServersProgress) {
  PrepareAt(config_, kAlterModule, 1);
  auto sql = [&](const std::string& text) {
    absl::Status st = server_->Execute(text, Db(kAlterModule));
    ASSERT_TRUE(st.ok()) << st << text;
  };
  sql("INSERT INTO na_rows (payload) VALUES (REPEAT('p', 100))");
  for (int i = 0; i < 18; ++i) {  // 262144 rows, each copied slowly
    ASSERT_NO_FATAL_FAILURE(sql("INSERT INTO na_rows (payload) SELECT payload FROM na_rows"));
  }
  NotifyListener listener;
  testing::CommandResult r =
      RunCommandOrFail({testing::Runfile("cli/aos-db-migrate"), "--config", config_, "-n",
                        kAlterModule, "--allow-blocking", "-f", "json"},
                       {"NOTIFY_SOCKET=" + listener.path()});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(RecordedVersion(kAlterModule), "2");
  std::vector<std::string> heard = listener.Assignments();
  EXPECT_THAT(heard, Contains(::testing::ContainsRegex(
                         "^STATUS=notifyalter: upgrading 1 -> 2 \\(digest\\): [0-9]+%")))
      << absl::StrJoin(heard, "\n") << "\n"
      << r.out;  // r.out: the step's millis
}

// Issue 28: structured journal fields. With stderr the journal (systemd's
// JOURNAL_STREAM names stderr's device:inode: here a shell sets it to its
// own stderr, which the run inherits) the run sends one entry a module to
// the journal's native socket, here the test's own through the test hook.
class JournalFieldsTest : public SystemdNotifyTest {
 protected:
  // Runs the module with JOURNAL_STREAM `stream` ("stderr": stderr's own;
  // "": unset) and the journal socket hook on `listener`.
  testing::CommandResult RunWithStream(const std::string& stream, const NotifyListener& listener) {
    const std::string set =
        stream == "stderr" ? "JOURNAL_STREAM=$(stat -L -c %d:%i /proc/self/fd/2); export "
                             "JOURNAL_STREAM; "
        : stream.empty()   ? "unset JOURNAL_STREAM; "
                           : absl::StrCat("export JOURNAL_STREAM=", stream, "; ");
    return RunCommandOrFail({"/bin/sh", "-c", set + "exec \"$0\" \"$@\"",
                             testing::Runfile("cli/aos-db-migrate"), "--config", config_, "-n",
                             kModule},
                            {absl::StrCat("AOS_DB_MIGRATE_TEST_JOURNAL_SOCKET=", listener.path())});
  }
};

TEST_F(JournalFieldsTest, WhenStderrIsTheJournalEachModulesOutcomeIsAnEntry) {
  NotifyListener listener;
  testing::CommandResult r = RunWithStream("stderr", listener);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::vector<std::string> entries = listener.Datagrams();
  ASSERT_EQ(entries.size(), 1u) << absl::StrJoin(entries, "\n--\n") << r.err;
  std::vector<std::string> fields = absl::StrSplit(entries[0], '\n', absl::SkipEmpty());
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre(
                          "MESSAGE=notifyslow: OK, 0 -> 2", "PRIORITY=6",
                          "SYSLOG_IDENTIFIER=aos-db-migrate", "AOS_MODULE=notifyslow",
                          "AOS_OUTCOME=ok", "AOS_VERSION=2", "AOS_FROM_VERSION=0",
                          "AOS_STEP=1->2"))
      << entries[0];
  EXPECT_EQ(RecordedVersion(kModule), "2");
}

TEST_F(JournalFieldsTest, AFailedModuleIsAnErrorEntry) {
  // At version 1 without ns_log, migration 2's INSERT into it fails.
  PrepareAt(config_, kModule, 1);
  absl::Status st = server_->Execute("DROP TABLE ns_log", Db(kModule));
  ASSERT_TRUE(st.ok()) << st;
  NotifyListener listener;
  testing::CommandResult r = RunWithStream("stderr", listener);
  ASSERT_NE(r.exit_code, 0) << r.out << r.err;
  std::vector<std::string> entries = listener.Datagrams();
  ASSERT_EQ(entries.size(), 1u) << r.out << r.err;
  EXPECT_THAT(entries[0], AllOf(StartsWith("MESSAGE=notifyslow: FAIL, "),
                                HasSubstr("\nPRIORITY=3\n"), HasSubstr("\nAOS_OUTCOME=failed\n"),
                                HasSubstr("\nAOS_MODULE=notifyslow\n"),
                                HasSubstr("\nAOS_VERSION=1\n"), HasSubstr("\nAOS_STEP=1->2\n")))
      << entries[0];
}

TEST_F(JournalFieldsTest, NothingIsSentWhenStderrIsNotTheJournal) {
  for (const std::string stream : {"", "1:1", "garbage"}) {
    SCOPED_TRACE(absl::StrCat("JOURNAL_STREAM '", stream, "'"));
    NotifyListener listener;
    testing::CommandResult r = RunWithStream(stream, listener);
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_THAT(listener.Datagrams(), IsEmpty());
  }
  EXPECT_EQ(RecordedVersion(kModule), "2");
}

}  // namespace
}  // namespace aos::e2e
