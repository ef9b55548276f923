#include "core/engine/rolling_plan.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::engine {
namespace {

using plugin::Phase;
using ::testing::HasSubstr;

class RollingPlanTest : public ::testing::Test {
 protected:
  // Pending steps 4.. with these phases.
  std::vector<PlannedStep> Plan(const std::vector<Phase>& phases) {
    migrations_.clear();
    migrations_.reserve(phases.size());
    for (size_t i = 0; i < phases.size(); ++i) {
      plugin::Migration m;
      m.version = static_cast<int64_t>(4 + i);
      m.description = "step " + std::to_string(4 + i);
      m.phase = phases[i];
      migrations_.push_back(m);
    }
    std::vector<PlannedStep> plan;
    for (const plugin::Migration& m : migrations_) {
      plan.push_back({&m, true, m.version - 1, m.version});
    }
    return plan;
  }
  RollingPolicy Policy(RollingMode mode) {
    RollingPolicy p;
    p.mode = mode;
    p.self = "ctl1";
    return p;
  }
  std::vector<plugin::Migration> migrations_;
};

const ControllerRecord kSelf{"ctl1", 9, "1", 1000, 0};
const ControllerRecord kOld{"ctl2", 5, "1", 900, 100};       // up to 5
const ControllerRecord kNew{"ctl3", 9, "1", 900, 100};       // up to 9
const ControllerRecord kGone{"ctl4", 3, "1", 10, 99999999};  // long gone

TEST_F(RollingPlanTest, APlainRunKeepsEverything) {
  auto plan = Plan({Phase::kExpand, Phase::kContract, Phase::kUnspecified});
  RollingCut cut = CutRollingPlan(plan, Policy(RollingMode::kPlain), {kOld});
  EXPECT_EQ(cut.keep, 3u);
  EXPECT_FALSE(cut.held_back.has_value());
  EXPECT_TRUE(cut.refusal.ok());
}

TEST_F(RollingPlanTest, ExpandStopsBeforeAContractStep) {
  auto plan = Plan({Phase::kExpand, Phase::kMigrate, Phase::kContract});
  RollingCut cut =
      CutRollingPlan(plan, Policy(RollingMode::kExpand), {kSelf, kOld});
  EXPECT_EQ(cut.keep, 2u);
  ASSERT_TRUE(cut.held_back.has_value());
  EXPECT_EQ(cut.held_back->version, 6);
  EXPECT_EQ(cut.held_back->phase, "contract");
  EXPECT_THAT(cut.held_back->reason, HasSubstr("ctl2 (runs a release up to 5"));
  // Even when every controller is ready: contracting is --contract's.
  cut = CutRollingPlan(plan, Policy(RollingMode::kExpand), {kSelf, kNew});
  EXPECT_EQ(cut.keep, 2u);
  ASSERT_TRUE(cut.held_back.has_value());
  EXPECT_THAT(cut.held_back->reason, HasSubstr("run --contract"));
}

TEST_F(RollingPlanTest, ExpandStopsBeforeAStepWithoutAPhase) {
  auto plan = Plan({Phase::kExpand, Phase::kUnspecified, Phase::kExpand});
  RollingCut cut = CutRollingPlan(plan, Policy(RollingMode::kExpand), {});
  EXPECT_EQ(cut.keep, 1u);
  ASSERT_TRUE(cut.held_back.has_value());
  EXPECT_EQ(cut.held_back->phase, "unspecified");
  EXPECT_THAT(cut.held_back->reason, HasSubstr("not declared"));
  // An ABI 1.1 plugin: nothing at all.
  EXPECT_EQ(CutRollingPlan(Plan({Phase::kUnspecified}),
                           Policy(RollingMode::kExpand), {})
                .keep,
            0u);
}

TEST_F(RollingPlanTest, ANextReleaseIsNotStuckBehindAReadyContractStep) {
  // 4 contract (the previous release's), 5 expand (the next one's).
  auto plan = Plan({Phase::kContract, Phase::kExpand});
  RollingCut ready =
      CutRollingPlan(plan, Policy(RollingMode::kExpand), {kSelf, kNew, kGone});
  EXPECT_EQ(ready.keep, 2u) << "every active controller includes 4";
  EXPECT_FALSE(ready.held_back.has_value());
  // One controller still runs a release up to 3: nothing can go.
  const ControllerRecord older{"ctl5", 3, "1", 900, 100};
  RollingCut held =
      CutRollingPlan(plan, Policy(RollingMode::kExpand), {kSelf, older});
  EXPECT_EQ(held.keep, 0u);
  ASSERT_TRUE(held.held_back.has_value());
  EXPECT_THAT(held.held_back->reason, HasSubstr("ctl5"));
}

TEST_F(RollingPlanTest, ContractIsRefusedWhileAControllerIsBehind) {
  auto plan = Plan({Phase::kExpand, Phase::kExpand, Phase::kContract});
  RollingCut cut =
      CutRollingPlan(plan, Policy(RollingMode::kContract), {kSelf, kOld});
  EXPECT_EQ(cut.keep, 0u);
  EXPECT_EQ(cut.refusal.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(cut.refusal.message(), HasSubstr("migration 6 (step 6)"));
  EXPECT_THAT(cut.refusal.message(), HasSubstr("ctl2"));
  EXPECT_THAT(cut.refusal.message(), HasSubstr("--forget-controller"));
  // Ready, gone long ago, or forced: it runs.
  EXPECT_EQ(CutRollingPlan(plan, Policy(RollingMode::kContract), {kSelf, kNew})
                .keep,
            3u);
  EXPECT_EQ(
      CutRollingPlan(plan, Policy(RollingMode::kContract), {kSelf, kGone}).keep,
      3u);
  RollingPolicy forced = Policy(RollingMode::kContract);
  forced.force = true;
  EXPECT_EQ(CutRollingPlan(plan, forced, {kSelf, kOld}).keep, 3u);
}

TEST_F(RollingPlanTest, RequiredControllersCountHoweverOldAndWhenUnseen) {
  auto plan = Plan({Phase::kContract});
  RollingPolicy p = Policy(RollingMode::kContract);
  p.required = {"ctl4"};
  RollingCut gone = CutRollingPlan(plan, p, {kSelf, kGone});
  EXPECT_THAT(gone.refusal.message(), HasSubstr("ctl4 (runs a release up to 3"));
  p.required = {"ctl9"};
  RollingCut unseen = CutRollingPlan(plan, p, {kSelf});
  EXPECT_THAT(unseen.refusal.message(), HasSubstr("ctl9 (never seen)"));
}

TEST_F(RollingPlanTest, AFirstInstallIsNeverCut) {
  auto plan = Plan({Phase::kUnspecified, Phase::kContract});
  plan[0].from_version = 0;  // the module is not installed yet
  EXPECT_EQ(
      CutRollingPlan(plan, Policy(RollingMode::kExpand), {kSelf, kOld}).keep,
      2u);
  EXPECT_EQ(
      CutRollingPlan(plan, Policy(RollingMode::kContract), {kSelf, kOld}).keep,
      2u);
}

TEST_F(RollingPlanTest, ADowngradeIsNeverCut) {
  auto plan = Plan({Phase::kContract});
  plan[0].upgrade = false;
  EXPECT_EQ(CutRollingPlan(plan, Policy(RollingMode::kContract), {kOld}).keep,
            1u);
}

TEST(CheckCodeTest, TheHighestPendingPhaseWins) {
  EXPECT_EQ(CheckCode({}), 0);
  EXPECT_EQ(CheckCode({Phase::kExpand}), 2);
  EXPECT_EQ(CheckCode({Phase::kExpand, Phase::kMigrate}), 3);
  EXPECT_EQ(CheckCode({Phase::kMigrate, Phase::kExpand}), 3);
  EXPECT_EQ(CheckCode({Phase::kExpand, Phase::kContract}), 4);
  EXPECT_EQ(CheckCode({Phase::kUnspecified}), 4);
}

}  // namespace
}  // namespace aos::engine
