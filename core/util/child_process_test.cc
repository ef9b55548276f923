// child_process_test.cc: real children, forked and exec'd: how they end,
// what they write, deadlines, their process groups and their grandchildren.
#include "core/util/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::util {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Sized for a loaded 2-core machine.
constexpr absl::Duration kPrompt = absl::Seconds(20);

void WriteText(int fd, const std::string& text) {
  (void)!write(fd, text.data(), text.size());
}

[[noreturn]] void SleepThenExit(int seconds) {
  sleep(seconds);
  _exit(0);
}

// Makes the test process the reaper of its orphaned descendants, so that it
// can see how a grandchild ended.
class ScopedSubreaper {
 public:
  ScopedSubreaper() { prctl(PR_SET_CHILD_SUBREAPER, 1); }
  ~ScopedSubreaper() { prctl(PR_SET_CHILD_SUBREAPER, 0); }
};

// Waits (up to kPrompt) for `pid`, a child of ours, to end; its status.
// One still running is killed and reaped (nothing is left to the next
// tests) and reported as nullopt.
std::optional<int> WaitForExit(pid_t pid) {
  absl::Time deadline = absl::Now() + kPrompt;
  int status;
  while (absl::Now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) return status;
    absl::SleepFor(absl::Milliseconds(10));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  return std::nullopt;
}

// Every line the child writes, to the end of its pipe.
std::vector<std::string> AllLines(ChildProcess& child, std::string* rest) {
  std::vector<std::string> lines;
  EXPECT_TRUE(child.ReadLines(
      absl::Now() + kPrompt,
      [&](absl::string_view line) { lines.emplace_back(line); }, rest));
  return lines;
}

TEST(ChildProcessTest, ChildThatExitsGivesItsStatusOnce) {
  absl::StatusOr<ChildProcess> child =
      ChildProcess::Fork([](int) { _exit(7); });
  ASSERT_TRUE(child.ok()) << child.status();
  int status = child->Reap();
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 7);
  EXPECT_TRUE(child->HasExited());
  EXPECT_EQ(child->Reap(), status);  // no second waitpid: the same status
  EXPECT_EQ(waitpid(child->pid(), nullptr, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD);
}

TEST(ChildProcessTest, ChildKilledByASignalSaysWhich) {
  absl::StatusOr<ChildProcess> child = ChildProcess::Fork([](int) {
    signal(SIGTERM, SIG_DFL);
    raise(SIGTERM);
  });
  ASSERT_TRUE(child.ok()) << child.status();
  int status = child->Reap();
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGTERM);
  EXPECT_EQ(SignalText(SIGSEGV), "signal 11 (SIGSEGV)");
}

