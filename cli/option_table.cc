#include "cli/option_table.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "cli/mode_formats.h"

namespace aos::cli {
namespace {

absl::Status Usage(absl::string_view message) {
  return absl::InvalidArgumentError(message);
}

// The typed setters the rows below name. Each stores what its option was
// given (kSwitchOn or kSwitchOff for a switch, one name at a time for -n);
// an error is a usage error that names the option. Mode::kMigrate, the
// default mode, stands for "selects no mode".

void SelectMode(Mode mode, ParseState& state) {
  if (mode != Mode::kMigrate) state.modes.push_back(mode);
}

// --help: kept apart from the request, as it wins over every other error.
absl::Status Help(const Option&, absl::string_view on, ParseState& state) {
  state.help = on == kSwitchOn;
  return absl::OkStatus();
}

// A switch that sets a field of the request.
template <bool Request::*field>
absl::Status Flag(const Option&, absl::string_view on, ParseState& state) {
  state.request.*field = on == kSwitchOn;
  return absl::OkStatus();
}

// A switch that selects a mode when on.
template <Mode mode>
absl::Status Selects(const Option&, absl::string_view on, ParseState& state) {
  if (on == kSwitchOn) SelectMode(mode, state);
  return absl::OkStatus();
}

// -n: one module name.
absl::Status AddName(const Option&, absl::string_view name, ParseState& state) {
  state.names.emplace_back(name);
  return absl::OkStatus();
}

// A version number (a whole number >= 0, digits only); then selects `mode`.
template <std::optional<int64_t> Request::*field, Mode mode = Mode::kMigrate>
absl::Status Version(const Option& option, absl::string_view value,
                     ParseState& state) {
  int64_t v = 0;
  if (value.empty() || !absl::SimpleAtoi(value, &v) || v < 0 ||
      value.find_first_not_of("0123456789") != absl::string_view::npos) {
    return Usage(absl::StrCat(Spelling(option.name),
                              " takes a version number (a whole "
                              "number, 0 or more), not '",
                              value, "'"));
  }
  state.request.*field = v;
  SelectMode(mode, state);
  return absl::OkStatus();
}

// A number of seconds, 0 or more.
template <std::optional<int> Request::*field>
absl::Status Seconds(const Option& option, absl::string_view value,
                     ParseState& state) {
  int seconds = 0;
  if (!absl::SimpleAtoi(value, &seconds) || seconds < 0) {
    return Usage(absl::StrCat(Spelling(option.name),
                              " takes a whole number of seconds, not '", value,
                              "'"));
  }
  state.request.*field = seconds;
  return absl::OkStatus();
}

// A count, 1 or more.
template <int Request::*field>
absl::Status AtLeastOne(const Option& option, absl::string_view value,
                        ParseState& state) {
  int count = 0;
  if (!absl::SimpleAtoi(value, &count) || count < 1) {
    return Usage(absl::StrCat(Spelling(option.name),
                              " must be 1 or more, not '", value, "'"));
  }
  state.request.*field = count;
  return absl::OkStatus();
}

// A path, and that it was given (`given`).
template <std::string Request::*field, bool Request::*given>
absl::Status Path(const Option&, absl::string_view path, ParseState& state) {
  state.request.*field = std::string(path);
  state.request.*given = true;
  return absl::OkStatus();
}

// A path; an empty one leaves the field unset.
template <std::optional<std::string> Request::*field>
absl::Status PathOrUnset(const Option&, absl::string_view path,
                         ParseState& state) {
  if (!path.empty()) state.request.*field = std::string(path);
  return absl::OkStatus();
}

// A host name, not empty; then selects `mode`.
template <std::string Request::*field, Mode mode>
absl::Status HostName(const Option& option, absl::string_view host,
                      ParseState& state) {
  if (host.empty()) {
    return Usage(absl::StrCat(Spelling(option.name), " needs a host name"));
  }
  state.request.*field = std::string(host);
  SelectMode(mode, state);
  return absl::OkStatus();
}

// -f: a format's name.
absl::Status FormatName(const Option& option, absl::string_view value,
                        ParseState& state) {
  std::optional<Format> format = FormatNamed(value);
  if (!format) {
    return Usage(absl::StrCat(Spelling(option.name), " takes ", FormatChoices(),
                              ", not '", value, "'"));
  }
  state.request.format = *format;
  return absl::OkStatus();
}

// --on-drift: warn, refuse or ignore (issue 29).
absl::Status OnDriftName(const Option& option, absl::string_view value,
                         ParseState& state) {
  if (value != "warn" && value != "refuse" && value != "ignore") {
    return Usage(absl::StrCat(Spelling(option.name),
                              " takes warn, refuse or ignore, not '", value,
                              "'"));
  }
  state.request.on_drift = std::string(value);
  return absl::OkStatus();
}

using R = Request;

constexpr Option kOptions[] = {
    {"help", 'h', Arity::kSwitch, "", Group::kSpec, "Help output.", Help},
    {"list", 'l', Arity::kSwitch, "", Group::kSpec,
     "Lists all modules supported migration databases.", Selects<Mode::kList>},
    {"names", 'n', Arity::kNames, "MODULE_NAMES [MODULE_NAMES ...]",
     Group::kSpec,
     "Outputting the result for specific modules, names separated by spaces. "
     "Default: every module.",
     AddName},
    {"migration", '\0', Arity::kValue, "MIGRATION_VERSION", Group::kSpec,
     "Database migration version for the one module named with -n (upgrade "
     "or rollback; 0 = empty).",
     Version<&R::target_version>},
    {"verbose", 'v', Arity::kSwitch, "", Group::kSpec,
     "Detailed message about a database migration error.", Flag<&R::verbose>},
    {"config", '\0', Arity::kValue, "PATH", Group::kTool,
     "Configuration file (default /etc/aos/db-migrate.conf).",
     Path<&R::config_path, &R::config_given>},
    {"plugin-dir", '\0', Arity::kValue, "PATH", Group::kTool,
     "Directory of module plugins (default from the config, else "
     "/usr/lib/aos/db-migrate/plugins).",
     PathOrUnset<&R::plugin_dir>},
    {"mark-version", '\0', Arity::kValue, "N", Group::kTool,
     "Repair: record version N for the one module named with -n after fixing "
     "its database by hand; applies nothing.",
     Version<&R::mark_version, Mode::kMarkVersion>},
    {"force", '\0', Arity::kSwitch, "", Group::kTool,
     "With --mark-version: record the version even though a step was left "
     "interrupted or failed part-way (the next run would resume it).",
     Flag<&R::force>},
    {"resume", '\0', Arity::kSwitch, "", Group::kTool,
     "Go on with a step an earlier run left failed or interrupted part-way, "
     "at its first statement that did not take effect, when the config's "
     "auto_resume is false (it is true by default).",
     Flag<&R::resume>},
    {"allow-blocking", '\0', Arity::kSwitch, "", Group::kTool,
     "Run a step whose DDL would block writes (or a Galera cluster) on a "
     "table at or above blocking_max_rows / blocking_max_mib, which is "
     "otherwise refused: for a maintenance window.",
     Flag<&R::allow_blocking>},
    {"online", '\0', Arity::kSwitch, "", Group::kTool,
     "Run each ALTER TABLE that would be refused as blocking through "
     "pt-online-schema-change (package percona-toolkit) instead.",
     Flag<&R::online>},
    // Issue 27: the archive of dropped values (engine/run_options.cc).
    {"no-archive", '\0', Arity::kSwitch, "", Group::kTool,
     "Run a step that drops columns or tables without keeping their values "
     "first, and a downgrade without giving kept values back: the operator "
     "accepts the loss (the config's archive = off does the same).",
     Flag<&R::no_archive>},
    {"purge-archives", '\0', Arity::kSwitch, "", Group::kTool,
     "Remove every kept archive of dropped values of the modules run now "
     "(they are otherwise removed archive_retention_days after they were "
     "made, by a later run).",
     Flag<&R::purge_archives>},
    // Issue 29: drift (engine/drift/drift_policy.h).
    {"on-drift", '\0', Arity::kValue, "{warn,refuse,ignore}", Group::kTool,
     "What a run does when a module's live schema differs from what its "
     "recorded version should have: warn (say it and go on), refuse (fail "
     "the module before its first step) or ignore (do not look); overrides "
     "the config's on_drift (default warn).",
     OnDriftName},
    {"accept-drift", '\0', Arity::kSwitch, "", Group::kTool,
     "Record the present differences of the modules named with -n as "
     "accepted (an operator's own index, say): shown as accepted and not "
     "reported as drift again until they change. Applies nothing.",
     Selects<Mode::kAcceptDrift>},
    {"expand", '\0', Arity::kSwitch, "", Group::kTool,
     "Rolling upgrade, first part: apply only the pending expand and "
     "migrate steps, safe while controllers still run the previous release "
     "(what a run does with upgrade_mode = rolling).",
     Flag<&R::expand>},
    {"contract", '\0', Arity::kSwitch, "", Group::kTool,
     "Rolling upgrade, last part: apply everything pending, refused while a "
     "controller still runs a release that needs what a contract step "
     "removes (--force overrides).",
     Flag<&R::contract>},
    {"check", '\0', Arity::kSwitch, "", Group::kTool,
     "Apply nothing; exit as Keystone's db_sync --check: 2 while an expand "
     "step is pending (or a module is not installed), else 3 while a "
     "migrate step is, else 4 (contract or undeclared), 0 current, 1 on "
     "error; several modules: the lowest non-zero code.",
     Selects<Mode::kCheck>},
    {"forget-controller", '\0', Arity::kValue, "HOST", Group::kTool,
     "Remove a decommissioned controller (its name, or NAME@MACHINE-ID "
     "when several share it) from the selected modules' registries, so "
     "that --contract no longer waits for it.",
     HostName<&R::forget_host, Mode::kForgetController>},
    {"lock-timeout", '\0', Arity::kValue, "SECONDS", Group::kTool,
     "How long to wait for another run that holds a module's lock (default "
     "300).",
     Seconds<&R::lock_timeout>},
    {"workers", '\0', Arity::kValue, "N", Group::kTool,
     "Modules migrated at the same time (default 4).", AtLeastOne<&R::workers>},
    {"format", 'f', Arity::kValue, "{table,json,value}", Group::kTool,
     "Output format (default table, the spec's).", FormatName},
    {"status", '\0', Arity::kSwitch, "", Group::kTool,
     "Per module: current and latest version, pending steps, any "
     "interrupted step and its drift (-v lists it). Applies nothing.",
     Selects<Mode::kStatus>},
    {"migrations", '\0', Arity::kSwitch, "", Group::kTool,
     "Per module: every migration, and whether it is applied. Applies "
     "nothing.",
     Selects<Mode::kMigrations>},
    {"dry-run", '\0', Arity::kSwitch, "", Group::kTool,
     "The statements that would run, per module and step, in order. Applies "
     "nothing.",
     Selects<Mode::kDryRun>},
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
