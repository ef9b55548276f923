#include "core/engine/plan/rolling_plan.h"

#include "absl/strings/str_cat.h"
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

constexpr char kMachineA[] = "0123456789abcdef0123456789abcdef";
constexpr char kMachineB[] = "fedcba9876543210fedcba9876543210";

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
      CutRollingPlan(plan, Policy(RollingMode::kExpand), {kSelf, kNew});
  EXPECT_EQ(ready.keep, 2u) << "every controller includes 4";
  EXPECT_FALSE(ready.held_back.has_value());
  // One that started long ago still counts, unless a window is set.
  EXPECT_EQ(
      CutRollingPlan(plan, Policy(RollingMode::kExpand), {kSelf, kNew, kGone})
          .keep,
      0u);
  RollingPolicy windowed = Policy(RollingMode::kExpand);
  windowed.window_seconds = 24 * 3600;
  EXPECT_EQ(CutRollingPlan(plan, windowed, {kSelf, kNew, kGone}).keep, 2u);
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
  // Ready or forced: it runs.
  EXPECT_EQ(CutRollingPlan(plan, Policy(RollingMode::kContract), {kSelf, kNew})
                .keep,
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
  EXPECT_THAT(unseen.refusal.message(), HasSubstr("ctl9 (never registered)"));
}

// The clock forgets nobody unless the operator set a window: a controller
// runs for weeks without a restart.
TEST_F(RollingPlanTest, AControllerCountsHoweverLongAgoItStartedUnlessAWindowIsSet) {
  auto plan = Plan({Phase::kContract});
  RollingCut old = CutRollingPlan(plan, Policy(RollingMode::kContract),
                                  {kSelf, kGone});
  EXPECT_EQ(old.keep, 0u);
  EXPECT_THAT(old.refusal.message(), HasSubstr("ctl4 (runs a release up to 3"));
  RollingPolicy windowed = Policy(RollingMode::kContract);
  windowed.window_seconds = 24 * 3600;
  EXPECT_EQ(CutRollingPlan(plan, windowed, {kSelf, kGone}).keep, 1u);
  const ControllerRecord recent{"ctl5", 3, "1", 900, 100};
  EXPECT_EQ(CutRollingPlan(plan, windowed, {kSelf, recent}).keep, 0u);
}

// Two controllers of one name on two machines are two: the other is not
// taken for this one.
TEST_F(RollingPlanTest, AControllerOfTheSameNameOnAnotherMachineCounts) {
  auto plan = Plan({Phase::kContract});
  RollingPolicy p = Policy(RollingMode::kContract);
  p.self = ControllerId{"ctl1", kMachineA}.Key();
  const ControllerRecord self{p.self, 9, "1", 1000, 0};
  const ControllerRecord clone{ControllerId{"ctl1", kMachineB}.Key(), 3, "1",
                               900, 100};
  RollingCut cut = CutRollingPlan(plan, p, {self, clone});
  EXPECT_EQ(cut.keep, 0u);
  EXPECT_THAT(cut.refusal.message(),
              HasSubstr(absl::StrCat("ctl1@", kMachineB,
                                     " (runs a release up to 3")));
  EXPECT_EQ(CutRollingPlan(plan, p, {self}).keep, 1u);
  // A required name is any machine's of that name.
  p.required = {"ctl1"};
  EXPECT_EQ(CutRollingPlan(plan, p, {self}).keep, 1u);
}

TEST(ControllerIdTest, KeysRoundTripAndANameAloneStaysAName) {
  const ControllerId id{"ctl1", kMachineA};
  EXPECT_EQ(id.Key(), absl::StrCat("ctl1@", kMachineA));
  EXPECT_EQ(ControllerId::FromKey(id.Key()).name, "ctl1");
  EXPECT_EQ(ControllerId::FromKey(id.Key()).machine_id, kMachineA);
  EXPECT_EQ(ControllerId::FromKey("ctl1").name, "ctl1");
  EXPECT_EQ(ControllerId::FromKey("ctl1").machine_id, "");
  EXPECT_EQ(ControllerId::FromKey("a@b").name, "a@b");
  EXPECT_EQ((ControllerId{"ctl1", ""}).Key(), "ctl1");
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

// Keystone's `db_sync --check`: the first command needed, not the highest
// phase pending.
TEST(CheckCodeTest, TheFirstCommandNeededAsKeystoneAnswers) {
  EXPECT_EQ(CheckCode({}, true), 0);
  EXPECT_EQ(CheckCode({Phase::kExpand}, true), 2);
  EXPECT_EQ(CheckCode({Phase::kExpand, Phase::kMigrate}, true), 2);
  EXPECT_EQ(CheckCode({Phase::kMigrate, Phase::kExpand}, true), 2);
  EXPECT_EQ(CheckCode({Phase::kExpand, Phase::kMigrate, Phase::kContract}, true),
            2);
  EXPECT_EQ(CheckCode({Phase::kMigrate}, true), 3);
  EXPECT_EQ(CheckCode({Phase::kMigrate, Phase::kContract}, true), 3);
  EXPECT_EQ(CheckCode({Phase::kContract}, true), 4);
  EXPECT_EQ(CheckCode({Phase::kUnspecified}, true), 4);
  // Not installed: --expand installs it whole, phases or not.
  EXPECT_EQ(CheckCode({Phase::kUnspecified, Phase::kContract}, false), 2);
  EXPECT_EQ(CheckCode({}, false), 0);
}

TEST(CheckCodeTest, SeveralModulesAnswerTheLowestNonZeroCode) {
  EXPECT_EQ(OverallCheckCode({}), 0);
  EXPECT_EQ(OverallCheckCode({0, 0}), 0);
  EXPECT_EQ(OverallCheckCode({4, 2, 3}), 2);
  EXPECT_EQ(OverallCheckCode({0, 4, 3}), 3);
  EXPECT_EQ(OverallCheckCode({4, 0}), 4);
  EXPECT_EQ(OverallCheckCode({2, 1, 4}), 1);
  EXPECT_EQ(NextCommand(2), "--expand");
  EXPECT_EQ(NextCommand(3), "--expand");
  EXPECT_EQ(NextCommand(4), "--contract");
  EXPECT_EQ(NextCommand(0), "");
  EXPECT_EQ(NextCommand(1), "");
}

}  // namespace
}  // namespace aos::engine
