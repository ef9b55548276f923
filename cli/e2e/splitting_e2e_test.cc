// Issue 23, case 4 ("The splitter disagrees with the server"), through the
// built aos-db-migrate on a real MariaDB: statements exactly as the server
// reads them. testdata/splitting_plugins/:
//  - begincol: five statements over columns named begin and end, the
//    fourth failing until the operator creates a table; before the one
//    lexer they became three and the merged one ran again on resume;
//  - execcomments: /*!50000 ... */ and /*M!100000 ... */ statements, once
//    dropped as comments;
//  - futurecomment: a /*!999999 ... */ statement, nothing to run on 10.11.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/report_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace aos::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kBeginCol[] =
    "testdata/splitting_plugins/begincol/libbegincol.so";
constexpr char kExecComments[] =
    "testdata/splitting_plugins/execcomments/libexeccomments.so";
constexpr char kFutureComment[] =
    "testdata/splitting_plugins/futurecomment/libfuturecomment.so";

class SplittingTest : public MigrateTest {
 protected:
  std::vector<std::string> History(const std::string& module) {
    return QueryDb(module,
                   "SELECT version, outcome, statements_done, "
                   "statements_total FROM aos_migration_history ORDER BY id");
  }
  std::vector<std::string> TablesNamed(const std::string& module,
                                       const std::string& like) {
    return QueryDb(module, absl::StrCat(
                               "SELECT table_name FROM information_schema."
                               "tables WHERE table_schema = DATABASE() AND "
                               "table_name LIKE '", like, "' ORDER BY 1"));
  }
};

TEST_F(SplittingTest, ABeginColumnOpensNothingAndAResumeRunsEachStatementOnce) {
  AddModules({"begincol"});
  const std::string config = Config(PluginDir({kBeginCol}));
  testing::CommandResult failed =
      Migrate(config, {"-n", "begincol", "--verbose"});
  ASSERT_EQ(failed.exit_code, 1) << failed.out << failed.err;
  std::optional<ReportRow> row = FindRow(failed.out, "BeginColumn");
  ASSERT_TRUE(row.has_value()) << failed.out;
  EXPECT_THAT(row->result, HasWrappedSubstr("statement 4 of 5"));
  // Statements 1-3 applied, once; 5 not yet.
  EXPECT_THAT(QueryDb("begincol", "SELECT begin, end, n FROM begincol_t"),
              ElementsAre("1\t0\t1"));

  absl::Status st = server_->Execute(absl::StrCat(
      "CREATE TABLE ", Db("begincol"), ".begincol_fixme (id INT)"));
  ASSERT_TRUE(st.ok()) << st;
  testing::CommandResult r = Migrate(config, {"-n", "begincol", "-f", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  nlohmann::json doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["modules"][0]["result"], "1 -> 2 (resumed at statement 4 of 5)");
  // Each of the five statements exactly once: n incremented once.
  EXPECT_THAT(QueryDb("begincol", "SELECT begin, end, n FROM begincol_t"),
              ElementsAre("1\t1\t1"));
  EXPECT_THAT(QueryDb("begincol", "SELECT note FROM begincol_log"),
              ElementsAre("first"));
  EXPECT_THAT(QueryDb("begincol",
                      "SELECT COUNT(*) FROM information_schema.columns WHERE "
                      "table_schema = DATABASE() AND table_name = "
                      "'begincol_fixme' AND column_name = 'extra'"),
              ElementsAre("1"));
  EXPECT_THAT(History("begincol"),
              ElementsAre("1\tok\t3\t3", "2\tfailed\t3\t5", "2\tok\t5\t5"));
}

TEST_F(SplittingTest, ExecutableCommentsTheServerRunsAreStatements) {
  AddModules({"execcomments"});
  testing::CommandResult r =
      Migrate(Config(PluginDir({kExecComments})), {"-n", "execcomments"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(TablesNamed("execcomments", "h%"),
              ElementsAre("h3", "h4", "h_plain"));
  EXPECT_THAT(History("execcomments"), ElementsAre("1\tok\t3\t3"));
}

TEST_F(SplittingTest, AnExecutableCommentOfANewerServerHasNothingToRun) {
  AddModules({"futurecomment"});
  testing::CommandResult r =
      Migrate(Config(PluginDir({kFutureComment})), {"-n", "futurecomment"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(TablesNamed("futurecomment", "h5"), IsEmpty());
  EXPECT_THAT(TablesNamed("futurecomment", "h%"), ElementsAre("h_base"));
  EXPECT_THAT(History("futurecomment"), ElementsAre("1\tok\t2\t2"));
  EXPECT_EQ(RecordedVersion("futurecomment"), "1");
}

}  // namespace
}  // namespace aos::e2e
