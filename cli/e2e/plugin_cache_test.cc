// The plugin cache (core/plugin/plugin_cache.h) through the built binary:
// an unchanged plugin directory runs no plugin code before the report, and
// whatever changes (a plugin rebuilt in place, replaced, made unsafe; the
// cache itself tampered with or unwritable) is seen on the very next run.
// libloadprints.so prints a forged report row whenever it is loaded: its
// line on stderr says a load happened. A plugin that is a symlink
// (testdata/swapped_plugins) is judged where it leads, and a swap of it at
// any moment, even between the loader's look at it and its load, is seen
// by the next run.
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <cstdlib>
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
  std::ofstream(cache_, std::ios::trunc) << "aos-db-migrate plugin cache 2\n\xff\xff";
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

// The plugin directory also holds libswapped.so, a symlink to one of two
// builds of module "swapped" in a directory of targets: a.so creates
// swapped_a_items, b.so (same size) swapped_b_items.
class SymlinkedPluginCacheTest : public PluginCacheTest {
 protected:
  void SetUp() override {
    PluginCacheTest::SetUp();
    AddModules({"swapped", "flipper"});
    config_ = Config(plugins_, 0, absl::StrCat("plugin_cache = ", cache_, "\n"));
    targets_ = testing::NewTempDir("targets.");
    a_ = Copy(Built("swapped_a"), targets_ + "/a.so");
    b_ = Copy(Built("swapped_b"), targets_ + "/b.so");
    link_ = plugins_ + "/libswapped.so";
    Link(a_, link_);
  }