TEST(ChildProcessTest, HasExitedLeavesTheChildUnreaped) {
  absl::StatusOr<ChildProcess> child = ChildProcess::Fork([](int) {});
  ASSERT_TRUE(child.ok()) << child.status();
  absl::Time deadline = absl::Now() + kPrompt;
  while (!child->HasExited() && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  ASSERT_TRUE(child->HasExited());
  siginfo_t info{};
  ASSERT_EQ(waitid(P_PID, child->pid(), &info, WEXITED | WNOHANG | WNOWAIT), 0);
  EXPECT_EQ(info.si_pid, child->pid());  // still there to be reaped
  EXPECT_TRUE(WIFEXITED(child->Reap()));
}

// A child that outlives its deadline, and the grandchild it left holding
// its pipe: the deadline ends the reading, and KillGroup ends both.
TEST(ChildProcessTest, PastItsDeadlineTheWholeGroupIsKilled) {
  ScopedSubreaper subreaper;
  absl::StatusOr<ChildProcess> child = ChildProcess::Fork([](int fd) {
    pid_t grandchild = fork();
    if (grandchild == 0) SleepThenExit(30);
    WriteText(fd, absl::StrCat(grandchild, "\n"));
    SleepThenExit(30);
  });
  ASSERT_TRUE(child.ok()) << child.status();
  std::vector<std::string> lines;
  std::string rest;
  absl::Time start = absl::Now();
  EXPECT_FALSE(child->ReadLines(
      start + absl::Seconds(1),
      [&](absl::string_view line) { lines.emplace_back(line); }, &rest));
  EXPECT_GE(absl::Now() - start, absl::Seconds(1));
  child->KillGroup();
  int status = child->Reap();
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  ASSERT_EQ(lines.size(), 1u);
  pid_t grandchild = 0;
  ASSERT_TRUE(absl::SimpleAtoi(lines[0], &grandchild)) << lines[0];
  std::optional<int> ended = WaitForExit(grandchild);
  ASSERT_TRUE(ended.has_value()) << "the grandchild is still alive";
  EXPECT_TRUE(WIFSIGNALED(*ended) && WTERMSIG(*ended) == SIGKILL);
  EXPECT_EQ(kill(grandchild, 0), -1);
  EXPECT_EQ(errno, ESRCH);
}

// A child dies with its parent, even in a group of its own.
TEST(ChildProcessTest, ChildDiesWithItsParent) {
  ScopedSubreaper subreaper;
  absl::StatusOr<ChildProcess> parent = ChildProcess::Fork([](int fd) {
    absl::StatusOr<ChildProcess> child = ChildProcess::Fork([](int up) {
      WriteText(up, "up");
      SleepThenExit(30);
    });
    if (!child.ok()) _exit(2);
    // Up: past its start, where a parent gone already ends it (exit 1).
    ChildProcess* self[] = {&*child};
    std::string up;
    while (child->Read(&up) != ChildProcess::ReadState::kClosed && up.empty()) {
      (void)WaitForOutput(self, absl::Now() + kPrompt);
    }
    WriteText(fd, absl::StrCat(child->pid(), "\n"));
    _exit(0);  // without killing or reaping its child
  });
  ASSERT_TRUE(parent.ok()) << parent.status();
  std::string rest;
  std::vector<std::string> lines = AllLines(*parent, &rest);
  EXPECT_TRUE(WIFEXITED(parent->Reap()));
  ASSERT_EQ(lines.size(), 1u);
  pid_t orphan = 0;
  ASSERT_TRUE(absl::SimpleAtoi(lines[0], &orphan)) << lines[0];
  std::optional<int> ended = WaitForExit(orphan);
  ASSERT_TRUE(ended.has_value()) << "the orphan is still alive";
  EXPECT_TRUE(WIFSIGNALED(*ended) && WTERMSIG(*ended) == SIGKILL);
}

TEST(ChildProcessTest, DestroyingAChildKillsAndReapsIt) {
  pid_t pid = -1;
  {
    absl::StatusOr<ChildProcess> child =
        ChildProcess::Fork([](int) { SleepThenExit(30); });
    ASSERT_TRUE(child.ok()) << child.status();
    pid = child->pid();
  }
  EXPECT_EQ(waitpid(pid, nullptr, WNOHANG), -1);  // reaped: no zombie
  EXPECT_EQ(errno, ECHILD);
}

TEST(ChildProcessTest, ProcessGroupOfItsOwnOrOurs) {
  auto group_report = [](int fd) {
    WriteText(fd, getpgrp() == getpid() ? "leader\n" : "member\n");
  };
  absl::StatusOr<ChildProcess> own = ChildProcess::Fork(group_report);
  ASSERT_TRUE(own.ok()) << own.status();
  std::string rest;
  EXPECT_THAT(AllLines(*own, &rest), ElementsAre("leader"));
  ChildOptions in_ours;
  in_ours.own_process_group = false;
  absl::StatusOr<ChildProcess> ours = ChildProcess::Fork(group_report, in_ours);
  ASSERT_TRUE(ours.ok()) << ours.status();
  EXPECT_THAT(AllLines(*ours, &rest), ElementsAre("member"));
}

TEST(ChildProcessTest, StdoutCanGoToStderr) {
  auto report = [](int fd) {
    struct stat out, err;
    fstat(STDOUT_FILENO, &out);
    fstat(STDERR_FILENO, &err);
    bool same = out.st_dev == err.st_dev && out.st_ino == err.st_ino;
    WriteText(fd, same ? "same\n" : "apart\n");
  };
  ChildOptions to_stderr;
  to_stderr.stdout_to_stderr = true;
  absl::StatusOr<ChildProcess> child = ChildProcess::Fork(report, to_stderr);
  ASSERT_TRUE(child.ok()) << child.status();
  std::string rest;
  EXPECT_THAT(AllLines(*child, &rest), ElementsAre("same"));
}

TEST(ChildProcessTest, ReadsAnExecdProgramsLinesFromStdoutAndStderr) {
  absl::StatusOr<ChildProcess> child = ChildProcess::Exec(
      {"/bin/sh", "-c",
       "printf 'one\\ntwo\\n'; echo err >&2; cat; printf 'no newline'"});
  ASSERT_TRUE(child.ok()) << child.status();
  std::string rest;
  // `cat` ends at once: stdin is /dev/null.
  EXPECT_THAT(AllLines(*child, &rest), ElementsAre("one", "two", "err"));
  EXPECT_EQ(rest, "no newline");
  EXPECT_EQ(child->fd(), -1);
  int status = child->Reap();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

// A file open here, close-on-exec, that the program reads as /dev/fd/N.
class InheritedFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/child_process_test.XXXXXX";
    fd_ = mkostemp(name, O_CLOEXEC);
    ASSERT_GE(fd_, 0);
    unlink(name);
    WriteText(fd_, "secret\n");
  }
  void TearDown() override { close(fd_); }
  int fd_ = -1;
};

