#include "core/engine/isolation/isolated_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <mutex>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "core/engine/isolation/child_protocol.h"
#include "core/engine/isolation/parallel_tasks.h"

namespace aos::engine {
namespace {

// How often the parent looks for children that have exited: a child's pipe
// may stay open after its exit (a descendant holds it) or never close.
constexpr absl::Duration kExitCheckInterval = absl::Milliseconds(20);
// Reads of a dead child's pipe: more than a pipe holds, fewer than forever
// (a process that escaped the group could write on it without end).
constexpr int kMaxDrainReads = 64;
constexpr char kKeepsVersion[] =
    "; the database keeps the last recorded version";

// A child running one job, as the parent sees it.
struct Child {
  size_t job = 0;
  pid_t pid = -1;  // also the id of its process group
  int fd = -1;     // the read end of its pipe; -1 once closed
  absl::Time deadline = absl::InfiniteFuture();
  ChildStreamDecoder decoder;
  std::string last_progress = "starting";
  std::optional<report::ModuleResult> result;
  std::string unreadable;  // what was wrong with its stream, if anything
  std::string stopped;     // how the parent stopped it, if it did
};

bool WriteAll(int fd, absl::string_view data) {
  while (!data.empty()) {
    ssize_t n = write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(n);
  }
  return true;
}

// The child's whole life: the job, its result on the pipe, exit.
[[noreturn]] void RunChild(const ModuleJob& job, int fd) {
  setpgid(0, 0);  // before anything it runs can start a process
  // The report is the parent's: whatever plugin code prints goes to stderr.
  dup2(STDERR_FILENO, STDOUT_FILENO);
  if (job.run_raw_for_testing) {
    job.run_raw_for_testing(fd);
  } else {
    std::mutex one_at_a_time;  // a statement's progress poll has a thread
    auto progress = [fd, &one_at_a_time](const ProgressEvent& e) {
      using K = ProgressEvent::Kind;
      std::lock_guard<std::mutex> lock(one_at_a_time);
      WriteAll(fd, e.kind == K::kLockWait   ? EncodeLockWait(e.text)
                   : e.kind == K::kFraction ? EncodeFraction(e.done, e.total, e.text)
                                            : EncodeProgress(e.text));
    };
    WriteAll(fd, EncodeResult(job.run(progress)));
  }
  _exit(0);
}

report::ModuleResult Failure(std::string error) {
  report::ModuleResult r;
  r.ok = false;
  r.error = std::move(error);
  return r;
}

std::string ErrnoText(absl::string_view what, int error) {
  return absl::StrCat(what, ": ", strerror(error));
}

// How a child without a usable result ended, as "<process> ... while".
std::string DescribeEnd(const Child& c, int status) {
  if (!c.unreadable.empty()) {
    return absl::StrCat("wrote an unreadable result (", c.unreadable, ")");
  }
  if (!c.stopped.empty()) return c.stopped;
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    const char* name = sigabbrev_np(sig);
    const std::string signal =
        absl::StrCat("signal ", sig, " (SIG", name ? name : "?", ")");
    // The tool stops a child only past its time limit (`stopped`); a
    // signal no fault raises came from outside: an operator, the OOM killer.
    if (sig == SIGKILL || sig == SIGTERM || sig == SIGINT || sig == SIGHUP ||
        sig == SIGQUIT || sig == SIGUSR1 || sig == SIGUSR2) {
      return absl::StrCat("was killed by ", signal,
                          " from outside the tool (an operator, or the "
                          "kernel's OOM killer)");
    }
    return absl::StrCat("crashed with ", signal);
  }
  absl::Status stream = c.decoder.Finish();
  if (WEXITSTATUS(status) == 0 && !stream.ok()) {
    return absl::StrCat("wrote an unreadable result (", stream.message(), ")");
  }
  return absl::StrCat("exited with status ", WEXITSTATUS(status),
                      " without reporting a result");
}

report::ModuleResult ChildOutcome(const Child& c, const ModuleJob& job,
                                  int status) {
  if (c.result && c.unreadable.empty()) return *c.result;
  return Failure(absl::StrCat("the ", job.module_id, " plugin's process ",
                              DescribeEnd(c, status), " while ",
                              c.last_progress, kKeepsVersion));
}

void KillGroup(const Child& c) { kill(-c.pid, SIGKILL); }

// True once `pid` has exited; leaves it unreaped, so that its process group
// id cannot be reused before the group is killed.
bool HasExited(pid_t pid) {
  siginfo_t info;
  info.si_pid = 0;
  if (waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    return errno != EINTR;  // ECHILD: nothing left to wait for
  }
  return info.si_pid != 0;
}

// One call of RunIsolated.
class IsolatedRun {
 public:
  IsolatedRun(const std::vector<ModuleJob>& jobs, int max_parallel, RunObservers watch)
      : jobs_(jobs),
        max_parallel_(std::max(max_parallel, 1)),
        watch_(std::move(watch)),
        outcomes_(jobs.size()) {}

