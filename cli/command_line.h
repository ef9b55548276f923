// command_line.h: the command's arguments, as the spec names them, parsed
// into a Request. Every option is one row of option_table.cc, which the
// parser, --help (help_text.h) and the option names in messages read; the
// spec's short forms (-h, -l, -n, -v) and its "-n NAME NAME ..." (several
// names after one flag) are accepted. Parsing keeps no state between calls.
#ifndef AOS_CLI_COMMAND_LINE_H_
#define AOS_CLI_COMMAND_LINE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/config/tool_config.h"
#include "core/engine/run_options.h"

namespace aos::cli {

// What the command does; at most one option that selects a mode may be
// given (--mark-version counts as one).
enum class Mode {
  kMigrate,      // the default: the modules to their latest version, or
                 // the one named to --migration's
  kMarkVersion,  // --mark-version N: record N, apply nothing
  kList,         // --list: the module ids
  kStatus,       // --status: versions, pending and interrupted steps
  kMigrations,   // --migrations: every migration, applied or not
  kDryRun,       // --dry-run: the statements a run would execute
  kCheck,        // --check: what phases of a rolling upgrade are pending
  kForgetController,  // --forget-controller HOST: out of the registries
  kAcceptDrift,  // --accept-drift: the present drift recorded as accepted
  kHelp,         // --help, which wins over every other option
};

// -f. Not every mode prints every format: the parser refuses the others.
enum class Format {
  kTable,  // the spec's table (--dry-run: an SQL script; --list: its list)
  kJson,
  kValue,  // one line per module
};

struct Request {
  Mode mode = Mode::kMigrate;
  Format format = Format::kTable;
  bool verbose = false;
  std::vector<std::string> names;  // as given, repeats removed
  // --migration: the version to bring the one named module to (upgrade or
  // rollback); nullopt: the latest.
  std::optional<int64_t> target_version;
  std::optional<int64_t> mark_version;  // --mark-version (Mode::kMarkVersion)
  // --force: --mark-version may discard a step left part-way.
  bool force = false;
  // --resume: go on with a step left part-way even with auto_resume off.
  bool resume = false;
  // --allow-blocking: run DDL that would block on a big table (a
  // maintenance window); --online: run such an ALTER TABLE through
  // pt-online-schema-change (engine/ddl_cost.h).
  bool allow_blocking = false;
  bool online = false;
  // --no-archive: a step's dropped values are not kept (issue 27,
  // engine/run_options.cc).
  bool no_archive = false;
  bool purge_archives = false;  // --purge-archives
  // --expand / --contract: a rolling upgrade's run (engine/rolling_plan.h);
  // neither: the config's upgrade_mode.
  bool expand = false;
  bool contract = false;
  std::string forget_host;  // --forget-controller
  // --on-drift: warn, refuse or ignore, over the config's on_drift (issue
  // 29, engine/drift/drift_policy.h); nullopt: not given.
  std::optional<std::string> on_drift;
  std::string config_path = config::kDefaultConfigPath;
  bool config_given = false;
  std::optional<std::string> plugin_dir;
  std::optional<int> lock_timeout;
  int workers = 4;
};

// Fails (a usage error: nothing may run) with a message for the operator.
absl::StatusOr<Request> ParseCommandLine(int argc, char** argv);

// What the request asks of a run or a view, for the engine to read
// (engine/run_options.h).
engine::RunAsk RunAskOf(const Request& request);

}  // namespace aos::cli

#endif  // AOS_CLI_COMMAND_LINE_H_
