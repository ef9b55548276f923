// Every example of the spec (shared/spec/db-migrate-utility.txt), reproduced
// on real databases prepared at the spec's versions and compared byte for
// byte with testdata/golden/.
#include <string>

#include "cli/e2e/migrate_fixture.h"
#include "gtest/gtest.h"

namespace aos::e2e {
namespace {

using SpecGoldenTest = MigrateTest;

TEST_F(SpecGoldenTest, ListsAvailableModules) {
  testing::CommandResult r = Migrate(Config(PluginDir()), {"--list"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, Golden("list.txt"));
}

TEST_F(SpecGoldenTest, SingleModuleNineToTen) {
  // The database was at 9 when the Dashboard release whose latest is 10
  // was installed.
  PrepareAt(Config(PluginDir()), "dashboard", 9);
  std::string release10 =
      PluginDir({"testdata/plugin_releases/dashboard_10/libdashboard.so"});
  testing::CommandResult r = Migrate(Config(release10), {"--names", "dashboard"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, Golden("dashboard_9_to_10.txt"));
  EXPECT_EQ(RecordedVersion("dashboard"), "10");
}

TEST_F(SpecGoldenTest, TwoModulesNoChangesAndTwentyFiveToTwentyEight) {
  std::string config = Config(PluginDir());
  PrepareAt(config, "dashboard", 11);
  PrepareAt(config, "cloud_manager", 25);
  testing::CommandResult r =
      Migrate(config, {"--names", "dashboard", "cloud_manager"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, Golden("dashboard_and_cloud_manager.txt"));
  EXPECT_EQ(RecordedVersion("cloud_manager"), "28");
}

TEST_F(SpecGoldenTest, AllModules) {
  std::string config = Config(PluginDir());
  ASSERT_EQ(Migrate(config, {}).exit_code, 0);  // everything to latest
  PrepareAt(config, "dashboard", 10);
  PrepareAt(config, "rs_server", 10);
  testing::CommandResult r = Migrate(config, {});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, Golden("all_modules.txt"));
}

TEST_F(SpecGoldenTest, AllModulesFailWhenTheServerIsDown) {
  std::string config = Config(PluginDir(), testing::FreePort());
  testing::CommandResult r = Migrate(config, {});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, Golden("all_fail.txt"));
}

TEST_F(SpecGoldenTest, VerboseShowsTheServerError) {
  std::string config = Config(PluginDir(), testing::FreePort());
  testing::CommandResult r = Migrate(
      config, {"--names", "dashboard", "cloud_manager", "--verbose"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, Golden("fail_verbose.txt"));
}

TEST_F(SpecGoldenTest, RollbackTwentySevenToTwentySix) {
  std::string config = Config(PluginDir());
  PrepareAt(config, "cloud_manager", 27);
  testing::CommandResult r =
      Migrate(config, {"-n", "cloud_manager", "--migration", "26"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, Golden("cloud_manager_rollback.txt"));
  EXPECT_EQ(RecordedVersion("cloud_manager"), "26");
}

}  // namespace
}  // namespace aos::e2e
