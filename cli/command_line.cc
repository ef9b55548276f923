#include "cli/command_line.h"

#include <set>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/config/tool_config.h"

ABSL_FLAG(bool, help, false, "Show this help and exit.");
ABSL_FLAG(bool, list, false, "List the modules whose databases can be migrated.");
ABSL_FLAG(std::vector<std::string>, names, {},
          "Only these modules (module ids, space separated after -n).");
ABSL_FLAG(std::string, migration, "",
          "Migrate the one module named with -n to this version (upgrade or "
          "rollback).");
ABSL_FLAG(bool, verbose, false, "Show the detailed error of a failed module.");
ABSL_FLAG(std::string, config, aos::config::kDefaultConfigPath,
          "The configuration file.");
ABSL_FLAG(std::string, plugin_dir, "",
          "Directory of module plugins (overrides the config's plugin_dir).");
ABSL_FLAG(std::string, mark_version, "",
          "Repair: record this version for the one module named with -n, "
          "applying nothing.");
ABSL_FLAG(std::string, lock_timeout, "",
          "Seconds to wait for another run's lock on a module (default 300).");
ABSL_FLAG(int32_t, workers, 4, "Modules migrated at the same time.");
ABSL_FLAG(std::string, format, "table", "Output format: table, json or value.");
ABSL_FLAG(bool, status, false,
          "Per module: current and latest version, pending steps, any "
          "interrupted step. Applies nothing.");
ABSL_FLAG(bool, migrations, false,
          "Per module: every migration and whether it is applied.");
ABSL_FLAG(bool, dry_run, false,
          "Print the statements that would run, per module and step. "
          "Applies nothing.");

namespace aos::cli {
namespace {

absl::Status Usage(absl::string_view message) {
  return absl::InvalidArgumentError(message);
}

// --migration 26: a whole number >= 0.
absl::StatusOr<int64_t> ParseVersion(absl::string_view flag,
                                     const std::string& value) {
  int64_t v = 0;
  if (value.empty() || !absl::SimpleAtoi(value, &v) || v < 0 ||
      value.find_first_not_of("0123456789") != std::string::npos) {
    return Usage(absl::StrCat("--", flag, " takes a version number (a whole "
                              "number, 0 or more), not '", value, "'"));
  }
  return v;
}

// The flag's canonical (absl) name for a spelling on the command line.
std::string CanonicalName(absl::string_view name) {
  if (name == "h") return "help";
  if (name == "l") return "list";
  if (name == "n") return "names";
  if (name == "v") return "verbose";
  if (name == "f") return "format";
  std::string out(name);
  for (char& c : out) {
    if (c == '-') c = '_';
  }
  return out;
}

bool IsOurFlag(const std::string& name) {
  static const std::set<std::string> kOurs = {
      "help",   "list",         "names",        "migration", "verbose",
      "config", "plugin_dir", "mark_version", "lock_timeout", "workers",
      "format", "status",     "migrations",   "dry_run"};
  return kOurs.count(name) > 0;
}

bool IsBoolFlag(const std::string& name) {
  return name == "help" || name == "list" || name == "verbose" ||
         name == "status" || name == "migrations" || name == "dry_run";
}

}  // namespace

absl::StatusOr<Request> ParseCommandLine(int argc, char** argv) {
  Request request;
  std::set<std::string> seen_flags;
  std::vector<std::string> names;
  bool names_given = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.size() < 2 || arg[0] != '-') {
      return Usage(absl::StrCat("unexpected argument '", arg,
                                "' (module names follow -n/--names)"));
    }
    std::string spelled = absl::StartsWith(arg, "--") ? arg.substr(2)
                                                      : arg.substr(1);
    std::optional<std::string> value;
    if (size_t eq = spelled.find('='); eq != std::string::npos) {
      value = spelled.substr(eq + 1);
      spelled = spelled.substr(0, eq);
    }
    std::string name = CanonicalName(spelled);
    // Short forms only with one dash, long ones with two.
    bool short_form = spelled.size() == 1;
    if (short_form != !absl::StartsWith(arg, "--") || !IsOurFlag(name) ||
        absl::FindCommandLineFlag(name) == nullptr) {
      return Usage(absl::StrCat("unknown option '", arg, "'"));
    }
    if (name == "names") {
      names_given = true;
      if (value) {
        for (absl::string_view n : absl::StrSplit(*value, ',', absl::SkipEmpty())) {
          names.emplace_back(n);
        }
      }
      // Every following argument that is not an option is a module name.
      while (i + 1 < argc && argv[i + 1][0] != '-') names.emplace_back(argv[++i]);
      continue;
    }
    if (!seen_flags.insert(name).second) {
      return Usage(absl::StrCat("option '", arg, "' given twice"));
    }
    if (IsBoolFlag(name)) {
      if (!value) value = "true";
    } else if (!value) {
      if (i + 1 >= argc) {
        return Usage(absl::StrCat("option '", arg, "' needs a value"));
      }
      value = argv[++i];
    }
    std::string error;
    if (!absl::FindCommandLineFlag(name)->ParseFrom(*value, &error)) {
      return Usage(absl::StrCat("option '", arg, "': ", error));
    }
  }
  request.help = absl::GetFlag(FLAGS_help);
  request.list = absl::GetFlag(FLAGS_list);
  request.verbose = absl::GetFlag(FLAGS_verbose);
  request.config_path = absl::GetFlag(FLAGS_config);
  request.config_given = seen_flags.count("config") > 0;
  request.workers = absl::GetFlag(FLAGS_workers);
  request.format = absl::GetFlag(FLAGS_format);
  request.status = absl::GetFlag(FLAGS_status);
  request.migrations = absl::GetFlag(FLAGS_migrations);
  request.dry_run = absl::GetFlag(FLAGS_dry_run);
  if (request.format != "table" && request.format != "json" &&
      request.format != "value") {
    return Usage(absl::StrCat("-f/--format takes table, json or value, not '",
                              request.format, "'"));
  }
  if (request.workers < 1) return Usage("--workers must be 1 or more");
  if (std::string dir = absl::GetFlag(FLAGS_plugin_dir); !dir.empty()) {
    request.plugin_dir = dir;
  }
  if (seen_flags.count("lock_timeout")) {
    int seconds = 0;
    if (!absl::SimpleAtoi(absl::GetFlag(FLAGS_lock_timeout), &seconds) ||
        seconds < 0) {
      return Usage("--lock-timeout takes a whole number of seconds");
    }
    request.lock_timeout = seconds;
  }
  if (request.help) return request;

  std::set<std::string> unique;
  for (const std::string& n : names) {
    if (unique.insert(n).second) request.names.push_back(n);
  }
  if (names_given && request.names.empty()) {
    return Usage("-n/--names needs at least one module name");
  }
  if (seen_flags.count("migration")) {
    absl::StatusOr<int64_t> v =
        ParseVersion("migration", absl::GetFlag(FLAGS_migration));
    if (!v.ok()) return v.status();
    request.migration = *v;
  }
  if (seen_flags.count("mark_version")) {
    absl::StatusOr<int64_t> v =
        ParseVersion("mark-version", absl::GetFlag(FLAGS_mark_version));
    if (!v.ok()) return v.status();
    request.mark_version = *v;
  }
  for (const char* flag : {"migration", "mark_version"}) {
    if (!seen_flags.count(flag)) continue;
    std::string shown = flag == std::string("migration") ? "--migration"
                                                         : "--mark-version";
    if (request.names.size() != 1) {
      return Usage(absl::StrCat(
          shown, " applies to exactly one module, named with -n (it is "
                 "impossible for several modules at once)"));
    }
  }
  if (request.migration && request.mark_version) {
    return Usage("--migration and --mark-version cannot be combined");
  }
  if (request.list && (names_given || request.migration || request.mark_version)) {
    return Usage("--list only lists; it cannot be combined with -n, "
                 "--migration or --mark-version");
  }
  int views = request.list + request.status + request.migrations +
              request.dry_run + request.mark_version.has_value();
  if (views > 1) {
    return Usage("choose one of --list, --status, --migrations, --dry-run "
                 "and --mark-version");
  }
  return request;
}

