#include "core/util/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

extern char** environ;

namespace aos::util {
namespace {

absl::Status ErrnoError(absl::string_view what, int error) {
  return absl::InternalError(absl::StrCat(what, ": ", strerror(error)));
}

// A child that could not be started: what failed is told by the code
// (child_process.h), the system's reason by the message.
absl::Status PipeError(int error) {
  return absl::ResourceExhaustedError(
      absl::StrCat("cannot create a pipe: ", strerror(error)));
}

absl::Status ForkError(int error) {
  return absl::UnavailableError(
      absl::StrCat("cannot start a process: ", strerror(error)));
}

// What every child does first, right after the fork. A run killed from
// outside (kill -9 of its process group, which the child may have left)
// takes the child with it; a parent gone already is noticed here.
void StartChildSide(pid_t parent, bool own_group, int exit_if_orphaned) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(exit_if_orphaned);
  // Before anything it runs can start a process.
  if (own_group) setpgid(0, 0);
}

// The parent's side of a fork that returned `pid` (errno kept from it).
absl::StatusOr<pid_t> AfterFork(pid_t pid, int fds[2], bool own_group) {
  int fork_error = errno;
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    return ForkError(fork_error);
  }
  if (own_group) setpgid(pid, pid);  // the child does too: whichever first
  fcntl(fds[0], F_SETFL, O_NONBLOCK);
  return pid;
}

// The exec'd child: its descriptors set, then the program.
[[noreturn]] void ExecChild(std::vector<char*>& argv, int write_end,
                            const ChildOptions& options) {
  int null = open("/dev/null", O_RDONLY);
  if (null >= 0) dup2(null, STDIN_FILENO);
  dup2(write_end, STDOUT_FILENO);
  dup2(write_end, STDERR_FILENO);
  // dup2 onto itself keeps close-on-exec: a pipe that got 1 or 2 must stay.
  fcntl(STDOUT_FILENO, F_SETFD, 0);
  fcntl(STDERR_FILENO, F_SETFD, 0);
  for (int fd : options.inherited_fds) fcntl(fd, F_SETFD, 0);
  execve(argv[0], argv.data(), environ);
  _exit(127);
}

}  // namespace

absl::StatusOr<ChildProcess> ChildProcess::Fork(
    const std::function<void(int pipe_fd)>& body, const ChildOptions& options) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    return PipeError(errno);
  }
  // Nothing buffered here may be written a second time by the child.
  fflush(stdout);
  fflush(stderr);
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) {
    StartChildSide(parent, options.own_process_group, 1);
    close(fds[0]);
    if (options.stdout_to_stderr) dup2(STDERR_FILENO, STDOUT_FILENO);
    body(fds[1]);
    _exit(0);
  }
  absl::StatusOr<pid_t> started = AfterFork(pid, fds, options.own_process_group);
  if (!started.ok()) return started.status();
  return ChildProcess(*started, fds[0], options.own_process_group);
}

absl::StatusOr<ChildProcess> ChildProcess::Exec(
    const std::vector<std::string>& argv, const ChildOptions& options) {
  std::vector<std::string> args = argv;  // execve's argv is not const
  std::vector<char*> pointers;
  for (std::string& a : args) pointers.push_back(a.data());
  pointers.push_back(nullptr);
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    return PipeError(errno);
  }
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) {
    StartChildSide(parent, options.own_process_group, 127);
    ExecChild(pointers, fds[1], options);
  }
  absl::StatusOr<pid_t> started = AfterFork(pid, fds, options.own_process_group);
  if (!started.ok()) return started.status();
  return ChildProcess(*started, fds[0], options.own_process_group);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      fd_(std::exchange(other.fd_, -1)),
      own_group_(other.own_group_),
      reaped_(other.reaped_),
      status_(other.status_) {}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    End();
    pid_ = std::exchange(other.pid_, -1);
    fd_ = std::exchange(other.fd_, -1);
    own_group_ = other.own_group_;
    reaped_ = other.reaped_;
    status_ = other.status_;
  }
  return *this;
}

ChildProcess::~ChildProcess() { End(); }

void ChildProcess::End() {
  if (pid_ > 0 && !reaped_) {
    KillGroup();
    Reap();
  }
  CloseOutput();
}

ChildProcess::ReadState ChildProcess::Read(std::string* bytes) {
  if (fd_ < 0) return ReadState::kClosed;
  char buf[1 << 16];
  ssize_t n = read(fd_, buf, sizeof buf);
  if (n > 0) {
    bytes->append(buf, n);
    return ReadState::kMore;
  }
  if (n < 0 && errno == EINTR) return ReadState::kMore;
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
    return ReadState::kEmpty;
  }
  CloseOutput();  // the end of the stream, or a pipe that cannot be read
  return ReadState::kClosed;
}

bool ChildProcess::ReadLines(
    absl::Time deadline,
    const std::function<void(absl::string_view line)>& on_line,
    std::string* rest) {
  ChildProcess* self[] = {this};
  while (fd_ >= 0) {
    ReadState state = Read(rest);
    for (size_t end; (end = rest->find('\n')) != std::string::npos;) {
      on_line(absl::string_view(*rest).substr(0, end));
      rest->erase(0, end + 1);
    }
    if (state != ReadState::kEmpty) continue;
    if (absl::Now() >= deadline) return false;
    if (!WaitForOutput(self, deadline).ok()) CloseOutput();
  }
  return true;
}

void ChildProcess::CloseOutput() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
}

bool ChildProcess::HasExited() const {
  if (pid_ <= 0 || reaped_) return true;
  siginfo_t info;
  info.si_pid = 0;
  if (waitid(P_PID, pid_, &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    return errno != EINTR;  // ECHILD: nothing left to wait for
  }
  return info.si_pid != 0;
}

void ChildProcess::KillGroup() {
  // Unreaped, the child keeps its pid (the group's id) from being reused.
  if (pid_ <= 0 || reaped_) return;
  kill(own_group_ ? -pid_ : pid_, SIGKILL);
}

int ChildProcess::Reap() {
  if (pid_ <= 0 || reaped_) return status_;
  int status = 0;
  pid_t waited;
  while ((waited = waitpid(pid_, &status, 0)) < 0 && errno == EINTR) {
  }
  reaped_ = true;
  status_ = waited == pid_ ? status : 0;
  return status_;
}

absl::StatusOr<std::vector<size_t>> WaitForOutput(
    absl::Span<ChildProcess* const> children, absl::Time deadline) {
  std::vector<pollfd> polls;
  std::vector<size_t> owners;
  for (size_t i = 0; i < children.size(); ++i) {
    if (children[i]->fd() < 0) continue;
    polls.push_back({children[i]->fd(), POLLIN, 0});
    owners.push_back(i);
  }
  int timeout_ms = -1;
  if (deadline != absl::InfiniteFuture()) {
    absl::Duration wait = std::max(deadline - absl::Now(), absl::ZeroDuration());
    timeout_ms = static_cast<int>(
        absl::ToInt64Milliseconds(absl::Ceil(wait, absl::Milliseconds(1))));
  }
  std::vector<size_t> readable;
  if (poll(polls.data(), polls.size(), timeout_ms) < 0) {
    if (errno == EINTR) return readable;
    return ErrnoError("poll", errno);
  }
  for (size_t k = 0; k < polls.size(); ++k) {
    if (polls[k].revents != 0) readable.push_back(owners[k]);
  }
  return readable;
}

std::string SignalText(int signal) {
  const char* name = sigabbrev_np(signal);
  return absl::StrCat("signal ", signal, " (SIG", name ? name : "?", ")");
}

}  // namespace aos::util
