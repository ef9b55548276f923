// The packaging contract, end to end with an installed tree
// (tools/packaging/install-tree): a plugin built outside Bazel with only the
// installed headers is dropped into the installed plugin directory and
// migrated by the installed binary; an upgraded plugin migrates on from the
// database's version; a removed one disappears and leaves its database
// alone; an ABI 1.0 plugin still loads and another major is refused.
#include <unistd.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/e2e/migrate_fixture.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class InstallTest : public MigrateTest {
 protected:
  void SetUp() override {
    MigrateTest::SetUp();
    prefix_ = testing::NewTempDir("prefix.");
    std::string root = testing::Runfile("");
    testing::CommandResult r = RunCommandOrFail(
        {"bash", testing::Runfile("tools/packaging/install-tree"), root, root,
         prefix_});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    plugin_dir_ = prefix_ + "/usr/lib/aos/db-migrate/plugins";
    AddModules({"notes", "archive"});
  }

  // Compiles an out-of-tree plugin against the installed headers only.
  void Build(const std::string& source, const std::string& target,
             const std::vector<std::string>& defines = {}) {
    bool cxx = source.size() > 3 && source.substr(source.size() - 3) == ".cc";
    std::string out = testing::NewTempDir("build.") + "/" + target;
    std::vector<std::string> argv = {cxx ? "g++" : "gcc"};
    if (cxx) argv.push_back("-std=c++17");
    for (const std::string& d : defines) argv.push_back("-D" + d);
    for (const char* flag : {"-shared", "-fPIC", "-fvisibility=hidden", "-O1"}) {
      argv.push_back(flag);
    }
    argv.push_back("-I" + prefix_ + "/usr/include/aos-db-migrate");
    argv.push_back(testing::Runfile("testdata/out_of_tree/" + source));
    argv.push_back("-o");
    argv.push_back(out);
    testing::CommandResult r = RunCommandOrFail(argv);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // As a package would: a new file renamed into place.
    r = RunCommandOrFail(
        {"install", "-m", "0644", out, plugin_dir_ + "/" + target});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  testing::CommandResult Installed(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {prefix_ + "/usr/bin/aos-db-migrate",
                                     "--config", Config(plugin_dir_)};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommandOrFail(argv);
  }

  std::string prefix_;
  std::string plugin_dir_;
};

TEST_F(InstallTest, InstalledTreeHasTheDocumentedLayout) {
  for (const char* path :
       {"/usr/bin/aos-db-migrate", "/usr/bin/aos-plugin-check",
        "/usr/include/aos-db-migrate/core/abi/aos_migration_abi.h",
        "/usr/include/aos-db-migrate/core/sdk/migration_provider.h",
        "/usr/lib/aos/db-migrate/plugins/libdashboard.so",
        "/etc/aos/db-migrate.conf",
        "/lib/systemd/system/aos-db-migrate.service"}) {
    EXPECT_EQ(access((prefix_ + path).c_str(), R_OK), 0) << path;
  }
  std::string unit =
      testing::ReadFile(prefix_ + "/lib/systemd/system/aos-db-migrate.service");
  EXPECT_THAT(unit, HasSubstr("Type=oneshot"));
  EXPECT_THAT(unit, HasSubstr("ExecStart=/usr/bin/aos-db-migrate"));
  EXPECT_THAT(unit, HasSubstr("Before=aos-dashboard.service"));
  std::string config = testing::ReadFile(prefix_ + "/etc/aos/db-migrate.conf");
  EXPECT_THAT(config, HasSubstr("plugin_dir = " + plugin_dir_));
}

TEST_F(InstallTest, DropInUpgradeAndRemovalOfAnOutOfTreePlugin) {
  Build("notes_plugin.cc", "libnotes.so", {"NOTES_RELEASE=2"});
  testing::CommandResult list = Installed({"--list"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, HasSubstr("\nnotes\n"));

  testing::CommandResult first = Installed({"-n", "notes"});
  EXPECT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_THAT(first.out, HasSubstr("| 1 | Notes       | OK     | 0 -> 2 |"));

  // The package is upgraded: the next run goes on from version 2.
  Build("notes_plugin.cc", "libnotes.so", {"NOTES_RELEASE=3"});
  testing::CommandResult upgraded = Installed({});
  EXPECT_EQ(upgraded.exit_code, 0) << upgraded.out << upgraded.err;
  EXPECT_THAT(upgraded.out, HasSubstr("| Notes        | OK     | 2 -> 3"));
  EXPECT_EQ(RecordedVersion("notes"), "3");

  // The package is removed: the module is gone, its database untouched.
  ASSERT_EQ(unlink((plugin_dir_ + "/libnotes.so").c_str()), 0);
  testing::CommandResult after = Installed({"--list"});
  EXPECT_EQ(after.exit_code, 0) << after.err;
  EXPECT_THAT(after.out, Not(HasSubstr("notes")));
  testing::CommandResult all = Installed({});
  EXPECT_EQ(all.exit_code, 0) << all.out << all.err;
  EXPECT_THAT(all.out, Not(HasSubstr("Notes")));
  EXPECT_THAT(all.err, HasSubstr("section [notes] names no installed module"));
  EXPECT_EQ(Installed({"-n", "notes"}).exit_code, 2);
  EXPECT_EQ(RecordedVersion("notes"), "3");
  EXPECT_THAT(Tables("notes"), ::testing::Contains("notes"));
}

TEST_F(InstallTest, AnAbi10PluginLoadsAndAnotherMajorIsRefused) {
  Build("old_abi_plugin.c", "libarchive.so");
  testing::CommandResult r = Installed({"-n", "archive"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("| Archive     | OK     | 0 -> 1 |"));

  Build("old_abi_plugin.c", "libarchive.so", {"PLUGIN_ABI_MAJOR=2"});
  testing::CommandResult refused = Installed({});
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_THAT(refused.out, HasSubstr("| archive      | FAIL   |"));
  // The Result column wraps at a point that moves with the plugin's path
  // (Bazel's sandbox number): read the row unwrapped.
  std::optional<ReportRow> archive = FindRow(refused.out, "archive");
  ASSERT_TRUE(archive.has_value()) << refused.out;
  EXPECT_THAT(archive->result,
              HasWrappedSubstr("built for ABI 2.0, this aos-db-migrate speaks"));
  EXPECT_THAT(refused.out, HasSubstr("| Dashboard    | OK     | 0 -> 11"));
}

}  // namespace
}  // namespace aos::e2e