std::string HelpText() {
  return R"(usage: openstack aos db migrate [-h] [-l] [-n MODULE_NAMES [MODULE_NAMES ...]]
                                 [--migration MIGRATION_VERSION] [-v]

Brings the databases of the AccentOS modules to their latest schema version,
or one module to a given version (upgrade or rollback).

options:
  -h, --help            Help output.
  -l, --list            Lists all modules supported migration databases.
  -n, --names MODULE_NAMES [MODULE_NAMES ...]
                        Outputting the result for specific modules, names
                        separated by spaces. Default: every module.
  --migration MIGRATION_VERSION
                        Database migration version for the one module named
                        with -n (upgrade or rollback; 0 = empty).
  -v, --verbose         Detailed message about a database migration error.

aos-db-migrate options:
  --config PATH         Configuration file (default /etc/aos/db-migrate.conf).
  --plugin-dir PATH     Directory of module plugins (default from the config,
                        else /usr/lib/aos/db-migrate/plugins).
  --mark-version N      Repair: record version N for the one module named
                        with -n after fixing its database by hand; applies
                        nothing.
  --lock-timeout SECONDS
                        How long to wait for another run that holds a
                        module's lock (default 300).
  --workers N           Modules migrated at the same time (default 4).
  -f, --format {table,json,value}
                        Output format (default table, the spec's).
  --status              Per module: current and latest version, pending
                        steps and any interrupted step. Applies nothing.
  --migrations          Per module: every migration, and whether it is
                        applied. Applies nothing.
  --dry-run             The statements that would run, per module and step,
                        in order. Applies nothing.

Exit status: 0 every module OK, 1 some module FAIL, 2 usage or configuration
error (nothing was run).
)";
}

}  // namespace aos::cli
