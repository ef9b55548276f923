// The percentage read from pt-online-schema-change's progress lines, which
// the run reports as a typed fraction (progress_event.h).
#include "core/engine/ddl/online_alter.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::engine {
namespace {

using ::testing::Eq;
using ::testing::Optional;

TEST(PtOscCopyPercentTest, ReadsTheCopysPercentage) {
  EXPECT_THAT(PtOscCopyPercent("Copying `aos`.`events`:  45% 00:30 remain"), Optional(Eq(45)));
  EXPECT_THAT(PtOscCopyPercent("Copying `aos`.`events`:   0% 01:02:03 remain"), Optional(Eq(0)));
  EXPECT_THAT(PtOscCopyPercent("Copying `aos`.`events`: 100% 00:00 remain"), Optional(Eq(100)));
  // A '%' in the table's name is not the percentage.
  EXPECT_THAT(PtOscCopyPercent("Copying `aos`.`a% b`:  7% 05:00 remain"), Optional(Eq(7)));
}

TEST(PtOscCopyPercentTest, OtherLinesGiveNone) {
  EXPECT_EQ(PtOscCopyPercent("Copying approximately 2000000 rows..."), std::nullopt);
  EXPECT_EQ(PtOscCopyPercent("Copied rows OK."), std::nullopt);
  EXPECT_EQ(PtOscCopyPercent("Copying `aos`.`t`: % 00:30 remain"), std::nullopt);
  EXPECT_EQ(PtOscCopyPercent("Copying `aos`.`t`:  1234% 00:30 remain"), std::nullopt);
  EXPECT_EQ(PtOscCopyPercent("Pausing because Threads_running=30."), std::nullopt);
  EXPECT_EQ(PtOscCopyPercent(""), std::nullopt);
}

}  // namespace
}  // namespace aos::engine
