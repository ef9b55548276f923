// Resuming a step an earlier run left failed part-way, on a real MariaDB
// (issue 16). testdata/broken_plugins/resumable: migration 2 is CREATE
// TABLE IF NOT EXISTS resumable_log; INSERT one row; ALTER TABLE
// resumable_fixme, which fails until the operator creates that table.
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
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kPlugin[] = "testdata/broken_plugins/resumable/libresumable.so";

class ResumeTest : public MigrateTest {
 protected:
  void SetUp() override {
    MigrateTest::SetUp();
    AddModules({"resumable"});
    config_ = Config(PluginDir({kPlugin}));
  }

  void CreateFixme() {
    absl::Status st = server_->Execute(absl::StrCat(
        "CREATE TABLE ", Db("resumable"), ".resumable_fixme (id INT)"));
    ASSERT_TRUE(st.ok()) << st;
  }

  std::string config_;
};

TEST_F(ResumeTest, AFailedStepIsResumedAtItsFailedStatementNeverAtOne) {
  for (int run = 0; run < 4; ++run) {  // as Restart=on-failure would
    testing::CommandResult r =
        Migrate(config_, {"-n", "resumable", "--verbose"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    std::optional<ReportRow> row = FindRow(r.out, "Resumable");
    ASSERT_TRUE(row.has_value()) << r.out;
    // The real cause every time, never the rerun's "table exists".
    EXPECT_THAT(row->result, HasWrappedSubstr("statement 3 of 3"));
    EXPECT_THAT(row->result, Not(HasWrappedSubstr("already exists")));
  }
  EXPECT_THAT(QueryDb("resumable", "SELECT note FROM resumable_log"),
              ElementsAre("once"));
  EXPECT_EQ(RecordedVersion("resumable"), "1");

  CreateFixme();  // the operator fixes the cause
  testing::CommandResult r =
      Migrate(config_, {"-n", "resumable", "-f", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  nlohmann::json doc = nlohmann::json::parse(r.out);
  const nlohmann::json& m = doc["modules"][0];
  EXPECT_EQ(m["result"], "1 -> 2 (resumed at statement 3 of 3)");
  EXPECT_EQ(m["resumed"]["version"], 2);
  EXPECT_EQ(m["resumed"]["statement"], 3);
  EXPECT_EQ(m["resumed"]["statements"], 3);
  EXPECT_EQ(RecordedVersion("resumable"), "2");
  EXPECT_THAT(QueryDb("resumable", "SELECT note FROM resumable_log"),
              ElementsAre("once"));
  EXPECT_THAT(QueryDb("resumable",
                      "SELECT COUNT(*) FROM information_schema.columns WHERE "
                      "table_schema = DATABASE() AND table_name = "
                      "'resumable_fixme' AND column_name = 'extra'"),
              ElementsAre("1"));
  // Every attempt stays in the history, each starting where the last one
  // stopped.
  EXPECT_THAT(QueryDb("resumable",
                      "SELECT version, outcome, statements_done, "
                      "statements_total FROM aos_migration_history "
                      "ORDER BY id"),
              ElementsAre("1\tok\t1\t1", "2\tfailed\t2\t3", "2\tfailed\t2\t3",
                          "2\tfailed\t2\t3", "2\tfailed\t2\t3",
                          "2\tok\t3\t3"));
}

TEST_F(ResumeTest, TheTableSaysWhereAStepWasResumed) {
  testing::CommandResult first = Migrate(config_, {"-n", "resumable"});
  ASSERT_EQ(first.exit_code, 1) << first.out << first.err;
  CreateFixme();
  testing::CommandResult r = Migrate(config_, {"-n", "resumable"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::optional<ReportRow> row = FindRow(r.out, "Resumable");
  ASSERT_TRUE(row.has_value()) << r.out;
  EXPECT_EQ(row->result, "1 -> 2 (resumed at statement 3 of 3)");
}

TEST_F(ResumeTest, AStepWhoseScriptChangedSinceIsNotResumed) {
  testing::CommandResult first = Migrate(config_, {"-n", "resumable"});
  ASSERT_EQ(first.exit_code, 1) << first.out << first.err;
  CreateFixme();
  const std::string changed = Config(PluginDir(
      {"testdata/broken_plugins/resumable/changed/libresumable.so"}));
  testing::CommandResult r = Migrate(changed, {"-n", "resumable"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::optional<ReportRow> row = FindRow(r.out, "Resumable");
  ASSERT_TRUE(row.has_value()) << r.out;
  EXPECT_THAT(row->result, HasWrappedSubstr("statement 3 of 3"));
  EXPECT_THAT(row->result, HasWrappedSubstr("has changed since"));
  EXPECT_EQ(RecordedVersion("resumable"), "1");
  EXPECT_THAT(QueryDb("resumable", "SELECT note FROM resumable_log"),
              ElementsAre("once"));
}

TEST_F(ResumeTest, MarkVersionEndsTheResume) {
  testing::CommandResult first = Migrate(config_, {"-n", "resumable"});
  ASSERT_EQ(first.exit_code, 1);
  // The operator finished step 2 by hand and records it.
  CreateFixme();
  ASSERT_TRUE(server_
                  ->Execute(absl::StrCat("ALTER TABLE ", Db("resumable"),
                                         ".resumable_fixme ADD COLUMN extra "
                                         "INT NULL"))
                  .ok());
  testing::CommandResult mark =
      Migrate(config_, {"-n", "resumable", "--mark-version", "2"});
  ASSERT_EQ(mark.exit_code, 0) << mark.out << mark.err;
  testing::CommandResult r = Migrate(config_, {"-n", "resumable"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("No changes"));
  EXPECT_THAT(QueryDb("resumable", "SELECT note FROM resumable_log"),
              ElementsAre("once"));
}

}  // namespace
}  // namespace aos::e2e
