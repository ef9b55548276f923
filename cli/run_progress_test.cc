// The progress a run shows: a module's words (activity, fraction, ETA),
// the lines on stderr with and without a terminal, and what systemd is
// sent and when; all on a clock the test moves.
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

TEST(ModuleProgressTest, AFractionGivesAPercentageAndAnEta) {
  ModuleProgress p;
  TakeEvent(p, Activity("upgrading 9 -> 10 (backfill)"), kStart);
  EXPECT_EQ(DescribeProgress(p, kStart), "upgrading 9 -> 10 (backfill)");
  TakeEvent(p, engine::Fraction(25, 100), kStart + absl::Seconds(10));
  // A quarter in the activity's first 10 s: 30 s left then, 20 s at 20 s.
  EXPECT_EQ(DescribeProgress(p, kStart + absl::Seconds(20)),
            "upgrading 9 -> 10 (backfill): 25%, ETA 20s");
  EXPECT_EQ(DescribeElapsed(p, kStart + absl::Seconds(20)), "20.0 s");
  TakeEvent(p, engine::Fraction(1200, 2000000, "rows"), kStart + absl::Seconds(20));
  EXPECT_THAT(DescribeProgress(p, kStart + absl::Seconds(20)),
              HasSubstr("backfill): 1,200 of 2,000,000 rows (0%), ETA 9h15m"));
  // Past its estimate: no ETA; nothing done yet: none either.
  TakeEvent(p, engine::Fraction(2100, 2000, "rows"), kStart + absl::Seconds(30));
  EXPECT_EQ(DescribeProgress(p, kStart + absl::Seconds(30)),
            "upgrading 9 -> 10 (backfill): 2,100 of 2,000 rows (100%)");
  TakeEvent(p, engine::Fraction(0, 100), kStart + absl::Seconds(30));
  EXPECT_EQ(DescribeProgress(p, kStart + absl::Seconds(30)),
            "upgrading 9 -> 10 (backfill): 0%");
  // A new activity drops the old fraction.
  TakeEvent(p, Activity("upgrading 10 -> 11 (index)"), kStart + absl::Seconds(40));
  EXPECT_EQ(DescribeProgress(p, kStart + absl::Seconds(40)), "upgrading 10 -> 11 (index)");
  TakeEnd(p, true, kStart + absl::Seconds(45));
  EXPECT_EQ(DescribeProgress(p, kStart + absl::Seconds(99)), "OK");
  EXPECT_EQ(DescribeElapsed(p, kStart + absl::Seconds(99)), "45.0 s");
}

// With two reports of the same count, the pace is theirs, whatever came
// before them in the activity.
TEST(ModuleProgressTest, EtaTakesThePaceBetweenReports) {
  ModuleProgress p;
  TakeEvent(p, Activity("upgrading 9 -> 10 (copy)"), kStart);
  TakeEvent(p, engine::Fraction(10, 100), kStart + absl::Seconds(100));
  TakeEvent(p, engine::Fraction(30, 100), kStart + absl::Seconds(110));
  // 20 points in 10 s: 70 left, 35 s at 110 s, 30 s at 115 s.
  EXPECT_EQ(DescribeProgress(p, kStart + absl::Seconds(115)),
            "upgrading 9 -> 10 (copy): 30%, ETA 30s");
  EXPECT_EQ(DescribeProgress(p, kStart + absl::Seconds(500)),
            "upgrading 9 -> 10 (copy): 30%, ETA 0s");
  // Another count starts its own pace.
  TakeEvent(p, engine::Fraction(50, 1000, "rows"), kStart + absl::Seconds(120));
  EXPECT_EQ(DescribeProgress(p, kStart + absl::Seconds(120)),
            "upgrading 9 -> 10 (copy): 50 of 1,000 rows (5%), ETA 38m00s");
}

TEST(ModuleProgressTest, EtaIsShort) {
  EXPECT_EQ(FormatEta(absl::Seconds(0)), "0s");
  EXPECT_EQ(FormatEta(absl::Milliseconds(44100)), "45s");
  EXPECT_EQ(FormatEta(absl::Seconds(80)), "1m20s");
  EXPECT_EQ(FormatEta(absl::Hours(2) + absl::Minutes(5)), "2h05m");
  EXPECT_EQ(FormatEta(-absl::Seconds(3)), "0s");
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
                                "EXTEND_TIMEOUT_USEC=600000000",
                                "STATUS=finished: 1 OK, 0 FAIL"));
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
  EXPECT_EQ(h.sent[2], "STATUS=journal: waiting for the migration lock held by b: 5 of 10 rows (50%), ETA 0s");
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
  EXPECT_EQ(h.err.str(), "\x1b[1F\x1b[2Kaos-db-migrate: dashboard: upgrading 9 -> 10 (x) (1.2 s)\n");
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
