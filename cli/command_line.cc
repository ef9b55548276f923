#include "cli/command_line.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/mode_formats.h"
#include "cli/option_table.h"

namespace aos::cli {
namespace {

absl::Status Usage(absl::string_view message) {
  return absl::InvalidArgumentError(message);
}

// The arguments still to read.
class ArgCursor {
 public:
  ArgCursor(int argc, char** argv) : argc_(argc), argv_(argv) {}
  bool Done() const { return next_ >= argc_; }
  absl::string_view Take() { return argv_[next_++]; }
  // The next argument is not an option: a module name after -n.
  bool NextIsPlain() const { return !Done() && argv_[next_][0] != '-'; }

 private:
  int argc_;
  char** argv_;
  int next_ = 1;  // argv[0] is the program
};

// Stores what one option on the command line says: `value` is what
// followed its '=', if anything. A value the option refuses is kept in
// `state` (--help still wins); a missing one fails at once.
absl::Status Store(const Option& option, absl::string_view arg,
                   std::optional<absl::string_view> value, ArgCursor& args,
                   ParseState& state) {
  switch (option.arity) {
    case Arity::kSwitch: {
      bool on = true;
      if (value && !absl::SimpleAtob(*value, &on)) {
        state.KeepValueError(Usage(
            absl::StrCat("option '", arg, "': a switch takes true or false")));
      } else {
        state.KeepValueError(
            option.store(option, on ? kSwitchOn : kSwitchOff, state));
      }
      return absl::OkStatus();
    }
    case Arity::kValue:
      if (!value) {
        if (args.Done()) {
          return Usage(absl::StrCat("option '", arg, "' needs a value"));
        }
        value = args.Take();
      }
      state.KeepValueError(option.store(option, *value, state));
      return absl::OkStatus();
    case Arity::kNames:
      if (value) {
        for (absl::string_view name :
             absl::StrSplit(*value, ',', absl::SkipEmpty())) {
          state.KeepValueError(option.store(option, name, state));
        }
      }
      // "-n a,b" means the modules a and b, as `openstack aos db migrate`
      // reads it.
      while (args.NextIsPlain()) {
        for (absl::string_view name :
             absl::StrSplit(args.Take(), ',', absl::SkipEmpty())) {
          state.KeepValueError(option.store(option, name, state));
        }
      }
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

// Reads every argument into `state`; fails at once on what makes the
// command line unreadable.
absl::Status Scan(ArgCursor args, ParseState& state) {
  while (!args.Done()) {
    absl::string_view arg = args.Take();
    if (arg.size() < 2 || arg[0] != '-') {
      return Usage(absl::StrCat("unexpected argument '", arg,
                                "' (module names follow -n/--names)"));
    }
    std::optional<absl::string_view> value;
    absl::string_view spelled = arg;
    if (size_t eq = arg.find('='); eq != absl::string_view::npos) {
      value = arg.substr(eq + 1);
      spelled = arg.substr(0, eq);
    }
    const Option* option = FindOption(spelled);
    if (option == nullptr) {
      return Usage(absl::StrCat("unknown option '", arg, "'"));
    }
    if (!state.given.insert(option->name).second &&
        option->arity != Arity::kNames) {
      return Usage(absl::StrCat("option '", arg, "' given twice"));
    }
    if (absl::Status s = Store(*option, arg, value, args, state); !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

bool Given(const ParseState& state, absl::string_view name) {
  return state.given.count(name) > 0;
}

// -n's names, each once, in the order first given.
absl::Status TakeNames(ParseState& state) {
  std::set<std::string> unique;
  for (std::string& name : state.names) {
    if (unique.insert(name).second) {
      state.request.names.push_back(std::move(name));
    }
  }
  if (Given(state, "names") && state.request.names.empty()) {
    return Usage(
        absl::StrCat(Spelling("names"), " needs at least one module name"));
  }
  return absl::OkStatus();
}

// --migration and --mark-version: one module, named with -n.
absl::Status CheckOneModule(const ParseState& state) {
  for (absl::string_view name : {"migration", "mark-version"}) {
    if (Given(state, name) && state.request.names.size() != 1) {
      return Usage(
          absl::StrCat(Spelling(name),
                       " applies to exactly one module, named with -n (it is "
                       "impossible for several modules at once)"));
    }
  }
  if (state.request.target_version && state.request.mark_version) {
    return Usage("--migration and --mark-version cannot be combined");
  }
  if (Given(state, "force") && !state.request.mark_version &&
      !state.request.contract) {
    return Usage("--force applies to --mark-version and --contract only");
  }
  if (state.request.expand && state.request.contract) {
    return Usage("--expand and --contract are two parts of a rolling "
                 "upgrade; give one");
  }
  if ((state.request.expand || state.request.contract) &&
      (state.request.target_version || state.request.mark_version ||
       !state.modes.empty())) {
    return Usage(absl::StrCat(
        state.request.expand ? "--expand" : "--contract",
        " is a migrate run of every selected module to its latest version: "
        "it cannot be combined with --migration, --mark-version or a view"));
  }
  return absl::OkStatus();
}

// Issue 29: --accept-drift records what the named modules' schemas are
// now, at their recorded versions: modules named with -n, no version of
// its own to go to.
absl::Status CheckAcceptDrift(const ParseState& state) {
  if (std::find(state.modes.begin(), state.modes.end(), Mode::kAcceptDrift) ==
      state.modes.end()) {
    return absl::OkStatus();
  }
  if (state.request.names.empty()) {
    return Usage("--accept-drift needs the modules it accepts the drift of, "
                 "named with -n");
  }
  if (Given(state, "migration")) {
    return Usage("--accept-drift accepts the schema at the recorded version; "
                 "it cannot be combined with --migration");
  }
  return absl::OkStatus();
}

// One mode at most, and a format it prints.
absl::Status TakeMode(ParseState& state) {
  const std::vector<Mode>& modes = state.modes;
  if (std::find(modes.begin(), modes.end(), Mode::kList) != modes.end() &&
      (Given(state, "names") || Given(state, "migration") ||
       Given(state, "mark-version"))) {
    return Usage(
        "--list only lists; it cannot be combined with -n, --migration or "
        "--mark-version");
  }
  if (modes.size() > 1) {
    return Usage(absl::StrCat("choose one of ", ModeChoices()));
  }
  if (!modes.empty()) state.request.mode = modes.front();
  return CheckFormat(state.request.mode, state.request.format);
}

}  // namespace

absl::StatusOr<Request> ParseCommandLine(int argc, char** argv) {
  ParseState state;
  if (absl::Status s = Scan(ArgCursor(argc, argv), state); !s.ok()) return s;
  if (state.help) {
    state.request.mode = Mode::kHelp;
    return std::move(state.request);
  }
  if (!state.value_error.ok()) return state.value_error;
  if (absl::Status s = TakeNames(state); !s.ok()) return s;
  if (absl::Status s = CheckOneModule(state); !s.ok()) return s;
  if (absl::Status s = CheckAcceptDrift(state); !s.ok()) return s;
  if (absl::Status s = TakeMode(state); !s.ok()) return s;
  return std::move(state.request);
}

engine::RunAsk RunAskOf(const Request& request) {
  engine::RunAsk ask;
  ask.target_version = request.target_version;
  ask.mark_version = request.mark_version;
  ask.force = request.force;
  ask.resume = request.resume;
  ask.allow_blocking = request.allow_blocking;
  ask.online = request.online;
  ask.expand = request.expand;
  ask.contract = request.contract;
  ask.lock_timeout = request.lock_timeout;
  ask.no_archive = request.no_archive;
  ask.purge_archives = request.purge_archives;
  ask.on_drift = request.on_drift;  // issue 29
  return ask;
}

}  // namespace aos::cli