  std::vector<report::ModuleResult> Run() {
    RunSettledChecks();
    while (true) {
      StartChildren();
      if (running_.empty()) break;
      absl::Status watched = WatchChildren();
      if (!watched.ok()) {
        StopAll(watched);
        break;
      }
      StopOverdue();
      ReapExited();
      if (watch_.tick) watch_.tick();
    }
    return AssembleResults();
  }

 private:
  enum class ReadState { kMore, kEmpty, kClosed };

  void RunSettledChecks();
  void StartChildren();
  absl::Status StartChild(size_t job);
  absl::Status WatchChildren();
  int PollTimeoutMs() const;
  ReadState ReadOnce(Child& c);
  void Consume(Child& c, absl::string_view bytes);
  void StopOverdue();
  void ReapExited();
  void Finish(Child& c);
  void StopAll(const absl::Status& why);
  std::vector<report::ModuleResult> AssembleResults();

  const std::vector<ModuleJob>& jobs_;
  const int max_parallel_;
  const RunObservers watch_;
  // Per job: its result (from its settled check or its child), or why it has
  // none; stamped with the job's names only by AssembleResults.
  std::vector<std::optional<report::ModuleResult>> outcomes_;
  std::vector<Child> running_;
  size_t next_ = 0;  // the next job to consider starting
};

// All settled checks, before the first fork: their threads end first.
void IsolatedRun::RunSettledChecks() {
  std::vector<size_t> checked;
  for (size_t i = 0; i < jobs_.size(); ++i) {
    if (jobs_[i].settled) checked.push_back(i);
  }
  RunParallelTasks(checked.size(), max_parallel_, [&](size_t k) {
    outcomes_[checked[k]] = jobs_[checked[k]].settled();
  });
}

void IsolatedRun::StartChildren() {
  while (next_ < jobs_.size() &&
         running_.size() < static_cast<size_t>(max_parallel_)) {
    size_t job = next_++;
    if (outcomes_[job]) continue;  // answered by its settled check
    absl::Status started = StartChild(job);
    if (!started.ok()) outcomes_[job] = Failure(std::string(started.message()));
  }
}

absl::Status IsolatedRun::StartChild(size_t job) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    return absl::InternalError(ErrnoText("cannot create a pipe", errno));
  }
  // Nothing buffered here may be written a second time by the child.
  fflush(stdout);
  fflush(stderr);
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) {
    // A run killed from outside (kill -9 of its process group, which the
    // child has left) takes its module's child with it, step and all.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    close(fds[0]);
    for (const Child& other : running_) close(other.fd);
    RunChild(jobs_[job], fds[1]);
  }
  int fork_error = errno;
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    return absl::InternalError(ErrnoText("cannot start a process", fork_error));
  }
  setpgid(pid, pid);  // the child does too: whichever comes first
  fcntl(fds[0], F_SETFL, O_NONBLOCK);
  Child child;
  child.job = job;
  child.pid = pid;
  child.fd = fds[0];
  child.deadline = absl::Now() + jobs_[job].time_limit;
  running_.push_back(std::move(child));
  return absl::OkStatus();
}

// Waits for bytes from the children, a deadline or the next exit check, and
// reads what came. An error only when the children cannot be watched.
absl::Status IsolatedRun::WatchChildren() {
  std::vector<pollfd> polls;
  std::vector<size_t> owners;
  for (size_t i = 0; i < running_.size(); ++i) {
    if (running_[i].fd < 0) continue;
    polls.push_back({running_[i].fd, POLLIN, 0});
    owners.push_back(i);
  }
  if (poll(polls.data(), polls.size(), PollTimeoutMs()) < 0) {
    if (errno == EINTR) return absl::OkStatus();
    return absl::InternalError(ErrnoText("poll", errno));
  }
  for (size_t k = 0; k < polls.size(); ++k) {
    if (polls[k].revents != 0) ReadOnce(running_[owners[k]]);
  }
  return absl::OkStatus();
}

int IsolatedRun::PollTimeoutMs() const {
  absl::Duration wait = kExitCheckInterval;
  absl::Time now = absl::Now();
  for (const Child& c : running_) wait = std::min(wait, c.deadline - now);
  wait = std::max(wait, absl::ZeroDuration());
  return static_cast<int>(
      absl::ToInt64Milliseconds(absl::Ceil(wait, absl::Milliseconds(1))));
}

