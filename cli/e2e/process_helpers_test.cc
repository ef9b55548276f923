// The waiting helpers: a command over its time limit fails the test, a
// condition is polled until its deadline, a started command that does not
// end in time is killed.
#include "cli/e2e/process_helpers.h"

#include <signal.h>

#include <chrono>

#include "gmock/gmock.h"
#include "gtest/gtest-spi.h"
#include "gtest/gtest.h"

namespace aos::e2e {
namespace {

TEST(RunCommandOrFailTest, ACommandOverItsLimitFailsTheTest) {
  testing::CommandResult r;
  EXPECT_NONFATAL_FAILURE(
      r = RunCommandOrFail({"sleep", "120"}, {}, std::chrono::seconds(1)),
      "still running after 1 s, killed with its process group: sleep 120");
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.signal, SIGKILL);
}

TEST(RunCommandOrFailTest, ACommandInTimeIsJustRun) {
  testing::CommandResult r = RunCommandOrFail({"sh", "-c", "echo hi; exit 4"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.out, "hi\n");
  EXPECT_FALSE(r.timed_out);
}

TEST(WaitForTest, TrueOnceTheConditionHoldsFalseAtTheDeadline) {
  int calls = 0;
  EXPECT_TRUE(WaitFor([&] { return ++calls == 3; }, SecondsFromNow(10)));
  EXPECT_EQ(calls, 3);
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(WaitFor([] { return false; }, SecondsFromNow(1)));
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  // A deadline already past still asks once.
  EXPECT_TRUE(WaitFor([] { return true; }, SecondsFromNow(-1)));
}

TEST(WaitForExitTest, EndedOrKilled) {
  bool ended = false;
  testing::StartedCommand quick =
      testing::StartInNewProcessGroup({"sh", "-c", "echo done; exit 2"});
  ASSERT_GT(quick.pid, 0);
  testing::CommandResult r = WaitForExit(quick, SecondsFromNow(30), &ended);
  EXPECT_TRUE(ended);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "done\n");

  testing::StartedCommand slow =
      testing::StartInNewProcessGroup({"sleep", "120"});
  ASSERT_GT(slow.pid, 0);
  r = WaitForExit(slow, SecondsFromNow(1), &ended);
  EXPECT_FALSE(ended);
  EXPECT_EQ(r.signal, SIGKILL);
}

}  // namespace
}  // namespace aos::e2e
