// A run under systemd (issue 28): the test listens on a NOTIFY_SOCKET of
// its own, runs the built aos-db-migrate over a step that takes a while,
// and hears STATUS= naming the module and its step, EXTEND_TIMEOUT_USEC=,
// and the run's last status; without the variable it hears nothing. The
// -f json report of the same run gives each step's time.
#include <stdlib.h>

#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/notify_listener.h"
#include "cli/e2e/report_parser.h"
#include "nlohmann/json.hpp"

namespace aos::e2e {
namespace {

using ::testing::Contains;
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

}  // namespace
}  // namespace aos::e2e
