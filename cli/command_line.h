// command_line.h: the command's arguments, as the spec names them, parsed
// into a Request. Flags are absl flags; the spec's short forms (-h, -l, -n,
// -v) and its "-n NAME NAME ..." (several names after one flag) are
// accepted too.
#ifndef AOS_CLI_COMMAND_LINE_H_
#define AOS_CLI_COMMAND_LINE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace aos::cli {

struct Request {
  bool help = false;
  bool list = false;
  bool verbose = false;
  std::vector<std::string> names;  // as given, repeats removed
  std::optional<int64_t> migration;
  std::optional<int64_t> mark_version;
  std::string config_path;
  bool config_given = false;
  std::optional<std::string> plugin_dir;
  std::optional<int> lock_timeout;
  int workers = 4;
  std::string format = "table";  // -f: table, json or value
  bool status = false;           // --status: report, apply nothing
  bool migrations = false;       // --migrations: every migration, applied?
  bool dry_run = false;          // --dry-run: the statements that would run
};

// Fails (a usage error: nothing may run) with a message for the operator.
absl::StatusOr<Request> ParseCommandLine(int argc, char** argv);

// The --help text.
std::string HelpText();

}  // namespace aos::cli

#endif  // AOS_CLI_COMMAND_LINE_H_
