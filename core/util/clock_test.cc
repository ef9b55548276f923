#include "core/util/clock.h"

#include "gtest/gtest.h"

namespace aos::util {
namespace {

TEST(NowUtc, IsDateSpaceTimeToTheSecond) {
  std::string now = NowUtc();
  ASSERT_EQ(now.size(), 19u) << now;
  EXPECT_EQ(now[4], '-');
  EXPECT_EQ(now[7], '-');
  EXPECT_EQ(now[10], ' ');
  EXPECT_EQ(now[13], ':');
  EXPECT_EQ(now[16], ':');
}

}  // namespace
}  // namespace aos::util
