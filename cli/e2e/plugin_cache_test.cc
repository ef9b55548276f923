// The plugin cache (core/plugin/plugin_cache.h) through the built binary:
// an unchanged plugin directory runs no plugin code before the report, and
// whatever changes (a plugin rebuilt in place, replaced, made unsafe; the
// cache itself tampered with or unwritable) is seen on the very next run.
// libloadprints.so prints a forged report row whenever it is loaded: its
// line on stderr says a load happened.
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/process_helpers.h"
#include "cli/e2e/report_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kLoadedMark[] = "| 9 | Forged |";  // what libloadprints prints

class PluginCacheTest : public MigrateTest {
 protected:
  void SetUp() override {
    MigrateTest::SetUp();
    AddModules({"loadprints"});
    plugins_ = PluginDir({ShippedPlugin("journal"), ShippedPlugin("dashboard"),
                          "testdata/broken_plugins/libloadprints.so"});
    cache_dir_ = testing::NewTempDir("cache.");
    cache_ = cache_dir_ + "/plugins.cache";
    config_ = Config(plugins_, 0, absl::StrCat("plugin_cache = ", cache_, "\n"));
  }

  // The cache keeps only files that last changed two seconds before a run:
  // waits for that (a condition on the files' own change times).
  void WaitUntilSettled() {
    ASSERT_TRUE(WaitFor(
        [&] {
          for (const char* f : {"libjournal.so", "libdashboard.so",
                                "libloadprints.so"}) {
            struct stat st;
            if (stat(absl::StrCat(plugins_, "/", f).c_str(), &st) != 0 ||
                time(nullptr) < st.st_ctim.tv_sec + 3) {
              return false;
            }
          }
          return true;
        },
        SecondsFromNow(10)));
  }

  testing::CommandResult List() { return Migrate(config_, {"--list"}); }

  // Runs --list until the cache serves it (the run after the one that
  // stored it); the second run must not load.
  void Warm() {
    WaitUntilSettled();
    testing::CommandResult first = List();
    ASSERT_EQ(first.exit_code, 0) << first.err;
    ASSERT_THAT(first.err, HasSubstr(kLoadedMark));
    testing::CommandResult second = List();
    ASSERT_EQ(second.exit_code, 0) << second.err;
    ASSERT_THAT(second.err, Not(HasSubstr(kLoadedMark)));
    ASSERT_EQ(second.out, first.out);
  }

  void CopyOver(const std::string& from_runfile, const std::string& to_file) {
    std::ifstream in(testing::Runfile(from_runfile), std::ios::binary);
    std::ofstream out(absl::StrCat(plugins_, "/", to_file),
                      std::ios::binary | std::ios::trunc);  // same inode
    out << in.rdbuf();
  }

  std::string plugins_, cache_dir_, cache_, config_;
};

TEST_F(PluginCacheTest, AnUnchangedDirectoryLoadsNoPluginAndMigratesAlike) {
  Warm();
  struct stat st;
  ASSERT_EQ(stat(cache_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  testing::CommandResult run = Migrate(config_, {"-n", "journal"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, Not(HasSubstr(kLoadedMark)));
  EXPECT_FALSE(RecordedVersion("journal").empty());
  testing::CommandResult again = Migrate(config_, {"-n", "journal"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("No changes"));
}

TEST_F(PluginCacheTest, APluginRebuiltInPlaceIsSeenAtOnce) {
  Warm();
  // libjournal.so now holds the dashboard plugin: same path, same inode.
  CopyOver(ShippedPlugin("dashboard"), "libjournal.so");
  testing::CommandResult r = List();
  EXPECT_THAT(r.out, Not(HasSubstr("journal")));
  EXPECT_THAT(r.err, HasSubstr("is claimed by 2 files"));
}

TEST_F(PluginCacheTest, APluginReplacedByACrashingOneFailsItsRow) {
  Warm();
  CopyOver("testdata/broken_plugins/libloadsegvctor.so", "libloadprints.so");
  testing::CommandResult r = Migrate(config_, {"-n", "loadprints"});
  EXPECT_EQ(r.exit_code, 1);
  std::optional<ReportRow> row = FindRow(r.out, "loadprints");
  ASSERT_TRUE(row.has_value()) << r.out;
  EXPECT_THAT(row->result,
              HasWrappedSubstr("crashed with signal 11 (SIGSEGV) while being loaded"));
}

TEST_F(PluginCacheTest, APluginMadeUnsafeIsRefusedNotServedFromTheCache) {
  Warm();
  chmod(absl::StrCat(plugins_, "/libloadprints.so").c_str(), 0666);
  testing::CommandResult r = Migrate(config_, {"-n", "loadprints"});
  EXPECT_EQ(r.exit_code, 1);
  std::optional<ReportRow> row = FindRow(r.out, "loadprints");
  ASSERT_TRUE(row.has_value()) << r.out;
  EXPECT_THAT(row->result, HasWrappedSubstr("writable by group or others"));
}

TEST_F(PluginCacheTest, ACacheOthersCouldHaveWrittenIsNotBelieved) {
  Warm();
  chmod(cache_.c_str(), 0660);
  testing::CommandResult r = List();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr(kLoadedMark));  // loaded, not read from it
  chmod(cache_.c_str(), 0600);
  chmod(cache_dir_.c_str(), 0777);
  r = List();
  EXPECT_THAT(r.err, HasSubstr(kLoadedMark));
}

TEST_F(PluginCacheTest, ADamagedCacheIsLoadedAround) {
  Warm();
  std::ofstream(cache_, std::ios::trunc) << "aos-db-migrate plugin cache 1\n\xff\xff";
  testing::CommandResult r = List();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("journal"));
  EXPECT_THAT(r.err, HasSubstr(kLoadedMark));
}

TEST_F(PluginCacheTest, AnUnwritableCacheOnlyCostsTime) {
  const std::string file = testing::NewTempDir("notadir.") + "/file";
  std::ofstream(file) << "x";
  config_ = Config(plugins_, 0,
                   absl::StrCat("plugin_cache = ", file, "/plugins.cache\n"));
  WaitUntilSettled();
  for (int i = 0; i < 2; ++i) {
    testing::CommandResult r = List();
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("journal"));
    EXPECT_THAT(r.err, HasSubstr(kLoadedMark));
  }
}

TEST_F(PluginCacheTest, AnEmptyKeyTurnsTheCacheOff) {
  config_ = Config(plugins_, 0, "plugin_cache =\n");
  WaitUntilSettled();
  for (int i = 0; i < 2; ++i) {
    testing::CommandResult r = List();
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.err, HasSubstr(kLoadedMark));
    EXPECT_THAT(r.err, Not(HasSubstr("unknown key")));
  }
}

}  // namespace
}  // namespace aos::e2e
