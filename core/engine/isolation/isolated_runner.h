// isolated_runner.h: runs each module's job in a child process of its own,
// several at a time, and collects the results in the order of the jobs.
//
// A plugin's code runs inside its module's child, so a plugin that crashes
// (SIGSEGV, abort()) or exits kills only that child: its module becomes a
// FAIL row that says so and what it was doing, and every other module runs.
// A job may come with a `settled` check that answers without a process: all
// jobs' checks run first, in the parent, on up to max_parallel threads that
// end before the first fork; only the jobs they leave unanswered get a child.
// Call it with no other thread running (it forks).
//
// Each child is the leader of a process group of its own. A module ends when
// its child exits (not when its pipe closes): what the plugin left running
// (`system("sleep 40 &")`) is killed with the group then, so it can hold up
// neither the run nor the pipe. A child that outlives its job's time_limit is
// killed the same way; one that writes bytes the runner cannot read
// (child_protocol.h) is killed at once. Either way its module is a FAIL row
// that says what happened and what the child was doing; no job's row is ever
// left blank, and no child is left unreaped. A child dies with the run
// (PR_SET_PDEATHSIG): a run killed from outside leaves no module's step
// going on behind its back.
#ifndef AOS_CORE_ENGINE_ISOLATION_ISOLATED_RUNNER_H_
#define AOS_CORE_ENGINE_ISOLATION_ISOLATED_RUNNER_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "core/engine/isolation/progress_event.h"
#include "core/report/module_result.h"

namespace aos::engine {

struct ModuleJob {
  std::string module_id;
  std::string display_name;
  // Runs in the child; reports what it is doing through `progress`, which
  // may be called from several threads (one report is written at a time).
  std::function<report::ModuleResult(const ProgressSink& progress)> run;
  // Optional, runs in the parent (on a thread of its own): the job's result
  // when it can be given without running the job, else nullopt. Must not
  // run plugin code.
  std::function<std::optional<report::ModuleResult>()> settled = nullptr;
  // Optional: a child still running this long after its start is stopped
  // (its process group killed); its module FAILs saying so.
  absl::Duration time_limit = absl::InfiniteDuration();
  // For the runner's own tests: when set, runs in the child instead of `run`
  // and may write anything on `pipe_fd`, the pipe the parent decodes.
  std::function<void(int pipe_fd)> run_raw_for_testing = nullptr;
};

// Called in the parent with the index of a job and what it reports doing.
using ProgressObserver =
    std::function<void(size_t job, const ProgressEvent& event)>;

// Called in the parent with the index of a job whose child has ended and
// its result (not yet stamped with the job's names); never for a job its
// settled check answered.
using EndObserver = std::function<void(size_t job, const report::ModuleResult& result)>;

// What the parent is told while the jobs run; each may be empty.
struct RunObservers {
  ProgressObserver progress;
  EndObserver ended;
  // Called about every 20 ms while children run (with nothing to report:
  // for a display that shows time passing).
  std::function<void()> tick;
};

// Runs the jobs, at most max_parallel children at a time (fewer than 1
// counts as 1), and returns one result per job, in the order of the jobs,
// each stamped with its job's module_id and display_name.
std::vector<report::ModuleResult> RunIsolated(const std::vector<ModuleJob>& jobs, int max_parallel,
                                              RunObservers observers);
inline std::vector<report::ModuleResult> RunIsolated(const std::vector<ModuleJob>& jobs,
                                                     int max_parallel,
                                                     const ProgressObserver& observer = nullptr) {
  return RunIsolated(jobs, max_parallel, RunObservers{observer, nullptr, nullptr});
}

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_ISOLATION_ISOLATED_RUNNER_H_
