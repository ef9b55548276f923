// child_process.h: the one way the tool starts a child process, watches it
// and ends it (the module runner, the plugin loader, pt-online-schema-change).
//
// A ChildProcess is started either with a function to run in a fork of this
// process (Fork) or with a program to exec (Exec). Either way the child
// dies with this process (PR_SET_PDEATHSIG: no step goes on unwatched after
// a killed run), is by default the leader of a process group of its own (so
// that what it leaves running can be killed with it), and has a pipe back:
// a forked child writes on the descriptor its function is given; an exec'd
// program's stdout and stderr are that pipe. The parent reads the pipe
// without blocking (Read), waits on it with a deadline (WaitForOutput, over
// several children at once, or ReadLines), kills the whole group (KillGroup)
// and reaps the child exactly once (Reap; the destructor kills and reaps a
// child nobody reaped: none is left a zombie).
//
// HasExited tells of an exit without reaping, so that the group's id (the
// child's pid) cannot be reused before KillGroup ends what the child left.
// Start children with no other thread running (fork).
#ifndef AOS_CORE_UTIL_CHILD_PROCESS_H_
#define AOS_CORE_UTIL_CHILD_PROCESS_H_

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"

namespace aos::util {

struct ChildOptions {
  // Leader of a process group of its own; else in this process's group
  // (KillGroup then kills the child alone).
  bool own_process_group = true;
  // Fork only: the child's stdout goes to its stderr (what it prints never
  // mixes with the parent's report on stdout).
  bool stdout_to_stderr = false;
  // Exec only: descriptors the program keeps open across exec (their
  // close-on-exec flag is cleared in the child), at the same numbers.
  std::vector<int> inherited_fds;
};

class ChildProcess {
 public:
  // Runs `body(pipe_fd)` in a fork of this process, then _exit(0) (body may
  // exit itself). Errors: kResourceExhausted "cannot create a pipe: ..."
  // and kUnavailable "cannot start a process: ..." (with the system's
  // reason).
  static absl::StatusOr<ChildProcess> Fork(
      const std::function<void(int pipe_fd)>& body,
      const ChildOptions& options = {});
  // Runs the program at the path argv[0] (no PATH lookup) with `argv`, this
  // process's environment, stdin from /dev/null and stdout and stderr on
  // the pipe. A program that cannot be run exits with status 127. Errors as
  // for Fork.
  static absl::StatusOr<ChildProcess> Exec(const std::vector<std::string>& argv,
                                           const ChildOptions& options = {});

  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  // Kills the group and reaps a child that was not reaped yet.
  ~ChildProcess();

  // The child's pid (also its group's id when it has a group of its own).
  pid_t pid() const { return pid_; }
  // The pipe's read end (non-blocking), for poll; -1 once closed.
  int fd() const { return fd_; }

  enum class ReadState {
    kMore,    // bytes were read (or the read was interrupted): read again
    kEmpty,   // nothing to read now
    kClosed,  // the pipe ended (or cannot be read): fd() is now -1
  };
  // One read of what the pipe holds, appended to `*bytes`.
  ReadState Read(std::string* bytes);
  // Reads the pipe to its end (every holder of its write end gone), waiting
  // up to `deadline`: each line ended by '\n' goes to on_line without it;
  // what follows the last '\n' is left in `*rest`. False if the deadline
  // came first.
  bool ReadLines(absl::Time deadline,
                 const std::function<void(absl::string_view line)>& on_line,
                 std::string* rest);
  // Closes the pipe's read end.
  void CloseOutput();

  // True once the child has exited (or cannot be waited for); it is left
  // unreaped.
  bool HasExited() const;
  // SIGKILL to the child's process group (to the child alone if it has
  // none of its own). Nothing once it is reaped.
  void KillGroup();
  // Waits for the child to end and reaps it (the first call); its wait
  // status (<sys/wait.h>), on every call.
  int Reap();

 private:
  ChildProcess(pid_t pid, int fd, bool own_group)
      : pid_(pid), fd_(fd), own_group_(own_group) {}
  // Kills and reaps an unreaped child, closes the pipe.
  void End();

  pid_t pid_ = -1;
  int fd_ = -1;
  bool own_group_ = true;
  bool reaped_ = false;
  int status_ = 0;
};

// Waits until the pipe of one of `children` has bytes or has ended, or until
// `deadline`; the indexes (in `children`) of those whose pipes can be read.
// Children whose pipes are closed are skipped. Interrupted by a signal: none.
// An error ("poll: ...") only when the pipes cannot be watched.
absl::StatusOr<std::vector<size_t>> WaitForOutput(
    absl::Span<ChildProcess* const> children, absl::Time deadline);

// "signal 11 (SIGSEGV)": how the tool names a signal that ended a child.
std::string SignalText(int signal);

}  // namespace aos::util

#endif  // AOS_CORE_UTIL_CHILD_PROCESS_H_
