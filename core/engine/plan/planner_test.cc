#include "core/engine/plan/planner.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "core/plugin/module_plugin.h"

namespace aos::engine {
namespace {

using ::testing::HasSubstr;

plugin::Step SqlStep(std::string sql) {
  plugin::Step step;
  step.kind = plugin::Step::Kind::kSql;
  step.sql = std::move(sql);
  return step;
}

// A module with the given versions; those in `irreversible` lack a downgrade.
plugin::ModulePlugin Module(const std::vector<int64_t>& versions,
                            const std::vector<int64_t>& irreversible = {}) {
  plugin::ModulePlugin module;
  module.module_id = "dashboard";
  module.display_name = "Dashboard";
  module.repository_id = "dashboard";
  for (int64_t v : versions) {
    plugin::Migration m;
    m.version = v;
    m.description = "step " + std::to_string(v);
    m.upgrade = SqlStep("UP " + std::to_string(v));
    bool reversible = true;
    for (int64_t i : irreversible) reversible = reversible && i != v;
    if (reversible) m.downgrade = SqlStep("DOWN " + std::to_string(v));
    module.migrations.push_back(std::move(m));
  }
  return module;
}

struct Expected {
  int64_t version;
  bool upgrade;
  int64_t from;
  int64_t to;
};

void ExpectSteps(const absl::StatusOr<std::vector<PlannedStep>>& steps,
                 const std::vector<Expected>& expected) {
  ASSERT_TRUE(steps.ok()) << steps.status();
  ASSERT_EQ(steps->size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const PlannedStep& s = (*steps)[i];
    EXPECT_EQ(s.migration->version, expected[i].version) << "step " << i;
    EXPECT_EQ(s.upgrade, expected[i].upgrade) << "step " << i;
    EXPECT_EQ(s.from_version, expected[i].from) << "step " << i;
    EXPECT_EQ(s.to_version, expected[i].to) << "step " << i;
    std::string script = (expected[i].upgrade ? "UP " : "DOWN ") +
                         std::to_string(expected[i].version);
    EXPECT_EQ(s.step().sql, script) << "step " << i;
  }
}

TEST(PlanSteps, UpgradeFromEmpty) {
  plugin::ModulePlugin m = Module({1, 2, 3});
  ExpectSteps(PlanSteps(m, 0, 3),
              {{1, true, 0, 1}, {2, true, 1, 2}, {3, true, 2, 3}});
}

TEST(PlanSteps, UpgradePartWay) {
  plugin::ModulePlugin m = Module({1, 2, 3, 4, 5});
  ExpectSteps(PlanSteps(m, 2, 4), {{3, true, 2, 3}, {4, true, 3, 4}});
}

TEST(PlanSteps, UpgradeOverGapsInVersions) {
  plugin::ModulePlugin m = Module({1, 5, 10, 20});
  ExpectSteps(PlanSteps(m, 1, 20),
              {{5, true, 1, 5}, {10, true, 5, 10}, {20, true, 10, 20}});
}

TEST(PlanSteps, StepsPointIntoTheModule) {
  plugin::ModulePlugin m = Module({1, 2});
  absl::StatusOr<std::vector<PlannedStep>> steps = PlanSteps(m, 0, 2);
  ASSERT_TRUE(steps.ok());
  EXPECT_EQ((*steps)[0].migration, &m.migrations[0]);
  EXPECT_EQ((*steps)[1].migration, &m.migrations[1]);
}

TEST(PlanSteps, DowngradeToAnEarlierVersion) {
  plugin::ModulePlugin m = Module({25, 26, 27, 28});
  ExpectSteps(PlanSteps(m, 28, 26), {{28, false, 28, 27}, {27, false, 27, 26}});
  ExpectSteps(PlanSteps(m, 27, 26), {{27, false, 27, 26}});
}

TEST(PlanSteps, DowngradeToZero) {
  plugin::ModulePlugin m = Module({1, 5, 10});
  ExpectSteps(PlanSteps(m, 10, 0),
              {{10, false, 10, 5}, {5, false, 5, 1}, {1, false, 1, 0}});
}

TEST(PlanSteps, NoOp) {
  plugin::ModulePlugin m = Module({1, 2, 3});
  ExpectSteps(PlanSteps(m, 3, 3), {});
  ExpectSteps(PlanSteps(m, 1, 1), {});
  ExpectSteps(PlanSteps(m, 0, 0), {});
}

TEST(PlanSteps, TargetThatDoesNotExist) {
  plugin::ModulePlugin m = Module({1, 2, 3});
  for (int64_t target : {4, 99, -1}) {
    absl::StatusOr<std::vector<PlannedStep>> steps = PlanSteps(m, 2, target);
    ASSERT_FALSE(steps.ok()) << target;
    EXPECT_EQ(steps.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(steps.status().message(),
              "version " + std::to_string(target) +
                  " does not exist for dashboard (it has 0, 1..3)");
  }
  plugin::ModulePlugin gaps = Module({1, 5, 10});
  absl::StatusOr<std::vector<PlannedStep>> steps = PlanSteps(gaps, 1, 7);
  ASSERT_FALSE(steps.ok());
  EXPECT_EQ(steps.status().message(),
            "version 7 does not exist for dashboard (it has 0, 1, 5, 10)");
}

TEST(PlanSteps, CurrentNewerThanLatest) {
  plugin::ModulePlugin m = Module({1, 2, 3});
  absl::StatusOr<std::vector<PlannedStep>> steps = PlanSteps(m, 7, 3);
  ASSERT_FALSE(steps.ok());
  EXPECT_EQ(steps.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(steps.status().message()),
              HasSubstr("the database is at version 7, newer than this "
                        "plugin's latest (3)"));
}

TEST(PlanSteps, CurrentInAGapIsUnknown) {
  plugin::ModulePlugin m = Module({1, 5, 10});
  absl::StatusOr<std::vector<PlannedStep>> steps = PlanSteps(m, 3, 10);
  ASSERT_FALSE(steps.ok());
  EXPECT_EQ(steps.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(steps.status().message()),
              HasSubstr("version 3, which this plugin does not have (it has "
                        "1, 5, 10)"));
}

TEST(PlanSteps, IrreversibleDowngradeIsRefused) {
  plugin::ModulePlugin m = Module({1, 2, 3, 4}, /*irreversible=*/{2});
  absl::StatusOr<std::vector<PlannedStep>> steps = PlanSteps(m, 4, 1);
  ASSERT_FALSE(steps.ok());
  EXPECT_EQ(steps.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(steps.status().message(),
            "migration 2 (step 2) is irreversible: dashboard cannot go below "
            "version 2");
  // Above the irreversible step, downgrades are fine.
  ExpectSteps(PlanSteps(m, 4, 2), {{4, false, 4, 3}, {3, false, 3, 2}});
  // And upgrades never need a downgrade.
  ExpectSteps(PlanSteps(m, 1, 4),
              {{2, true, 1, 2}, {3, true, 2, 3}, {4, true, 3, 4}});
}

TEST(PlanSteps, IrreversibleFirstMigrationBlocksGoingToZero) {
  plugin::ModulePlugin m = Module({1, 2}, /*irreversible=*/{1});
  absl::StatusOr<std::vector<PlannedStep>> steps = PlanSteps(m, 2, 0);
  ASSERT_FALSE(steps.ok());
  EXPECT_THAT(std::string(steps.status().message()),
              HasSubstr("cannot go below version 1"));
  ExpectSteps(PlanSteps(m, 2, 1), {{2, false, 2, 1}});
}

TEST(DescribeVersions, Styles) {
  EXPECT_EQ(DescribeVersions(Module({})), "none");
  EXPECT_EQ(DescribeVersions(Module({1})), "1");
  EXPECT_EQ(DescribeVersions(Module({1, 2})), "1, 2");
  EXPECT_EQ(DescribeVersions(Module({1, 2, 3})), "1..3");
  std::vector<int64_t> all;
  for (int64_t v = 1; v <= 28; ++v) all.push_back(v);
  EXPECT_EQ(DescribeVersions(Module(all)), "1..28");
  EXPECT_EQ(DescribeVersions(Module({25, 26, 27, 28})), "25..28");
  EXPECT_EQ(DescribeVersions(Module({1, 2, 5})), "1, 2, 5");
  EXPECT_EQ(DescribeVersions(Module({3, 7})), "3, 7");
}

}  // namespace
}  // namespace aos::engine