IsolatedRun::ReadState IsolatedRun::ReadOnce(Child& c) {
  if (c.fd < 0) return ReadState::kClosed;
  char buf[1 << 16];
  ssize_t n = read(c.fd, buf, sizeof buf);
  if (n > 0) {
    Consume(c, absl::string_view(buf, n));
    return ReadState::kMore;
  }
  if (n < 0 && errno == EINTR) return ReadState::kMore;
  if (n < 0 && errno == EAGAIN) return ReadState::kEmpty;
  close(c.fd);  // the end of the stream, or a pipe that cannot be read
  c.fd = -1;
  return ReadState::kClosed;
}

void IsolatedRun::Consume(Child& c, absl::string_view bytes) {
  if (!c.unreadable.empty()) return;  // nothing it says counts any more
  std::vector<ChildMessage> messages;
  absl::Status status = c.decoder.Feed(bytes, &messages);
  for (ChildMessage& m : messages) {
    if (m.kind == ChildMessage::Kind::kProgress) {
      if (!m.fraction) c.last_progress = m.progress;  // a fraction is of it
      using K = ProgressEvent::Kind;
      K kind = m.fraction ? K::kFraction : m.lock_wait ? K::kLockWait : K::kActivity;
      if (watch_.progress) watch_.progress(c.job, {kind, m.progress, m.done, m.total});
    } else if (c.result) {
      status = absl::DataLossError("it sent a second result");
      break;
    } else {
      c.result = std::move(m.result);
    }
  }
  if (status.ok()) return;
  // The stream cannot be followed past garbage: the child cannot be heard
  // any more, so it must not be left running.
  c.unreadable = std::string(status.message());
  KillGroup(c);
}

void IsolatedRun::StopOverdue() {
  absl::Time now = absl::Now();
  for (Child& c : running_) {
    if (!c.stopped.empty() || now < c.deadline) continue;
    c.stopped = absl::StrFormat("was stopped after %g s (its time limit)",
                                absl::ToDoubleSeconds(jobs_[c.job].time_limit));
    KillGroup(c);
  }
}

void IsolatedRun::ReapExited() {
  for (size_t i = 0; i < running_.size();) {
    if (HasExited(running_[i].pid)) {
      Finish(running_[i]);
      running_.erase(running_.begin() + i);
    } else {
      ++i;
    }
  }
}

// For a child that has exited or was killed: ends what it left running,
// reads what it wrote, reaps it and records its outcome.
void IsolatedRun::Finish(Child& c) {
  KillGroup(c);  // its leader, not reaped yet, keeps the group id reserved
  for (int reads = 0; reads < kMaxDrainReads; ++reads) {
    if (ReadOnce(c) != ReadState::kMore) break;
  }
  if (c.fd >= 0) close(c.fd);
  c.fd = -1;
  int status = 0;
  while (waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
  }
  outcomes_[c.job] = ChildOutcome(c, jobs_[c.job], status);
  if (watch_.ended) watch_.ended(c.job, *outcomes_[c.job]);
}

// The children cannot be watched: none is left running or unreaped, and no
// job is left without a row.
void IsolatedRun::StopAll(const absl::Status& why) {
  std::string reason =
      absl::StrCat("was stopped because the runner could not watch it (",
                   why.message(), ")");
  for (Child& c : running_) {
    if (c.stopped.empty()) c.stopped = reason;
    Finish(c);
  }
  running_.clear();
  for (; next_ < jobs_.size(); ++next_) {
    if (outcomes_[next_]) continue;
    outcomes_[next_] = Failure(absl::StrCat(
        "the ", jobs_[next_].module_id,
        " module was not run: the runner could not watch its processes (",
        why.message(), ")"));
  }
}

std::vector<report::ModuleResult> IsolatedRun::AssembleResults() {
  std::vector<report::ModuleResult> results;
  results.reserve(jobs_.size());
  for (size_t i = 0; i < jobs_.size(); ++i) {
    report::ModuleResult r =
        outcomes_[i] ? *std::move(outcomes_[i])
                     : Failure(
                           "the runner has no result for this module "
                           "(a bug in aos-db-migrate)");
    // The one place a row gets its module's names, whatever the settled
    // check or the child put there.
    r.module_id = jobs_[i].module_id;
    r.display_name = jobs_[i].display_name;
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace

std::vector<report::ModuleResult> RunIsolated(const std::vector<ModuleJob>& jobs, int max_parallel,
                                              RunObservers observers) {
  return IsolatedRun(jobs, max_parallel, std::move(observers)).Run();
}

}  // namespace aos::engine
