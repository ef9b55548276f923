// command_runner.h: runs a program for end-to-end tests, to completion
// under a time limit or in the background in a process group of its own,
// and captures what it printed and how it ended. No test framework here
// (aos-plugin-check links it): a test's own helpers turn an overrun into a
// test failure (cli/e2e/process_helpers.h).
#ifndef AOS_TOOLS_TESTING_COMMAND_RUNNER_H_
#define AOS_TOOLS_TESTING_COMMAND_RUNNER_H_

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace aos::testing {

struct CommandResult {
  int exit_code = -1;    // -1 when killed by a signal
  int signal = 0;
  bool timed_out = false;  // killed by RunCommand at its time limit
  std::string out;       // stdout
  std::string err;       // stderr
};

// How long RunCommand lets a program run unless told otherwise: far beyond
// any single run of the tool in the tests (the slowest sleeps 30 s).
inline constexpr std::chrono::seconds kCommandTimeLimit{300};

// argv[0] is a path or a name on PATH. `env` entries ("K=V") are added to
// the inherited environment. The program runs in a process group of its own;
// if it has not ended after `time_limit`, the whole group is killed
// (SIGKILL), and the result has timed_out set and says so at the end of err.
CommandResult RunCommand(const std::vector<std::string>& argv,
                         const std::vector<std::string>& env = {},
                         std::chrono::seconds time_limit = kCommandTimeLimit);

// A program started in the background, in a process group of its own (the
// group's id is its pid), so that a test can interrupt it and everything it
// forked at once. Its stdout and stderr go to files.
struct StartedCommand {
  pid_t pid = -1;  // -1: it could not be started
  std::string out_path;
  std::string err_path;
};

// Starts argv (argv[0] a path or a name on PATH) as above, stdin /dev/null.
StartedCommand StartInNewProcessGroup(const std::vector<std::string>& argv);

// Sends `sig` to the command's whole process group, waits for the command
// itself and returns how it ended and what it had printed.
CommandResult KillProcessGroup(const StartedCommand& command, int sig);

// The path of a file in the test's runfiles, e.g. "cli/aos-db-migrate".
std::string Runfile(const std::string& workspace_relative_path);

// A new empty directory under TEST_TMPDIR, mode 0755.
std::string NewTempDir(const std::string& prefix);

// Copies files into `dir` (mode 0755), keeping their base names.
void CopyInto(const std::vector<std::string>& files, const std::string& dir);

// Writes `text` to `path`, mode 0600.
void WriteFile(const std::string& path, const std::string& text);
std::string ReadFile(const std::string& path);

}  // namespace aos::testing

#endif  // AOS_TOOLS_TESTING_COMMAND_RUNNER_H_
