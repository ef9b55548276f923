#include "core/engine/isolation/isolated_runner.h"

#include <signal.h>
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
#include "core/util/child_process.h"

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
  Child(size_t job, util::ChildProcess process)
      : job(job), process(std::move(process)) {}

  size_t job = 0;
  util::ChildProcess process;  // its own process group's leader
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

// How a child without a usable result ended, as "<process> ... while".
std::string DescribeEnd(const Child& c, int status) {
  if (!c.unreadable.empty()) {
    return absl::StrCat("wrote an unreadable result (", c.unreadable, ")");
  }
  if (!c.stopped.empty()) return c.stopped;
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    const std::string signal = util::SignalText(sig);
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
  using ReadState = util::ChildProcess::ReadState;

  void RunSettledChecks();
  void StartChildren();
  absl::Status StartChild(size_t job);
  absl::Status WatchChildren();
  absl::Time NextWake() const;
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

// A run killed from outside (kill -9 of its process group, which the child
// has left) takes its module's child with it, step and all.
absl::Status IsolatedRun::StartChild(size_t job) {
  util::ChildOptions options;
  // The report is the parent's: whatever plugin code prints goes to stderr.
  options.stdout_to_stderr = true;
  absl::StatusOr<util::ChildProcess> process = util::ChildProcess::Fork(
      [&](int fd) {
        for (const Child& other : running_) close(other.process.fd());
        RunChild(jobs_[job], fd);
      },
      options);
  if (!process.ok()) return process.status();
  Child child(job, *std::move(process));
  child.deadline = absl::Now() + jobs_[job].time_limit;
  running_.push_back(std::move(child));
  return absl::OkStatus();
}

// Waits for bytes from the children, a deadline or the next exit check, and
// reads what came. An error only when the children cannot be watched.
absl::Status IsolatedRun::WatchChildren() {
  std::vector<util::ChildProcess*> processes;
  for (Child& c : running_) processes.push_back(&c.process);
  absl::StatusOr<std::vector<size_t>> readable =
      util::WaitForOutput(processes, NextWake());
  if (!readable.ok()) return readable.status();
  for (size_t i : *readable) ReadOnce(running_[i]);
  return absl::OkStatus();
}

// The next exit check, or a child's deadline if one comes first.
absl::Time IsolatedRun::NextWake() const {
  absl::Time wake = absl::Now() + kExitCheckInterval;
  for (const Child& c : running_) wake = std::min(wake, c.deadline);
  return wake;
}

// Reads once what the child wrote (the end of its stream, or a pipe that
// cannot be read, closes it).
IsolatedRun::ReadState IsolatedRun::ReadOnce(Child& c) {
  std::string bytes;
  ReadState state = c.process.Read(&bytes);
  if (!bytes.empty()) Consume(c, bytes);
  return state;
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
  c.process.KillGroup();
}

void IsolatedRun::StopOverdue() {
  absl::Time now = absl::Now();
  for (Child& c : running_) {
    if (!c.stopped.empty() || now < c.deadline) continue;
    c.stopped = absl::StrFormat("was stopped after %g s (its time limit)",
                                absl::ToDoubleSeconds(jobs_[c.job].time_limit));
    c.process.KillGroup();
  }
}

void IsolatedRun::ReapExited() {
  for (size_t i = 0; i < running_.size();) {
    if (running_[i].process.HasExited()) {
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
  c.process.KillGroup();  // its leader, unreaped, keeps the group id reserved
  for (int reads = 0; reads < kMaxDrainReads; ++reads) {
    if (ReadOnce(c) != ReadState::kMore) break;
  }
  c.process.CloseOutput();
  int status = c.process.Reap();
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