TEST_F(InheritedFileTest, ExecKeepsTheDescriptorsItIsGiven) {
  ChildOptions keeps;
  keeps.inherited_fds = {fd_};
  absl::StatusOr<ChildProcess> child =
      ChildProcess::Exec({"/bin/cat", absl::StrCat("/dev/fd/", fd_)}, keeps);
  ASSERT_TRUE(child.ok()) << child.status();
  std::string rest;
  EXPECT_THAT(AllLines(*child, &rest), ElementsAre("secret"));
  EXPECT_EQ(child->Reap(), 0);
}

TEST_F(InheritedFileTest, ExecClosesTheOthers) {
  absl::StatusOr<ChildProcess> child =
      ChildProcess::Exec({"/bin/cat", absl::StrCat("/dev/fd/", fd_)});
  ASSERT_TRUE(child.ok()) << child.status();
  std::string rest;
  AllLines(*child, &rest);  // cat's complaint
  int status = child->Reap();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 0);
}

TEST(ChildProcessTest, WithoutADescriptorLeftThePipeFailureIsTyped) {
  // No descriptor can be opened past the lowest free one.
  const int lowest = dup(0);
  ASSERT_GE(lowest, 0);
  close(lowest);
  rlimit saved;
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
  rlimit low = saved;
  low.rlim_cur = static_cast<rlim_t>(lowest);
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
  absl::StatusOr<ChildProcess> child = ChildProcess::Fork([](int) {});
  setrlimit(RLIMIT_NOFILE, &saved);
  ASSERT_FALSE(child.ok());
  EXPECT_EQ(child.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(std::string(child.status().message()),
              ::testing::StartsWith("cannot create a pipe: "));
}

TEST(ChildProcessTest, AProgramThatCannotRunExits127) {
  absl::StatusOr<ChildProcess> child =
      ChildProcess::Exec({"/nonexistent/program"});
  ASSERT_TRUE(child.ok()) << child.status();
  std::string rest;
  EXPECT_THAT(AllLines(*child, &rest), IsEmpty());
  EXPECT_EQ(rest, "");
  int status = child->Reap();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 127);
}

TEST(ChildProcessTest, WaitForOutputNamesTheChildrenWithBytes) {
  absl::StatusOr<ChildProcess> quiet =
      ChildProcess::Fork([](int) { SleepThenExit(30); });
  absl::StatusOr<ChildProcess> talks = ChildProcess::Fork([](int fd) {
    WriteText(fd, "hi");
    SleepThenExit(30);
  });
  ASSERT_TRUE(quiet.ok() && talks.ok());
  ChildProcess* both[] = {&*quiet, &*talks};
  absl::StatusOr<std::vector<size_t>> ready =
      WaitForOutput(both, absl::Now() + kPrompt);
  ASSERT_TRUE(ready.ok()) << ready.status();
  EXPECT_THAT(*ready, ElementsAre(1));
  std::string bytes;
  EXPECT_EQ(talks->Read(&bytes), ChildProcess::ReadState::kMore);
  EXPECT_EQ(bytes, "hi");
  EXPECT_EQ(talks->Read(&bytes), ChildProcess::ReadState::kEmpty);
  absl::Time start = absl::Now();
  ready = WaitForOutput(both, start + absl::Milliseconds(200));
  ASSERT_TRUE(ready.ok()) << ready.status();
  EXPECT_THAT(*ready, IsEmpty());
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(200));
}

}  // namespace
}  // namespace aos::util
