#include "core/util/backoff.h"

#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace aos::util {
namespace {

TEST(BackoffTest, DoublesUpToItsMost) {
  Backoff b(absl::Milliseconds(1), absl::Milliseconds(4));
  EXPECT_EQ(b.pause(), absl::Milliseconds(1));
  b.Wait();
  EXPECT_EQ(b.pause(), absl::Milliseconds(2));
  b.Wait();
  EXPECT_EQ(b.pause(), absl::Milliseconds(4));
  b.Wait();
  EXPECT_EQ(b.pause(), absl::Milliseconds(4));
}

TEST(BackoffTest, AFixedPollStaysFixed) {
  Backoff b(absl::Milliseconds(2), absl::Milliseconds(2));
  b.Wait();
  b.Wait();
  EXPECT_EQ(b.pause(), absl::Milliseconds(2));
}

// A wait never sleeps past the deadline: a pause of an hour with the
// deadline passed returns at once.
TEST(BackoffTest, NeverSleepsPastTheDeadline) {
  Backoff b(absl::Hours(1), absl::Hours(1), absl::Now() - absl::Seconds(1));
  EXPECT_TRUE(b.Expired());
  const absl::Time start = absl::Now();
  b.Wait();
  EXPECT_LT(absl::Now() - start, absl::Minutes(1));
  EXPECT_FALSE(Backoff(absl::Seconds(1), absl::Seconds(1)).Expired());
}

}  // namespace
}  // namespace aos::util
