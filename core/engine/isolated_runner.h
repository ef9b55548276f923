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
#ifndef AOS_CORE_ENGINE_ISOLATED_RUNNER_H_
#define AOS_CORE_ENGINE_ISOLATED_RUNNER_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/report/module_result.h"

namespace aos::engine {

struct ModuleJob {
  std::string module_id;
  std::string display_name;
  // Runs in the child; reports what it is doing through `progress`.
  std::function<report::ModuleResult(
      const std::function<void(const std::string&)>& progress)>
      run;
  // Optional, runs in the parent (on a thread of its own): the job's result
  // when it can be given without running the job, else nullopt. Must not
  // run plugin code.
  std::function<std::optional<report::ModuleResult>()> settled;
};

// Called in the parent with the index of a job and what it reports doing.
using ProgressObserver =
    std::function<void(size_t job, const std::string& what)>;

std::vector<report::ModuleResult> RunIsolated(
    const std::vector<ModuleJob>& jobs, int max_parallel,
    const ProgressObserver& observer = nullptr);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_ISOLATED_RUNNER_H_
