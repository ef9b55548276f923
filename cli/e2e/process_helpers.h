// process_helpers.h: waiting in the end-to-end tests, always with a limit.
//
//  - RunCommandOrFail: runs a program to completion (testing::RunCommand);
//    one still running at its time limit is killed with its process group
//    and fails the current test, naming the command.
//  - WaitFor: polls a condition until it holds or a deadline passes.
//  - WaitForExit: waits for a program started with
//    testing::StartInNewProcessGroup to end by itself, and kills its group
//    if it has not by the deadline.
//
// Deadlines are points on the steady clock: SecondsFromNow(20).
#ifndef AOS_CLI_E2E_PROCESS_HELPERS_H_
#define AOS_CLI_E2E_PROCESS_HELPERS_H_

#include <chrono>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "tools/testing/command_runner.h"

namespace aos::e2e {

using Deadline = std::chrono::steady_clock::time_point;

// The moment `seconds` from now.
Deadline SecondsFromNow(int seconds);

// Runs argv as testing::RunCommand does (`env` entries "K=V" added to the
// environment). If it is still running after `time_limit`, its process
// group is killed and the test fails with the command line and what it had
// printed; the result then has timed_out set.
testing::CommandResult RunCommandOrFail(
    const std::vector<std::string>& argv,
    const std::vector<std::string>& env = {},
    std::chrono::seconds time_limit = testing::kCommandTimeLimit);

// Calls `condition` every 100 ms until it returns true (then true) or
// `deadline` has passed (then false). It is called at least once.
bool WaitFor(absl::FunctionRef<bool()> condition, Deadline deadline);

// Waits until `deadline` for `started` to end by itself and returns how it
// ended, *ended true. If it is still running then, its whole process group
// is killed (SIGKILL) and *ended is false.
testing::CommandResult WaitForExit(const testing::StartedCommand& started,
                                   Deadline deadline, bool* ended);

}  // namespace aos::e2e

#endif  // AOS_CLI_E2E_PROCESS_HELPERS_H_
