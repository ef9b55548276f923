// Where a run's progress goes: the lines on stderr with and without a
// terminal, and what systemd is sent and when; on a clock the test moves.
#include "cli/run_progress.h"

#include <sstream>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::cli {
namespace {

using engine::ProgressEvent;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const absl::Time kStart = absl::FromUnixSeconds(1700000000);

ProgressEvent Activity(std::string text) {
  return {ProgressEvent::Kind::kActivity, std::move(text)};
}

TEST(SystemdProgressTest, StatusWhenItChangesExtensionAtMostEveryThirtySeconds) {
  std::vector<std::string> sent;
  SystemdProgress systemd([&](const std::string& m) { sent.push_back(m); });
  systemd.Report("dashboard: connecting", kStart);
  systemd.Report("dashboard: connecting", kStart + absl::Seconds(1));
  systemd.Report("dashboard: upgrading 9 -> 10 (x)", kStart + absl::Seconds(2));
  systemd.Report("dashboard: upgrading 9 -> 10 (x)", kStart + absl::Seconds(30));
  systemd.Finish("finished: 1 OK, 0 FAIL");
  EXPECT_THAT(sent, ElementsAre("STATUS=dashboard: connecting\nEXTEND_TIMEOUT_USEC=600000000",
                                "STATUS=dashboard: upgrading 9 -> 10 (x)",
                                "EXTEND_TIMEOUT_USEC=600000000", "STATUS=finished: 1 OK, 0 FAIL"));
}

struct Harness {
  std::ostringstream err;
  std::vector<std::string> sent;
  absl::Time now = kStart;

  RunProgress::Output Output(bool terminal, bool systemd) {
    RunProgress::Output out;
    out.terminal = terminal;
    out.width = 60;
    out.err = &err;
    if (systemd) out.systemd = [this](const std::string& m) { sent.push_back(m); };
    out.now = [this] { return now; };
    return out;
  }
};

// Without a terminal stderr says only who holds a lock the run waits for,
// as it always has; systemd hears every module.
TEST(RunProgressTest, WithoutATerminalOnlyLockWaitsAreLines) {
  Harness h;
  RunProgress progress({"dashboard", "journal"}, h.Output(false, true));
  progress.OnEvent(0, Activity("connecting"));
  h.now += absl::Milliseconds(1500);
  progress.OnEvent(1, {ProgressEvent::Kind::kLockWait, "waiting for the migration lock held by b"});
  progress.OnEvent(1, engine::Fraction(5, 10, "rows"));
  report::ModuleResult ok;
  ok.ok = true;
  progress.OnEnded(0, ok);
  progress.Finish({ok, report::ModuleResult{}});
  EXPECT_EQ(h.err.str(),
            "aos-db-migrate: journal: waiting for the migration lock held by b (1.5 s)\n");
  ASSERT_EQ(h.sent.size(), 5u);
  EXPECT_EQ(h.sent[0], "STATUS=dashboard: connecting\nEXTEND_TIMEOUT_USEC=600000000");
  EXPECT_EQ(h.sent[1], "STATUS=journal: waiting for the migration lock held by b");
  EXPECT_EQ(h.sent[2],
            "STATUS=journal: waiting for the migration lock held by b: 5 of 10 rows (50%), ETA 0s");
  EXPECT_EQ(h.sent[3], "STATUS=dashboard: OK");
  EXPECT_EQ(h.sent[4], "STATUS=finished: 1 OK, 1 FAIL");
}

// On a terminal: one line per module, redrawn in place, cut short of its
// width (59 of 60 columns).
TEST(RunProgressTest, OnATerminalEachModuleHasOneLine) {
  Harness h;
  RunProgress progress({"dashboard", "journal"}, h.Output(true, false));
  progress.OnEvent(1, Activity("connecting"));
  h.now += absl::Seconds(2);
  progress.OnEvent(0, Activity("upgrading 9 -> 10 (a very long description that goes on)"));
  h.now += absl::Seconds(1);
  progress.OnEvent(1, Activity("upgrading 3 -> 4 (x)"));
  EXPECT_EQ(h.err.str(),
            "\x1b[2Kaos-db-migrate: journal: connecting (0.0 s)\n"
            "\x1b[1F"
            "\x1b[2Kaos-db-migrate: journal: connecting (2.0 s)\n"
            "\x1b[2Kaos-db-migrate: dashboard: upgrading 9 -> 10 (a very long d\n"
            "\x1b[2F"
            "\x1b[2Kaos-db-migrate: journal: upgrading 3 -> 4 (x) (3.0 s)\n"
            "\x1b[2Kaos-db-migrate: dashboard: upgrading 9 -> 10 (a very long d\n");
  EXPECT_THAT(h.sent, IsEmpty());
  progress.Finish({});
  EXPECT_THAT(h.sent, IsEmpty());  // no socket, nothing sent
}

// Between reports the lines are drawn again once a second, their times
// moving; never more often, and not without a terminal.
TEST(RunProgressTest, TicksRedrawOnceASecond) {
  Harness h;
  RunProgress progress({"dashboard"}, h.Output(true, true));
  progress.OnTick();  // nothing shown yet
  EXPECT_EQ(h.err.str(), "");
  progress.OnEvent(0, Activity("upgrading 9 -> 10 (x)"));
  h.err.str("");
  h.now += absl::Milliseconds(500);
  progress.OnTick();
  EXPECT_EQ(h.err.str(), "");
  h.now += absl::Milliseconds(700);
  progress.OnTick();
  EXPECT_EQ(h.err.str(),
            "\x1b[1F\x1b[2Kaos-db-migrate: dashboard: upgrading 9 -> 10 (x) (1.2 s)\n");
  EXPECT_EQ(h.sent.size(), 1u);  // a tick is no report: systemd hears nothing
  Harness plain;
  RunProgress quiet({"dashboard"}, plain.Output(false, false));
  quiet.OnEvent(0, Activity("connecting"));
  plain.now += absl::Seconds(5);
  quiet.OnTick();
  EXPECT_EQ(plain.err.str(), "");
}

}  // namespace
}  // namespace aos::cli
