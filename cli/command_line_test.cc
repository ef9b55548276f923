#include "cli/command_line.h"

#include <initializer_list>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/help_text.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Parsing keeps no state between calls: each test parses as often as it
// likes, with nothing to restore.
class CommandLineTest : public ::testing::Test {
 protected:
  absl::StatusOr<Request> Parse(std::initializer_list<const char*> args) {
    return ParseArgs(std::vector<const char*>(args));
  }

  absl::StatusOr<Request> ParseArgs(const std::vector<const char*>& args) {
    storage_.clear();
    storage_.emplace_back("aos-db-migrate");
    for (const char* a : args) storage_.emplace_back(a);
    argv_.clear();
    for (std::string& s : storage_) argv_.push_back(s.data());
    argv_.push_back(nullptr);
    return ParseCommandLine(static_cast<int>(storage_.size()), argv_.data());
  }

  Request MustParse(std::initializer_list<const char*> args) {
    absl::StatusOr<Request> request = Parse(args);
    EXPECT_TRUE(request.ok()) << request.status();
    return request.ok() ? *request : Request();
  }

  std::string Error(std::initializer_list<const char*> args) {
    absl::StatusOr<Request> request = Parse(args);
    EXPECT_FALSE(request.ok()) << "parsed, unexpectedly";
    if (request.ok()) return "";
    EXPECT_EQ(request.status().code(), absl::StatusCode::kInvalidArgument);
    return std::string(request.status().message());
  }

  std::vector<std::string> storage_;
  std::vector<char*> argv_;
};

TEST_F(CommandLineTest, NoArgumentsIsEveryModuleWithDefaults) {
  Request r = MustParse({});
  EXPECT_EQ(r.mode, Mode::kMigrate);
  EXPECT_EQ(r.format, Format::kTable);
  EXPECT_FALSE(r.verbose);
  EXPECT_THAT(r.names, IsEmpty());
  EXPECT_FALSE(r.target_version.has_value());
  EXPECT_FALSE(r.mark_version.has_value());
  EXPECT_EQ(r.config_path, "/etc/aos/db-migrate.conf");
  EXPECT_FALSE(r.config_given);
  EXPECT_FALSE(r.plugin_dir.has_value());
  EXPECT_FALSE(r.lock_timeout.has_value());
  EXPECT_EQ(r.workers, 4);
}

TEST_F(CommandLineTest, SeveralNamesAfterOneShortFlag) {
  Request r = MustParse({"-n", "dashboard", "cloud_manager", "journal"});
  EXPECT_THAT(r.names, ElementsAre("dashboard", "cloud_manager", "journal"));
}

TEST_F(CommandLineTest, SeveralNamesAfterLongFlag) {
  Request r = MustParse({"--names", "dashboard", "cloud_manager", "-v"});
  EXPECT_THAT(r.names, ElementsAre("dashboard", "cloud_manager"));
  EXPECT_TRUE(r.verbose);
}

TEST_F(CommandLineTest, CommaSeparatedNames) {
  Request r = MustParse({"--names=dashboard,cloud_manager"});
  EXPECT_THAT(r.names, ElementsAre("dashboard", "cloud_manager"));
  Request r2 = MustParse({"--names=dashboard,,journal", "clouds"});
  EXPECT_THAT(r2.names, ElementsAre("dashboard", "journal", "clouds"));
  // As `openstack aos db migrate -n dashboard,journal` reads it.
  Request r3 = MustParse({"-n", "dashboard,journal", "clouds,"});
  EXPECT_THAT(r3.names, ElementsAre("dashboard", "journal", "clouds"));
}

TEST_F(CommandLineTest, RepeatedNamesRemovedKeepingOrder) {
  Request r = MustParse(
      {"-n", "journal", "dashboard", "journal", "clouds", "dashboard"});
  EXPECT_THAT(r.names, ElementsAre("journal", "dashboard", "clouds"));
}

TEST_F(CommandLineTest, NamesFlagMayBeRepeated) {
  Request r =
      MustParse({"-n", "dashboard", "-v", "-n", "journal", "dashboard"});
  EXPECT_THAT(r.names, ElementsAre("dashboard", "journal"));
  EXPECT_TRUE(r.verbose);
}

TEST_F(CommandLineTest, NamesWithoutAnyName) {
  EXPECT_THAT(Error({"-n"}), HasSubstr("needs at least one module name"));
  EXPECT_THAT(Error({"-n", "-v"}), HasSubstr("needs at least one module name"));
  EXPECT_THAT(Error({"--names="}), HasSubstr("needs at least one module name"));
}

