// Pre-flight on the live data (issue 26) on a real MariaDB: values that try
// to break the report (newlines, '|', 10 MB, escape sequences) beside a
// password-like column the statement does not name are shown bounded and
// escaped, or not at all (module `pfhostile`,
// testdata/preflight_plugins/hostile); a view does not scan a table at or
// above the DDL gate's limits, and says the run asks that check.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/e2e/preflight_driver.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A view does not scan a table at or above the DDL gate's limits (here a
// limit of one row): it says the run asks that check; the run does.
TEST_F(MariadbPreflightTest, AViewLeavesACheckOverABigTableToTheRun) {
  AddModules({"pfkinds"});
  Engine e = Drive(Config(PluginDir({kKinds}), 0, "blocking_max_rows = 1\n"),
                   "pfkinds");
  ASSERT_EQ(e.migrate({"-n", "pfkinds", "--migration", "1"}).exit_code, 0);
  e.exec("INSERT INTO pf_unique VALUES (1, 'dup', 's'), (2, 'dup', 's')");
  testing::CommandResult r = e.migrate(
      {"-n", "pfkinds", "--migration", "2", "--dry-run", "-f", "json"});
  std::vector<Json> found = Findings(r, "steps");
  ASSERT_EQ(found.size(), 1u) << r.out;
  EXPECT_EQ(JsonString(found[0].at("outcome")), "at_run");
  EXPECT_TRUE(JsonBool(found[0].at("above_limits")));
  EXPECT_THAT(JsonString(found[0].at("note")),
              HasSubstr("at or above the DDL gate's limits"));
  r = e.migrate({"-n", "pfkinds", "--migration", "2", "--dry-run"});
  EXPECT_THAT(r.out, HasSubstr("-- pre-flight: UNIQUE (v) on pf_unique: "
                               "at_run: not asked by this view"))
      << r.out;
  r = e.migrate({"-n", "pfkinds", "--migration", "2", "-f", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(JsonString(Row(r).at("category")), "data_conflict") << r.out;
  EXPECT_FALSE(e.has_table("pf_marker_2"));
}

TEST_F(MariadbPreflightTest, HostileValuesAreShownBoundedAndEscaped) {
  AddModules({"pfhostile"});
  const std::string config = Config(PluginDir({kHostile}));
  Engine e = Drive(config, "pfhostile");
  ASSERT_EQ(e.migrate({"-n", "pfhostile", "--migration", "1"}).exit_code, 0);
  const std::string secret = "p4ssw0rd-Secret!";
  e.exec(absl::StrCat("INSERT INTO pf_hostile VALUES (1, 'line1\\nline2|x', '",
                      secret, "'), (2, 'line1\\nline2|x', '", secret,
                      "'), (3, REPEAT('y', 10485760), '", secret,
                      "'), (4, REPEAT('y', 10485760), '", secret,
                      "'), (5, CONCAT('esc', CHAR(27), '[2J'), '", secret,
                      "'), (6, CONCAT('esc', CHAR(27), '[2J'), '", secret,
                      "')"));
  ASSERT_THAT(QueryDb("pfhostile", "SELECT MAX(LENGTH(note)) FROM pf_hostile"),
              ::testing::ElementsAre("10485760"));
  for (const char* format : {"table", "json"}) {
    SCOPED_TRACE(format);
    testing::CommandResult r =
        e.migrate({"-n", "pfhostile", "-v", "-f", format});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    const std::string all = r.out + r.err;
    EXPECT_LT(all.size(), 20000u) << "the report is not bounded";
    EXPECT_THAT(all, Not(HasSubstr(secret)));
    EXPECT_THAT(all, Not(HasSubstr("line1\nline2")));
    EXPECT_THAT(all, Not(HasSubstr("\x1b")));
    EXPECT_THAT(all, Not(HasSubstr(std::string(41, 'y'))));
    std::string error;
    if (std::string(format) == "json") {
      Json row = Row(r);
      EXPECT_EQ(JsonString(row.at("category")), "data_conflict");
      error = JsonString(row.at("error"));
    } else {
      std::optional<ReportRow> row = FindRow(r.out, "PreflightHostile");
      ASSERT_TRUE(row.has_value()) << r.out;
      error = row->result;
    }
    EXPECT_THAT(WithoutBlanks(error),
                HasSubstr(WithoutBlanks("'line1\\nline2\\|x') x2")))
        << error;
    EXPECT_THAT(WithoutBlanks(error),
                HasSubstr(absl::StrCat("'", std::string(40, 'y'), "...')x2")))
        << error;
    EXPECT_THAT(WithoutBlanks(error), HasSubstr("'esc\\x1b[2J')x2")) << error;
  }
  for (const std::string& row :
       QueryDb("pfhostile", "SELECT * FROM aos_migration_history")) {
    EXPECT_THAT(row, Not(HasSubstr(secret)));
  }
  EXPECT_EQ(e.version(), "1");
  EXPECT_FALSE(e.has_table("pf_marker"));
}

}  // namespace
}  // namespace aos::e2e
