#include "tools/testing/command_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"

extern char** environ;

namespace aos::testing {

namespace {

using Clock = std::chrono::steady_clock;

// Milliseconds from now until `t`, for poll(): 0 once it has passed, at
// most a minute (poll is simply called again).
int MillisecondsUntil(Clock::time_point t) {
  auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(t - Clock::now());
  if (ms.count() <= 0) return 0;
  constexpr int64_t kMaxMs = 60 * 1000;
  return static_cast<int>(std::min<int64_t>(ms.count(), kMaxMs));
}

}  // namespace

CommandResult RunCommand(const std::vector<std::string>& argv,
                         const std::vector<std::string>& env,
                         std::chrono::seconds time_limit) {
  CommandResult result;
  int out_pipe[2], err_pipe[2];
  // O_CLOEXEC: only the dup2'ed 1 and 2 reach the child, so a daemon it
  // starts cannot hold our pipes open.
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
    return result;
  }
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) env_strings.push_back(*e);
  for (const std::string& e : env) env_strings.push_back(e);
  std::vector<char*> envp;
  for (std::string& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
  posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
  // A group of its own, so that a run over its time limit can be killed
  // with everything it forked (the tool's module processes).
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid;
  int rc =
      posix_spawnp(&pid, args[0], &actions, &attr, args.data(), envp.data());
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (rc != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    result.err = absl::StrCat("cannot run ", argv[0]);
    return result;
  }
  const Clock::time_point deadline = Clock::now() + time_limit;
  // After the kill, what is left in the pipes is read for a few seconds
  // more; a process that left the group may hold them open for longer.
  constexpr std::chrono::seconds kDrainAfterKill{5};
  Clock::time_point drain_until = deadline;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_fds = 2;
  while (open_fds > 0) {
    Clock::time_point wake = result.timed_out ? drain_until : deadline;
    int ready = poll(fds, 2, MillisecondsUntil(wake));
    if (ready < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (ready == 0 && Clock::now() < wake) continue;  // the one-minute cap
    if (ready == 0 && !result.timed_out) {
      kill(-pid, SIGKILL);
      result.timed_out = true;
      drain_until = Clock::now() + kDrainAfterKill;
      continue;
    }
    if (ready == 0) break;  // drained as long as we wait
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      char buf[4096];
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, n);
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  for (pollfd& fd : fds) {
    if (fd.fd >= 0) close(fd.fd);
  }
  // A program may close its output and still run: the limit holds here too.
  int status = 0;
  while (true) {
    pid_t done = waitpid(pid, &status, result.timed_out ? 0 : WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR)) break;
    if (done == 0 && Clock::now() >= deadline) {
      kill(-pid, SIGKILL);
      result.timed_out = true;
    } else if (done == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  if (result.timed_out) {
    absl::StrAppend(&result.err, "\n[command_runner] ", argv[0],
                    " was still running after its time limit of ",
                    time_limit.count(), " s: its process group was killed\n");
  }
  return result;
}

StartedCommand StartInNewProcessGroup(const std::vector<std::string>& argv) {
  StartedCommand started;
  std::string dir = NewTempDir("started.");
  started.out_path = dir + "/stdout";
  started.err_path = dir + "/stderr";
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, started.out_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, started.err_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);  // a new group, led by the child
  pid_t pid;
  int rc = posix_spawnp(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  if (rc == 0) started.pid = pid;
  return started;
}

CommandResult KillProcessGroup(const StartedCommand& command, int sig) {
  CommandResult result;
  if (command.pid <= 0) return result;
  kill(-command.pid, sig);
  int status = 0;
  while (waitpid(command.pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  result.out = ReadFile(command.out_path);
  result.err = ReadFile(command.err_path);
  return result;
}

std::string Runfile(const std::string& path) {
  const char* srcdir = std::getenv("TEST_SRCDIR");
  const char* workspace = std::getenv("TEST_WORKSPACE");
  if (srcdir && workspace) return absl::StrCat(srcdir, "/", workspace, "/", path);
  return path;
}

std::string NewTempDir(const std::string& prefix) {
  const char* t = std::getenv("TEST_TMPDIR");
  std::string pattern = absl::StrCat(t && *t ? t : "/tmp", "/", prefix, "XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) std::abort();
  chmod(pattern.c_str(), 0755);
  return pattern;
}

void CopyInto(const std::vector<std::string>& files, const std::string& dir) {
  for (const std::string& f : files) {
    std::string target = absl::StrCat(dir, "/", f.substr(f.rfind('/') + 1));
    std::ifstream in(f, std::ios::binary);
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    out << in.rdbuf();
    out.close();
    chmod(target.c_str(), 0755);
  }
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  chmod(path.c_str(), 0600);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace aos::testing