TEST_F(CommandLineTest, Help) {
  EXPECT_EQ(MustParse({"-h"}).mode, Mode::kHelp);
  EXPECT_EQ(MustParse({"--help"}).mode, Mode::kHelp);
  // Help wins over what would otherwise be a usage error.
  Request r = MustParse({"--help", "--migration", "5"});
  EXPECT_EQ(r.mode, Mode::kHelp);
  EXPECT_THAT(HelpText(), HasSubstr("usage: openstack aos db migrate"));
  EXPECT_THAT(HelpText(), HasSubstr("--migration MIGRATION_VERSION"));
}

TEST_F(CommandLineTest, List) {
  EXPECT_EQ(MustParse({"-l"}).mode, Mode::kList);
  EXPECT_EQ(MustParse({"--list"}).mode, Mode::kList);
  EXPECT_TRUE(MustParse({"--list", "-v"}).verbose);
}

TEST_F(CommandLineTest, Verbose) {
  EXPECT_TRUE(MustParse({"-v"}).verbose);
  EXPECT_TRUE(MustParse({"--verbose"}).verbose);
  EXPECT_FALSE(MustParse({"--verbose=false"}).verbose);
}

TEST_F(CommandLineTest, FlagsDoNotLeakBetweenParses) {
  EXPECT_TRUE(MustParse({"-v", "-l"}).verbose);
  Request r = MustParse({});
  EXPECT_FALSE(r.verbose);
  EXPECT_EQ(r.mode, Mode::kMigrate);
}

TEST_F(CommandLineTest, MigrationWithOneModule) {
  Request r = MustParse({"-n", "dashboard", "--migration", "26"});
  EXPECT_THAT(r.names, ElementsAre("dashboard"));
  ASSERT_TRUE(r.target_version.has_value());
  EXPECT_EQ(*r.target_version, 26);

  Request before = MustParse({"--migration=26", "-n", "cloud_manager"});
  EXPECT_THAT(before.names, ElementsAre("cloud_manager"));
  EXPECT_EQ(before.target_version, 26);

  Request zero = MustParse({"-n", "dashboard", "--migration", "0"});
  EXPECT_EQ(zero.target_version, 0);

  // The same name twice is still one module.
  Request twice =
      MustParse({"-n", "dashboard", "dashboard", "--migration", "3"});
  EXPECT_THAT(twice.names, ElementsAre("dashboard"));
  EXPECT_EQ(twice.target_version, 3);
}

TEST_F(CommandLineTest, MigrationNeedsExactlyOneModule) {
  std::string without = Error({"--migration", "26"});
  EXPECT_THAT(without, HasSubstr("--migration applies to exactly one module"));
  EXPECT_THAT(without, HasSubstr("impossible for several modules at once"));

  std::string two =
      Error({"-n", "dashboard", "cloud_manager", "--migration", "26"});
  EXPECT_THAT(two, HasSubstr("impossible for several modules at once"));
}

TEST_F(CommandLineTest, MigrationVersionMustBeAWholeNumber) {
  for (const char* bad : {"abc", "-1", "2.5", "26x", "+3", " 3", ""}) {
    std::string error = Error({"-n", "dashboard", "--migration", bad});
    EXPECT_THAT(error, HasSubstr("--migration takes a version number")) << bad;
    EXPECT_THAT(error, HasSubstr(std::string("'") + bad + "'")) << bad;
  }
  EXPECT_THAT(Error({"-n", "dashboard", "--migration=-4"}),
              HasSubstr("--migration takes a version number"));
  EXPECT_THAT(Error({"-n", "dashboard", "--migration", "99999999999999999999"}),
              HasSubstr("--migration takes a version number"));
}

TEST_F(CommandLineTest, MigrationWithoutValue) {
  EXPECT_THAT(Error({"-n", "dashboard", "--migration"}),
              HasSubstr("option '--migration' needs a value"));
}

TEST_F(CommandLineTest, OptionGivenTwice) {
  EXPECT_THAT(Error({"-n", "d", "--migration", "1", "--migration", "2"}),
              HasSubstr("given twice"));
  EXPECT_THAT(Error({"-v", "--verbose"}), HasSubstr("given twice"));
}

TEST_F(CommandLineTest, ListCannotBeCombined) {
  EXPECT_THAT(Error({"-l", "-n", "dashboard"}), HasSubstr("--list only lists"));
  EXPECT_THAT(Error({"--list", "-n", "dashboard", "--migration", "3"}),
              HasSubstr("--list only lists"));
  EXPECT_THAT(Error({"-n", "dashboard", "--mark-version", "3", "-l"}),
              HasSubstr("--list only lists"));
  // --migration without -n is refused as well (either way: nothing runs).
  Error({"--list", "--migration", "3"});
}

