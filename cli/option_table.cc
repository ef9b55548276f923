#include "cli/option_table.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "cli/mode_formats.h"

namespace aos::cli {
namespace {

absl::Status Usage(absl::string_view message) {
  return absl::InvalidArgumentError(message);
}

absl::Status SelectMode(Mode mode, absl::string_view on, ParseState& state) {
  if (on == kSwitchOn) state.modes.push_back(mode);
  return absl::OkStatus();
}

// --migration 26: a whole number >= 0, digits only.
absl::StatusOr<int64_t> ParseVersion(absl::string_view flag,
                                     absl::string_view value) {
  int64_t v = 0;
  if (value.empty() || !absl::SimpleAtoi(value, &v) || v < 0 ||
      value.find_first_not_of("0123456789") != absl::string_view::npos) {
    return Usage(absl::StrCat(flag,
                              " takes a version number (a whole "
                              "number, 0 or more), not '",
                              value, "'"));
  }
  return v;
}

absl::Status StoreHelp(absl::string_view on, ParseState& state) {
  state.help = on == kSwitchOn;
  return absl::OkStatus();
}

absl::Status StoreList(absl::string_view on, ParseState& state) {
  return SelectMode(Mode::kList, on, state);
}

absl::Status StoreName(absl::string_view name, ParseState& state) {
  state.names.emplace_back(name);
  return absl::OkStatus();
}

absl::Status StoreTarget(absl::string_view value, ParseState& state) {
  absl::StatusOr<int64_t> v = ParseVersion("--migration", value);
  if (!v.ok()) return v.status();
  state.request.target_version = *v;
  return absl::OkStatus();
}

absl::Status StoreVerbose(absl::string_view on, ParseState& state) {
  state.request.verbose = on == kSwitchOn;
  return absl::OkStatus();
}

absl::Status StoreConfig(absl::string_view path, ParseState& state) {
  state.request.config_path = std::string(path);
  state.request.config_given = true;
  return absl::OkStatus();
}

absl::Status StorePluginDir(absl::string_view dir, ParseState& state) {
  if (!dir.empty()) state.request.plugin_dir = std::string(dir);
  return absl::OkStatus();
}

absl::Status StoreMarkVersion(absl::string_view value, ParseState& state) {
  absl::StatusOr<int64_t> v = ParseVersion("--mark-version", value);
  if (!v.ok()) return v.status();
  state.request.mark_version = *v;
  return SelectMode(Mode::kMarkVersion, kSwitchOn, state);
}

absl::Status StoreForce(absl::string_view on, ParseState& state) {
  state.request.force = on == kSwitchOn;
  return absl::OkStatus();
}

absl::Status StoreResume(absl::string_view on, ParseState& state) {
  state.request.resume = on == kSwitchOn;
  return absl::OkStatus();
}

absl::Status StoreAllowBlocking(absl::string_view on, ParseState& state) {
  state.request.allow_blocking = on == kSwitchOn;
  return absl::OkStatus();
}

// Issue 27 (archive_options.h).
absl::Status StoreNoArchive(absl::string_view on, ParseState& state) {
  state.request.no_archive = on == kSwitchOn;
  return absl::OkStatus();
}

absl::Status StorePurgeArchives(absl::string_view on, ParseState& state) {
  state.request.purge_archives = on == kSwitchOn;
  return absl::OkStatus();
}

absl::Status StoreOnline(absl::string_view on, ParseState& state) {
  state.request.online = on == kSwitchOn;
  return absl::OkStatus();
}

absl::Status StoreExpand(absl::string_view on, ParseState& state) {
  state.request.expand = on == kSwitchOn;
  return absl::OkStatus();
}

absl::Status StoreContract(absl::string_view on, ParseState& state) {
  state.request.contract = on == kSwitchOn;
  return absl::OkStatus();
}

absl::Status StoreCheck(absl::string_view on, ParseState& state) {
  return SelectMode(Mode::kCheck, on, state);
}

absl::Status StoreForgetController(absl::string_view host, ParseState& state) {
  if (host.empty()) return Usage("--forget-controller needs a host name");
  state.request.forget_host = std::string(host);
  return SelectMode(Mode::kForgetController, kSwitchOn, state);
}

absl::Status StoreLockTimeout(absl::string_view value, ParseState& state) {
  int seconds = 0;
  if (!absl::SimpleAtoi(value, &seconds) || seconds < 0) {
    return Usage(absl::StrCat(
        "--lock-timeout takes a whole number of seconds, not '", value, "'"));
  }
  state.request.lock_timeout = seconds;
  return absl::OkStatus();
}

absl::Status StoreWorkers(absl::string_view value, ParseState& state) {
  int workers = 0;
  if (!absl::SimpleAtoi(value, &workers) || workers < 1) {
    return Usage(
        absl::StrCat("--workers must be 1 or more, not '", value, "'"));
  }
  state.request.workers = workers;
  return absl::OkStatus();
}

absl::Status StoreFormat(absl::string_view value, ParseState& state) {
  std::optional<Format> format = FormatNamed(value);
  if (!format) {
    return Usage(absl::StrCat("-f/--format takes ", FormatChoices(), ", not '",
                              value, "'"));
  }
  state.request.format = *format;
  return absl::OkStatus();
}

absl::Status StoreStatus(absl::string_view on, ParseState& state) {
  return SelectMode(Mode::kStatus, on, state);
}

absl::Status StoreMigrations(absl::string_view on, ParseState& state) {
  return SelectMode(Mode::kMigrations, on, state);
}

absl::Status StoreDryRun(absl::string_view on, ParseState& state) {
  return SelectMode(Mode::kDryRun, on, state);
}

constexpr Option kOptions[] = {
    {"help", 'h', Arity::kSwitch, "", Group::kSpec, "Help output.", StoreHelp},
    {"list", 'l', Arity::kSwitch, "", Group::kSpec,
     "Lists all modules supported migration databases.", StoreList},
    {"names", 'n', Arity::kNames, "MODULE_NAMES [MODULE_NAMES ...]",
     Group::kSpec,
     "Outputting the result for specific modules, names separated by spaces. "
     "Default: every module.",
     StoreName},
    {"migration", '\0', Arity::kValue, "MIGRATION_VERSION", Group::kSpec,
     "Database migration version for the one module named with -n (upgrade "
     "or rollback; 0 = empty).",
     StoreTarget},
    {"verbose", 'v', Arity::kSwitch, "", Group::kSpec,
     "Detailed message about a database migration error.", StoreVerbose},
    {"config", '\0', Arity::kValue, "PATH", Group::kTool,
     "Configuration file (default /etc/aos/db-migrate.conf).", StoreConfig},
    {"plugin-dir", '\0', Arity::kValue, "PATH", Group::kTool,
     "Directory of module plugins (default from the config, else "
     "/usr/lib/aos/db-migrate/plugins).",
     StorePluginDir},
    {"mark-version", '\0', Arity::kValue, "N", Group::kTool,
     "Repair: record version N for the one module named with -n after fixing "
     "its database by hand; applies nothing.",
     StoreMarkVersion},
    {"force", '\0', Arity::kSwitch, "", Group::kTool,
     "With --mark-version: record the version even though a step was left "
     "interrupted or failed part-way (the next run would resume it).",
     StoreForce},
    {"resume", '\0', Arity::kSwitch, "", Group::kTool,
     "Go on with a step an earlier run left failed or interrupted part-way, "
     "at its first statement that did not take effect, when the config's "
     "auto_resume is false (it is true by default).",
     StoreResume},
    {"allow-blocking", '\0', Arity::kSwitch, "", Group::kTool,
     "Run a step whose DDL would block writes (or a Galera cluster) on a "
     "table at or above blocking_max_rows / blocking_max_mib, which is "
     "otherwise refused: for a maintenance window.",
     StoreAllowBlocking},
    {"online", '\0', Arity::kSwitch, "", Group::kTool,
     "Run each ALTER TABLE that would be refused as blocking through "
     "pt-online-schema-change (package percona-toolkit) instead.",
     StoreOnline},
    {"no-archive", '\0', Arity::kSwitch, "", Group::kTool,
     "Run a step that drops columns or tables without keeping their values "
     "first, and a downgrade without giving kept values back: the operator "
     "accepts the loss (the config's archive = off does the same).",
     StoreNoArchive},
    {"purge-archives", '\0', Arity::kSwitch, "", Group::kTool,
     "Remove every kept archive of dropped values of the modules run now "
     "(they are otherwise removed archive_retention_days after they were "
     "made, by a later run).",
     StorePurgeArchives},
    {"expand", '\0', Arity::kSwitch, "", Group::kTool,
     "Rolling upgrade, first part: apply only the pending expand and "
     "migrate steps, safe while controllers still run the previous release "
     "(what a run does with upgrade_mode = rolling).",
     StoreExpand},
    {"contract", '\0', Arity::kSwitch, "", Group::kTool,
     "Rolling upgrade, last part: apply everything pending, refused while a "
     "controller still runs a release that needs what a contract step "
     "removes (--force overrides).",
     StoreContract},
    {"check", '\0', Arity::kSwitch, "", Group::kTool,
     "Apply nothing; exit as Keystone's db_sync --check: 2 while an expand "
     "step is pending (or a module is not installed), else 3 while a "
     "migrate step is, else 4 (contract or undeclared), 0 current, 1 on "
     "error; several modules: the lowest non-zero code.",
     StoreCheck},
    {"forget-controller", '\0', Arity::kValue, "HOST", Group::kTool,
     "Remove a decommissioned controller (its name, or NAME@MACHINE-ID "
     "when several share it) from the selected modules' registries, so "
     "that --contract no longer waits for it.",
     StoreForgetController},
    {"lock-timeout", '\0', Arity::kValue, "SECONDS", Group::kTool,
     "How long to wait for another run that holds a module's lock (default "
     "300).",
     StoreLockTimeout},
    {"workers", '\0', Arity::kValue, "N", Group::kTool,
     "Modules migrated at the same time (default 4).", StoreWorkers},
    {"format", 'f', Arity::kValue, "{table,json,value}", Group::kTool,
     "Output format (default table, the spec's).", StoreFormat},
    {"status", '\0', Arity::kSwitch, "", Group::kTool,
     "Per module: current and latest version, pending steps and any "
     "interrupted step. Applies nothing.",
     StoreStatus},
    {"migrations", '\0', Arity::kSwitch, "", Group::kTool,
     "Per module: every migration, and whether it is applied. Applies "
     "nothing.",
     StoreMigrations},
    {"dry-run", '\0', Arity::kSwitch, "", Group::kTool,
     "The statements that would run, per module and step, in order. Applies "
     "nothing.",
     StoreDryRun},
};

// "dry_run" for "dry-run", as the absl flags this table replaced took it.
bool SameLongName(absl::string_view spelled, absl::string_view name) {
  return spelled.size() == name.size() &&
         std::equal(
             spelled.begin(), spelled.end(), name.begin(),
             [](char s, char n) { return s == n || (s == '_' && n == '-'); });
}

}  // namespace

absl::Span<const Option> Options() { return kOptions; }

const Option* FindOption(absl::string_view spelled) {
  bool long_form = absl::StartsWith(spelled, "--");
  absl::string_view name = spelled.substr(long_form ? 2 : 1);
  if (name.empty() || long_form != (name.size() > 1)) return nullptr;
  for (const Option& option : kOptions) {
    if (long_form ? SameLongName(name, option.name)
                  : name[0] == option.short_name) {
      return &option;
    }
  }
  return nullptr;
}

std::string Spelling(absl::string_view name) {
  for (const Option& option : kOptions) {
    if (option.name != name || option.short_name == '\0') continue;
    return absl::StrCat("-", absl::string_view(&option.short_name, 1), "/--",
                        name);
  }
  return absl::StrCat("--", name);
}

}  // namespace aos::cli