  static std::string Built(const std::string& name) {
    return testing::Runfile(
        absl::StrCat("testdata/swapped_plugins/lib", name, ".so"));
  }
  static std::string Copy(const std::string& from, const std::string& to) {
    std::ifstream in(from, std::ios::binary);
    std::ofstream(to, std::ios::binary | std::ios::trunc) << in.rdbuf();
    chmod(to.c_str(), 0644);
    return to;
  }
  // Points `link` at `target` at once (a new link renamed over it).
  static void Link(const std::string& target, const std::string& link) {
    const std::string temp = link + ".new";
    unlink(temp.c_str());
    ASSERT_EQ(symlink(target.c_str(), temp.c_str()), 0) << temp;
    ASSERT_EQ(rename(temp.c_str(), link.c_str()), 0) << link;
  }
  static std::string Target(const std::string& link) {
    char buffer[PATH_MAX];
    ssize_t n = readlink(link.c_str(), buffer, sizeof buffer);
    return n < 0 ? "" : std::string(buffer, n);
  }
  // Waits until `files` last changed more than two seconds ago (and the
  // fixture's plugins too): the cache keeps them from then on.
  void WaitUntilAllSettled(const std::vector<std::string>& files) {
    WaitUntilSettled();
    ASSERT_TRUE(WaitFor(
        [&] {
          for (const std::string& f : files) {
            struct stat st;
            if (stat(f.c_str(), &st) != 0 ||
                time(nullptr) < st.st_ctim.tv_sec + 3) {
              return false;
            }
          }
          return true;
        },
        SecondsFromNow(10)));
  }
  // The statements a run of "swapped" would execute (--dry-run).
  std::string Planned() {
    testing::CommandResult r = Migrate(config_, {"--dry-run", "-n", "swapped"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return r.out;
  }

  std::string targets_, a_, b_, link_;
};

// The case: libflipper.so sorts before libswapped.so, and loading
// it swaps the link from a.so to b.so after the loader has looked at the
// link and before it loads it. The run plans a.so's statements (the file
// it opened) and caches them under a.so's identity. Swapped back to a.so,
// the next runs plan and apply a.so's; to b.so, b.so's. The old loader
// stored b.so's statements under a.so's stat and applied them while the
// link named a.so.
TEST_F(SymlinkedPluginCacheTest, ASwapDuringARunAndBackIsSeenByTheNextRuns) {
  const std::string flipper = Copy(Built("flipper"), plugins_ + "/libflipper.so");
  Link(b_, plugins_ + "/.flip-next");
  WaitUntilAllSettled({a_, b_, flipper});
  ASSERT_EQ(setenv("AOS_TEST_FLIP_DIR", plugins_.c_str(), 1), 0);
  const std::string first = Planned();
  unsetenv("AOS_TEST_FLIP_DIR");
  ASSERT_EQ(Target(link_), b_) << "the flipper did not swap the link";
  EXPECT_THAT(first, HasSubstr("CREATE TABLE swapped_a_items"));
  EXPECT_THAT(first, Not(HasSubstr("swapped_b_items")));

  Link(a_, link_);
  for (int run = 0; run < 2; ++run) {
    std::string planned = Planned();
    EXPECT_THAT(planned, HasSubstr("CREATE TABLE swapped_a_items")) << run;
    EXPECT_THAT(planned, Not(HasSubstr("swapped_b_items"))) << run;
  }
  Link(b_, link_);
  EXPECT_THAT(Planned(), HasSubstr("CREATE TABLE swapped_b_items"));
  Link(a_, link_);
  testing::CommandResult run = Migrate(config_, {"-n", "swapped"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_THAT(Tables("swapped"), ::testing::Contains("swapped_a_items"));
  EXPECT_THAT(Tables("swapped"),
              ::testing::Not(::testing::Contains("swapped_b_items")));
}

// A swap between two runs, and back, with the cache warm each time.
TEST_F(SymlinkedPluginCacheTest, ASwapBetweenRunsAndBackIsSeen) {
  WaitUntilAllSettled({a_, b_});
  for (int round = 0; round < 2; ++round) {
    for (const std::string& target : {b_, a_}) {
      Link(target, link_);
      const char* table = target == a_ ? "swapped_a_items" : "swapped_b_items";
      EXPECT_THAT(Planned(), HasSubstr(table)) << round;
      EXPECT_THAT(Planned(), HasSubstr(table)) << round;  // from the cache
    }
  }
}

// A link is judged where it leads: into a directory others may write to
// (who could replace the file there), it is refused, naming that
// directory; nothing runs.
TEST_F(SymlinkedPluginCacheTest, ALinkIntoADirectoryOthersCanWriteIsRefused) {
  const std::string open_dir = testing::NewTempDir("open.");
  ASSERT_EQ(chmod(open_dir.c_str(), 0777), 0);
  Link(Copy(Built("swapped_a"), open_dir + "/a.so"), link_);
  testing::CommandResult r = Migrate(config_, {"-n", "swapped"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::optional<ReportRow> row = FindRow(r.out, "swapped");
  ASSERT_TRUE(row.has_value()) << r.out << r.err;
  EXPECT_EQ(row->status, "FAIL");
  EXPECT_THAT(row->result,
              HasWrappedSubstr(absl::StrCat(
                  open_dir, ": writable by group or others (mode 0777)")));
  EXPECT_THAT(Tables("swapped"), ::testing::IsEmpty());
}

// a.so rewritten in place with b.so's bytes (the same size), its
// modification time put back: the change time still tells, and the next
// run plans b.so's statements.
TEST_F(SymlinkedPluginCacheTest, ARewriteKeepingSizeAndMtimeIsSeen) {
  WaitUntilAllSettled({a_, b_});
  ASSERT_THAT(Planned(), HasSubstr("swapped_a_items"));
  ASSERT_THAT(Planned(), HasSubstr("swapped_a_items"));  // from the cache
  struct stat before, after;
  ASSERT_EQ(stat(a_.c_str(), &before), 0);
  Copy(b_, a_);
  const struct timespec times[2] = {before.st_atim, before.st_mtim};
  ASSERT_EQ(utimensat(AT_FDCWD, a_.c_str(), times, 0), 0);
  ASSERT_EQ(stat(a_.c_str(), &after), 0);
  ASSERT_EQ(after.st_size, before.st_size);
  ASSERT_EQ(after.st_ino, before.st_ino);
  EXPECT_THAT(Planned(), HasSubstr("swapped_b_items"));
}

// A module with code steps is loaded again in its own process to run its
// code. codeflip's step swaps libcodeswap.so from a.so to b.so after the
// run described codeswap from a.so and before codeswap's process loads it
// again: that process refuses the other file (the old one loaded b.so by
// path and ran its code, creating codeswap_b_items while the run had
// described a.so). The next run describes and runs b.so.
TEST_F(SymlinkedPluginCacheTest, AFileSwappedBeforeItsCodeRunsIsRefused) {
  AddModules({"codeswap", "codeflip"});
  const std::string config =
      Config(plugins_, 0, absl::StrCat("plugin_cache = ", cache_, "\n"));
  const std::string a = Copy(Built("codeswap_a"), targets_ + "/code_a.so");
  const std::string b = Copy(Built("codeswap_b"), targets_ + "/code_b.so");
  const std::string link = plugins_ + "/libcodeswap.so";
  Link(a, link);
  Copy(Built("codeflip"), plugins_ + "/libcodeflip.so");
  Link(b, plugins_ + "/.flip-next");
  ASSERT_EQ(setenv("AOS_TEST_FLIP_DIR", plugins_.c_str(), 1), 0);
  testing::CommandResult r = Migrate(
      config, {"-n", "codeflip", "codeswap", "--workers", "1", "-v"});
  unsetenv("AOS_TEST_FLIP_DIR");
  ASSERT_EQ(Target(link), b) << "the flip did not happen\n" << r.out << r.err;
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::optional<ReportRow> row = FindRow(r.out, "CodeSwap");
  ASSERT_TRUE(row.has_value()) << r.out << r.err;
  EXPECT_EQ(row->status, "FAIL") << r.out;
  EXPECT_THAT(row->result,
              HasWrappedSubstr("the file changed while the run started"))
      << r.out;
  EXPECT_THAT(Tables("codeswap"), ::testing::IsEmpty());
  EXPECT_EQ(RecordedVersion("codeswap"), "");

  testing::CommandResult again = Migrate(config, {"-n", "codeswap"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_THAT(Tables("codeswap"), ::testing::Contains("codeswap_b_items"));
  EXPECT_THAT(Tables("codeswap"),
              ::testing::Not(::testing::Contains("codeswap_a_items")));
}

}  // namespace
}  // namespace aos::e2e