TEST_F(CommandLineTest, UnknownOptions) {
  for (const char* bad : {"--bogus", "-x", "--h", "-help", "--n", "-names",
                          "--helpfull", "--workers2"}) {
    EXPECT_THAT(Error({bad}),
                HasSubstr(std::string("unknown option '") + bad + "'"))
        << bad;
  }
  EXPECT_THAT(Error({"--bogus=1"}), HasSubstr("unknown option '--bogus=1'"));
}

TEST_F(CommandLineTest, PositionalArgumentWithoutNames) {
  EXPECT_THAT(Error({"dashboard"}),
              HasSubstr("unexpected argument 'dashboard'"));
  EXPECT_THAT(Error({"-v", "dashboard"}),
              HasSubstr("unexpected argument 'dashboard'"));
  EXPECT_THAT(Error({"-"}), HasSubstr("unexpected argument '-'"));
}

TEST_F(CommandLineTest, Config) {
  Request r = MustParse({"--config", "/tmp/x.conf"});
  EXPECT_EQ(r.config_path, "/tmp/x.conf");
  EXPECT_TRUE(r.config_given);
  Request eq = MustParse({"--config=/etc/other.conf"});
  EXPECT_EQ(eq.config_path, "/etc/other.conf");
  EXPECT_TRUE(eq.config_given);
  EXPECT_THAT(Error({"--config"}), HasSubstr("needs a value"));
}

TEST_F(CommandLineTest, PluginDirLockTimeoutWorkers) {
  Request r = MustParse({"--plugin-dir", "/opt/plugins", "--lock-timeout", "10",
                         "--workers", "2"});
  EXPECT_EQ(r.plugin_dir, "/opt/plugins");
  EXPECT_EQ(r.lock_timeout, 10);
  EXPECT_EQ(r.workers, 2);
  EXPECT_EQ(MustParse({"--lock-timeout=0"}).lock_timeout, 0);
  EXPECT_THAT(Error({"--lock-timeout", "-5"}), HasSubstr("--lock-timeout"));
  EXPECT_THAT(Error({"--lock-timeout", "soon"}), HasSubstr("--lock-timeout"));
  EXPECT_THAT(Error({"--workers", "0"}),
              HasSubstr("--workers must be 1 or more"));
  EXPECT_THAT(Error({"--workers", "many"}), HasSubstr("--workers"));
}

TEST_F(CommandLineTest, MarkVersion) {
  Request r = MustParse({"-n", "dashboard", "--mark-version", "9"});
  EXPECT_EQ(r.mark_version, 9);
  EXPECT_EQ(r.mode, Mode::kMarkVersion);
  EXPECT_FALSE(r.target_version.has_value());
  EXPECT_EQ(MustParse({"--mark-version=0", "-n", "dashboard"}).mark_version, 0);
  EXPECT_FALSE(r.force);
  EXPECT_TRUE(
      MustParse({"-n", "dashboard", "--mark-version", "9", "--force"}).force);
  EXPECT_THAT(Error({"-n", "dashboard", "--force"}),
              HasSubstr("--force applies to --mark-version and --contract "
                        "only"));
  EXPECT_TRUE(MustParse({"--contract", "--force"}).force);
  EXPECT_TRUE(MustParse({"--contract"}).contract);
  EXPECT_TRUE(MustParse({"--expand"}).expand);
  EXPECT_THAT(Error({"--expand", "--contract"}),
              HasSubstr("two parts of a rolling upgrade"));
  EXPECT_THAT(Error({"--expand", "-n", "dashboard", "--migration", "3"}),
              HasSubstr("--expand is a migrate run"));
  EXPECT_THAT(Error({"--contract", "--status"}),
              HasSubstr("--contract is a migrate run"));
  EXPECT_EQ(MustParse({"--check"}).mode, Mode::kCheck);
  EXPECT_EQ(MustParse({"--forget-controller", "ctl2"}).mode,
            Mode::kForgetController);
  EXPECT_EQ(MustParse({"--forget-controller", "ctl2"}).forget_host, "ctl2");
  EXPECT_THAT(Error({"--check", "-f", "value"}),
              HasSubstr("-f value is not available with --check"));

  EXPECT_THAT(Error({"--mark-version", "9"}),
              HasSubstr("--mark-version applies to exactly one module"));
  EXPECT_THAT(Error({"-n", "a", "b", "--mark-version", "9"}),
              HasSubstr("impossible for several modules at once"));
  EXPECT_THAT(Error({"-n", "a", "--mark-version", "x"}),
              HasSubstr("--mark-version takes a version number"));
  EXPECT_THAT(Error({"-n", "a", "--mark-version", "3", "--migration", "4"}),
              HasSubstr("cannot be combined"));
}

