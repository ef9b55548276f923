#include "cli/e2e/process_helpers.h"

#include <signal.h>
#include <sys/wait.h>

#include <cerrno>
#include <thread>

#include "absl/strings/str_join.h"
#include "gtest/gtest.h"

namespace aos::e2e {
namespace {

constexpr std::chrono::milliseconds kPollInterval{100};

}  // namespace

Deadline SecondsFromNow(int seconds) {
  return std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
}

testing::CommandResult RunCommandOrFail(const std::vector<std::string>& argv,
                                        const std::vector<std::string>& env,
                                        std::chrono::seconds time_limit) {
  testing::CommandResult r = testing::RunCommand(argv, env, time_limit);
  if (r.timed_out) {
    ADD_FAILURE() << "still running after " << time_limit.count()
                  << " s, killed with its process group: "
                  << absl::StrJoin(argv, " ") << "\n--- stdout:\n"
                  << r.out << "--- stderr:\n"
                  << r.err;
  }
  return r;
}

bool WaitFor(absl::FunctionRef<bool()> condition, Deadline deadline) {
  while (true) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(kPollInterval);
  }
}

testing::CommandResult WaitForExit(const testing::StartedCommand& started,
                                   Deadline deadline, bool* ended) {
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    pid_t done = waitpid(started.pid, &status, WNOHANG);
    if (done == started.pid) {
      testing::CommandResult r;
      if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
      if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
      r.out = testing::ReadFile(started.out_path);
      r.err = testing::ReadFile(started.err_path);
      *ended = true;
      return r;
    }
    if (done < 0 && errno != EINTR) break;
    std::this_thread::sleep_for(kPollInterval);
  }
  *ended = false;
  return testing::KillProcessGroup(started, SIGKILL);
}

}  // namespace aos::e2e
