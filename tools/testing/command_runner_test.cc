// RunCommand's time limit: a program still running then is killed with
// everything in its process group, and the result says so.
#include "tools/testing/command_runner.h"

#include <signal.h>

#include <chrono>
#include <string>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::testing {
namespace {

using ::testing::HasSubstr;

// True while `pid` is a live process: not gone, not a zombie.
bool Alive(int pid) {
  std::string stat = ReadFile(absl::StrCat("/proc/", pid, "/stat"));
  size_t paren = stat.rfind(')');  // "pid (comm) STATE ..."
  return paren != std::string::npos && paren + 2 < stat.size() &&
         stat[paren + 2] != 'Z';
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

TEST(RunCommandTest, CapturesOutputAndExitCode) {
  CommandResult r = RunCommand({"sh", "-c", "echo out; echo err >&2; exit 3"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.signal, 0);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.err, "err\n");
}

TEST(RunCommandTest, ProgramOverItsLimitIsKilledWithItsGroup) {
  // The child of the shell writes its pid, then both sleep far beyond the
  // limit.
  std::string pid_file = NewTempDir("limit.") + "/child.pid";
  auto start = std::chrono::steady_clock::now();
  CommandResult r = RunCommand({"sh", "-c",
                                absl::StrCat("sleep 120 & echo $! > ", pid_file,
                                             "; echo started; sleep 120")},
                               {}, std::chrono::seconds(1));
  EXPECT_LT(SecondsSince(start), 20);
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.signal, SIGKILL);
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_EQ(r.out, "started\n");
  EXPECT_THAT(r.err, HasSubstr("sh was still running after its time limit of "
                               "1 s: its process group was killed"));
  int child = 0;
  ASSERT_TRUE(
      absl::SimpleAtoi(absl::StripSuffix(ReadFile(pid_file), "\n"), &child));
  // Killed with the group: gone once it is reaped, a zombie until then.
  for (int i = 0; i < 50 && Alive(child); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_FALSE(Alive(child)) << "the background child " << child << " lives on";
}

TEST(RunCommandTest, LimitHoldsForAProgramThatClosedItsOutput) {
  auto start = std::chrono::steady_clock::now();
  CommandResult r = RunCommand({"sh", "-c", "exec >/dev/null 2>&1; sleep 120"},
                               {}, std::chrono::seconds(1));
  EXPECT_LT(SecondsSince(start), 20);
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.signal, SIGKILL);
}

}  // namespace
}  // namespace aos::testing