// --- Modes ---------------------------------------------------------------

TEST_F(CommandLineTest, EachModeOption) {
  EXPECT_EQ(MustParse({"--status"}).mode, Mode::kStatus);
  EXPECT_EQ(MustParse({"--migrations"}).mode, Mode::kMigrations);
  EXPECT_EQ(MustParse({"--dry-run"}).mode, Mode::kDryRun);
  EXPECT_EQ(MustParse({"-n", "d", "--mark-version", "2"}).mode,
            Mode::kMarkVersion);
  EXPECT_EQ(MustParse({"-n", "d", "--migration", "2"}).mode, Mode::kMigrate);
  // A switch set to false selects nothing.
  EXPECT_EQ(MustParse({"--status=false"}).mode, Mode::kMigrate);
  EXPECT_EQ(MustParse({"--list=no"}).mode, Mode::kMigrate);
}

TEST_F(CommandLineTest, ModesAreExclusive) {
  const std::string kChoose =
      "choose one of --list, --status, --migrations, --dry-run, "
      "--mark-version, --accept-drift, --check and --forget-controller";
  for (std::initializer_list<const char*> args :
       {std::initializer_list<const char*>{"--status", "--dry-run"},
        {"--status", "--migrations"},
        {"--migrations", "--dry-run", "-f", "json"},
        {"--list", "--status"},
        {"--dry-run", "-l"},
        {"-n", "dashboard", "--dry-run", "--mark-version", "3"},
        {"-n", "dashboard", "--status", "--mark-version", "3"},
        {"--mark-version=1", "--migrations", "-n", "d"},
        {"--status", "--migrations", "--dry-run"}}) {
    EXPECT_THAT(Error(args), HasSubstr(kChoose)) << absl::StrJoin(args, " ");
  }
}

// --- -f ------------------------------------------------------------------

TEST_F(CommandLineTest, FormatSpellings) {
  EXPECT_EQ(MustParse({"-f", "json"}).format, Format::kJson);
  EXPECT_EQ(MustParse({"--format", "value"}).format, Format::kValue);
  EXPECT_EQ(MustParse({"--format=json"}).format, Format::kJson);
  EXPECT_EQ(MustParse({"-f=table"}).format, Format::kTable);
  EXPECT_THAT(Error({"-f", "json", "--format", "json"}),
              HasSubstr("given twice"));
  EXPECT_THAT(Error({"-f"}), HasSubstr("option '-f' needs a value"));
  for (const char* bad : {"yaml", "JSON", "", "csv"}) {
    EXPECT_THAT(Error({"-f", bad}),
                HasSubstr(std::string("-f/--format takes table, json or value, "
                                      "not '") +
                          bad + "'"));
  }
  EXPECT_THAT(Error({"--status", "-f", "yaml"}),
              HasSubstr("-f/--format takes table, json or value"));
}

TEST_F(CommandLineTest, FormatsEachModePrints) {
  struct Case {
    std::initializer_list<const char*> mode;
    bool json;
    bool value;
  };
  for (const Case& c :
       {Case{{}, true, true},
        Case{{"-n", "d", "--mark-version", "1"}, true, true},
        Case{{"--status"}, true, false}, Case{{"--migrations"}, true, false},
        Case{{"--dry-run"}, true, false}, Case{{"--list"}, false, false}}) {
    std::string mode = absl::StrJoin(c.mode, " ");
    for (const char* format : {"table", "json", "value"}) {
      std::vector<const char*> args(c.mode);
      args.insert(args.end(), {"-f", format});
      absl::StatusOr<Request> parsed = ParseArgs(args);
      bool supported = format == std::string("table") ||
                       (format == std::string("json") ? c.json : c.value);
      EXPECT_EQ(parsed.ok(), supported)
          << mode << " -f " << format << ": " << parsed.status();
      if (!supported) {
        EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
        EXPECT_THAT(parsed.status().message(),
                    HasSubstr(absl::StrCat("-f ", format,
                                           " is not available with --")));
      }
    }
  }
  EXPECT_THAT(Error({"--status", "-f", "value"}),
              HasSubstr("-f value is not available with --status; it prints "
                        "table or json"));
  EXPECT_THAT(Error({"-f", "json", "--list"}),
              HasSubstr("-f json is not available with --list; it prints "
                        "table"));
}

// --- Values --------------------------------------------------------------

