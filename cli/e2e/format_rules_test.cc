// -f per mode (cli/mode_formats.cc): a format the mode does not print is a
// usage error (exit 2) before anything runs, not a silent table; the ones
// it prints work, and --help states the rule.
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "cli/e2e/migrate_fixture.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

class FormatRulesTest : public MigrateTest {
 protected:
  // Connection attempts the server has seen, this query's own included.
  int64_t ServerConnections() {
    absl::StatusOr<std::vector<std::string>> rows =
        server_->Query("SHOW GLOBAL STATUS LIKE 'Connections'");
    EXPECT_TRUE(rows.ok()) << rows.status();
    int64_t n = -1;
    if (rows.ok() && rows->size() == 1) {
      std::string value = (*rows)[0].substr((*rows)[0].find('\t') + 1);
      EXPECT_TRUE(absl::SimpleAtoi(value, &n)) << (*rows)[0];
    }
    return n;
  }
};

TEST_F(FormatRulesTest, AFormatTheModeDoesNotPrintRunsNothing) {
  std::string config = Config(PluginDir());
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"--status", "-f", "value"},
       "-f value is not available with --status; it prints table or json"},
      {{"--migrations", "-n", "dashboard", "-f", "value"},
       "-f value is not available with --migrations; it prints table or json"},
      {{"-f", "value", "--dry-run", "-n", "journal"},
       "-f value is not available with --dry-run; it prints table or json"},
      {{"--list", "-f", "json"},
       "-f json is not available with --list; it prints table"},
      {{"-l", "--format=value"},
       "-f value is not available with --list; it prints table"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::StrJoin(c.args, " "));
    int64_t before = ServerConnections();
    testing::CommandResult r = Migrate(config, c.args);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_THAT(r.out, IsEmpty());
    EXPECT_THAT(r.err, StartsWith("aos-db-migrate: error: " + c.message));
    EXPECT_THAT(r.err, HasSubstr("Try 'aos-db-migrate --help'."));
    // Only the two counting queries: the tool connected to nothing.
    EXPECT_EQ(ServerConnections(), before + 1);
  }
  for (const std::string& m : ShippedModules()) {
    EXPECT_THAT(Tables(m), IsEmpty()) << m;
  }
}

TEST_F(FormatRulesTest, TheFormatsEachModePrints) {
  std::string config = Config(PluginDir());
  testing::CommandResult list = Migrate(config, {"--list", "-f", "table"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, StartsWith("Available modules:\n"));
  for (const char* view : {"--status", "--migrations", "--dry-run"}) {
    for (const char* format : {"table", "json"}) {
      SCOPED_TRACE(std::string(view) + " -f " + format);
      testing::CommandResult r =
          Migrate(config, {view, "-n", "journal", "-f", format});
      EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
      EXPECT_THAT(r.err, IsEmpty());
      if (std::string(format) == "json") EXPECT_THAT(r.out, StartsWith("{"));
    }
  }
  EXPECT_THAT(Tables("journal"), IsEmpty());  // the views applied nothing
  testing::CommandResult mark =
      Migrate(config, {"-n", "journal", "--mark-version", "0", "-f", "value"});
  EXPECT_EQ(mark.exit_code, 0) << mark.out << mark.err;
  EXPECT_THAT(mark.out, StartsWith("journal OK")) << mark.out;
}

TEST_F(FormatRulesTest, HelpStatesTheRule) {
  testing::CommandResult r = Migrate(Config(PluginDir()), {"--help"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("-f by mode:\n"
                               "  a migrate run, --mark-version and "
                               "--accept-drift: table, json or value\n"
                               "  --list and --forget-controller: table\n"
                               "  --status, --migrations, --dry-run and "
                               "--check: table or json\n"));
}

}  // namespace
}  // namespace aos::e2e
