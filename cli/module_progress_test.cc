// A module's progress in words: its activity, a fraction's percentage and
// ETA, its time; on a clock the test moves.
#include "cli/module_progress.h"

#include <string>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::cli {
namespace {

using engine::ProgressEvent;
using ::testing::HasSubstr;

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
  EXPECT_EQ(DescribeProgress(p, kStart + absl::Seconds(30)), "upgrading 9 -> 10 (backfill): 0%");
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

}  // namespace
}  // namespace aos::cli