TEST_F(CommandLineTest, VersionsAreCheckedWhenParsed) {
  // The value is refused before the rule on how many modules it needs.
  EXPECT_THAT(Error({"--migration", "abc"}),
              HasSubstr("--migration takes a version number (a whole number, "
                        "0 or more), not 'abc'"));
  EXPECT_THAT(Error({"-n", "a", "b", "--mark-version", "-1"}),
              HasSubstr("--mark-version takes a version number"));
  // A target for the views too: what --status and --dry-run would do.
  Request dry =
      MustParse({"--dry-run", "-n", "cloud_manager", "--migration", "25"});
  EXPECT_EQ(dry.mode, Mode::kDryRun);
  EXPECT_EQ(dry.target_version, 25);
  EXPECT_EQ(MustParse({"--status", "-n", "d", "--migration=0"}).target_version,
            0);
}

TEST_F(CommandLineTest, HelpWinsOverBadValuesButNotUnreadableArguments) {
  EXPECT_EQ(MustParse({"--workers", "0", "--help"}).mode, Mode::kHelp);
  EXPECT_EQ(MustParse({"-h", "-f", "yaml", "--migration", "x"}).mode,
            Mode::kHelp);
  EXPECT_EQ(MustParse({"--help", "--status", "--list", "-f", "value"}).mode,
            Mode::kHelp);
  EXPECT_THAT(Error({"--help", "--bogus"}), HasSubstr("unknown option"));
  EXPECT_THAT(Error({"-h", "dashboard"}), HasSubstr("unexpected argument"));
  EXPECT_THAT(Error({"-h", "--config"}), HasSubstr("needs a value"));
}

TEST_F(CommandLineTest, SwitchValues) {
  EXPECT_TRUE(MustParse({"-v=true"}).verbose);
  EXPECT_TRUE(MustParse({"--verbose=1"}).verbose);
  EXPECT_FALSE(MustParse({"--verbose=no"}).verbose);
  EXPECT_THAT(Error({"--verbose=maybe"}),
              HasSubstr("option '--verbose=maybe': a switch takes true or "
                        "false"));
}

TEST_F(CommandLineTest, UnderscoreSpellingsOfLongNames) {
  Request r = MustParse({"--plugin_dir", "/p", "--lock_timeout=3"});
  EXPECT_EQ(r.plugin_dir, "/p");
  EXPECT_EQ(r.lock_timeout, 3);
  EXPECT_EQ(MustParse({"--dry_run"}).mode, Mode::kDryRun);
  EXPECT_EQ(MustParse({"-n", "d", "--mark_version", "1"}).mark_version, 1);
  EXPECT_THAT(Error({"--dry-run", "--dry_run"}), HasSubstr("given twice"));
  EXPECT_THAT(Error({"--plugin_dir_"}), HasSubstr("unknown option"));
}

TEST_F(CommandLineTest, SpecExamples) {
  Request all = MustParse({});
  EXPECT_THAT(all.names, IsEmpty());

  Request two = MustParse({"-n", "dashboard", "cloud_manager"});
  EXPECT_THAT(two.names, ElementsAre("dashboard", "cloud_manager"));

  Request rollback = MustParse({"-n", "cloud_manager", "--migration", "26"});
  EXPECT_THAT(rollback.names, ElementsAre("cloud_manager"));
  EXPECT_EQ(rollback.target_version, 26);

  Request verbose = MustParse({"-n", "dashboard", "cloud_manager", "-v"});
  EXPECT_TRUE(verbose.verbose);
  EXPECT_THAT(verbose.names, ElementsAre("dashboard", "cloud_manager"));
}

// Issue 29: --accept-drift names its modules and goes to no version;
// --on-drift takes its three words.
TEST_F(CommandLineTest, AcceptDriftAndOnDrift) {
  absl::StatusOr<Request> r = Parse({"--accept-drift", "-n", "dashboard", "journal"});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->mode, Mode::kAcceptDrift);
  EXPECT_THAT(r->names, ElementsAre("dashboard", "journal"));
  EXPECT_THAT(Error({"--accept-drift"}), HasSubstr("--accept-drift needs the modules"));
  EXPECT_THAT(Error({"--accept-drift", "-n", "dashboard", "--migration", "3"}),
              HasSubstr("cannot be combined with --migration"));
  r = Parse({"--on-drift", "refuse"});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->on_drift, "refuse");
  EXPECT_EQ(RunAskOf(*r).on_drift, "refuse");
  EXPECT_THAT(Error({"--on-drift", "stop"}),
              HasSubstr("--on-drift takes warn, refuse or ignore, not 'stop'"));
}

}  // namespace
}  // namespace aos::cli
