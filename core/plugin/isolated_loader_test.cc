// The isolated loader with plugins that crash, abort, exit(0), hang or
// leave a process behind while loaded (testdata/broken_plugins,
// hostile_loading.c), beside a real one: each bad file gets its own error,
// the others load, this process survives and nothing reaches its stdout.
// And symlinked plugins (testdata/swapped_plugins): judged where they lead,
// and a link swapped between the loader's look and the load (by a plugin
// loaded before it) yields, and caches, the file that was opened.
#include "core/plugin/isolated_loader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::plugin {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string CopyPlugins(const std::string& name,
                        const std::vector<std::string>& files) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  std::string dir = absl::StrCat(tmp ? tmp : "/tmp", "/", name);
  mkdir(dir.c_str(), 0755);
  for (const std::string& f : files) {
    std::string to = absl::StrCat(dir, "/", f.substr(f.rfind('/') + 1));
    std::ifstream in(f, std::ios::binary);
    std::ofstream out(to, std::ios::binary);
    out << in.rdbuf();
    out.close();
    chmod(to.c_str(), 0644);
  }
  return dir;
}

std::string Broken(const std::string& name) {
  return absl::StrCat("testdata/broken_plugins/lib", name, ".so");
}

// Runs `fn` with stdout sent to a file; returns what was written there.
template <typename Fn>
std::string CapturingStdout(Fn&& fn) {
  fflush(stdout);
  int saved = dup(STDOUT_FILENO);
  std::string path = absl::StrCat(std::getenv("TEST_TMPDIR"), "/stdout.txt");
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  dup2(fd, STDOUT_FILENO);
  close(fd);
  fn();
  fflush(stdout);
  dup2(saved, STDOUT_FILENO);
  close(saved);
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::map<std::string, std::string> ErrorsByModule(const PluginSet& set) {
  std::map<std::string, std::string> errors;
  for (const LoadError& e : set.errors) errors[e.module_id] = e.message;
  return errors;
}

TEST(IsolatedLoaderTest, EveryLoadingFaultFailsOnlyItsFile) {
  std::vector<std::string> files = {"plugins/journal/libjournal.so",
                                    Broken("loadprints")};
  for (const char* fault : {"segv", "abort", "exit0", "leftover"}) {
    for (const char* where : {"ctor", "describe"}) {
      files.push_back(Broken(absl::StrCat("load", fault, where)));
    }
  }
  std::string dir = CopyPlugins("faults", files);
  absl::StatusOr<PluginSet> set;
  auto start = std::chrono::steady_clock::now();
  std::string printed = CapturingStdout(
      [&] { set = LoadPluginDirectoryIsolated(dir, {absl::Seconds(20), ""}); });
  double seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - start)
                       .count();
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(printed, "") << "plugin output reached stdout";
  EXPECT_LT(seconds, 20) << "a leftover process held the loader";

  std::vector<std::string> loaded;
  for (const ModulePlugin& m : set->modules) loaded.push_back(m.module_id);
  EXPECT_THAT(loaded, ::testing::ElementsAre("journal", "loadleftoverctor",
                                             "loadleftoverdescribe",
                                             "loadprints"));
  std::map<std::string, std::string> errors = ErrorsByModule(*set);
  ASSERT_EQ(errors.size(), 6u);
  for (const char* where : {"ctor", "describe"}) {
    EXPECT_THAT(errors[absl::StrCat("loadsegv", where)],
                HasSubstr("crashed with signal 11 (SIGSEGV) while being "
                          "loaded"));
    EXPECT_THAT(errors[absl::StrCat("loadabort", where)],
                HasSubstr("crashed with signal 6 (SIGABRT)"));
    EXPECT_THAT(errors[absl::StrCat("loadexit0", where)],
                HasSubstr("exit status 0 while being loaded"));
    EXPECT_THAT(errors[absl::StrCat("loadexit0", where)],
                HasSubstr(absl::StrCat("libloadexit0", where, ".so: ")));
  }
  const ModulePlugin& journal = set->modules[0];
  EXPECT_EQ(journal.display_name, "Journal");
  EXPECT_FALSE(journal.migrations.empty());
}

TEST(IsolatedLoaderTest, AHangingPluginIsStoppedAtItsTimeLimit) {
  std::string dir = CopyPlugins(
      "hang", {Broken("loadhangctor"), Broken("loadhangdescribe"),
               "plugins/journal/libjournal.so"});
  auto start = std::chrono::steady_clock::now();
  absl::StatusOr<PluginSet> set =
      LoadPluginDirectoryIsolated(dir, {absl::Seconds(1), ""});
  double seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - start)
                       .count();
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_LT(seconds, 30);
  ASSERT_EQ(set->modules.size(), 1u);
  EXPECT_EQ(set->modules[0].module_id, "journal");
  std::map<std::string, std::string> errors = ErrorsByModule(*set);
  for (const char* id : {"loadhangctor", "loadhangdescribe"}) {
    EXPECT_THAT(errors[id], HasSubstr("did not finish loading within 1s"));
  }
}

TEST(IsolatedLoaderTest, NotAnElfAndNotARegularFile) {
  std::string dir = CopyPlugins(
      "odd", {"testdata/broken_plugins/libnotelf.so",
              "plugins/journal/libjournal.so"});
  ASSERT_EQ(mkfifo(absl::StrCat(dir, "/libfifo.so").c_str(), 0644), 0);
  absl::StatusOr<PluginSet> set =
      LoadPluginDirectoryIsolated(dir, {absl::Seconds(5), ""});
  ASSERT_TRUE(set.ok()) << set.status();
  ASSERT_EQ(set->modules.size(), 1u);
  std::map<std::string, std::string> errors = ErrorsByModule(*set);
  EXPECT_THAT(errors["fifo"], HasSubstr("not a regular file"));
  EXPECT_THAT(errors["notelf"], HasSubstr("cannot load"));
  EXPECT_THAT(errors["notelf"], Not(HasSubstr("/proc/")));  // names the file
}

TEST(IsolatedLoaderTest, ATruncatedElfFailsAlone) {
  std::string dir = CopyPlugins("truncated", {"plugins/journal/libjournal.so"});
  std::ifstream in("plugins/journal/libjournal.so", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  std::string to = absl::StrCat(dir, "/libtruncated.so");
  {
    std::ofstream out(to, std::ios::binary);
    out << bytes.substr(0, bytes.size() / 3);
  }
  chmod(to.c_str(), 0644);
  absl::StatusOr<PluginSet> set =
      LoadPluginDirectoryIsolated(dir, {absl::Seconds(5), ""});
  ASSERT_TRUE(set.ok()) << set.status();
  ASSERT_EQ(set->modules.size(), 1u);
  EXPECT_EQ(set->modules[0].module_id, "journal");
  std::map<std::string, std::string> errors = ErrorsByModule(*set);
  ASSERT_EQ(errors.count("truncated"), 1u);
  EXPECT_THAT(errors["truncated"], HasSubstr("libtruncated.so: "));
}

TEST(IsolatedLoaderTest, SameResultAsLoadingInProcess) {
  std::string dir = CopyPlugins("same", {"plugins/journal/libjournal.so"});
  absl::StatusOr<PluginSet> isolated =
      LoadPluginDirectoryIsolated(dir, {absl::Seconds(5), ""});
  absl::StatusOr<PluginSet> direct = LoadPluginDirectory(dir);
  ASSERT_TRUE(isolated.ok() && direct.ok());
  ASSERT_EQ(isolated->modules.size(), 1u);
  ASSERT_EQ(direct->modules.size(), 1u);
  const ModulePlugin& a = isolated->modules[0];
  const ModulePlugin& b = direct->modules[0];
  EXPECT_EQ(a.path, b.path);
  EXPECT_EQ(a.repository_id, b.repository_id);
  EXPECT_EQ(a.service_config_path, b.service_config_path);
  ASSERT_EQ(a.migrations.size(), b.migrations.size());
  for (size_t i = 0; i < a.migrations.size(); ++i) {
    EXPECT_EQ(a.migrations[i].version, b.migrations[i].version);
    EXPECT_EQ(a.migrations[i].upgrade.sql, b.migrations[i].upgrade.sql);
    EXPECT_EQ(a.migrations[i].upgrade.sql_by_dialect,
              b.migrations[i].upgrade.sql_by_dialect);
  }
}

TEST(IsolatedLoaderTest, AnUnusableDirectoryFailsAsAWhole) {
  EXPECT_FALSE(
      LoadPluginDirectoryIsolated("/nonexistent/plugins", {absl::Seconds(1), ""})
          .ok());
}

// A plugin directory whose libswapped.so is a symlink into a directory of
// targets (testdata/swapped_plugins), with a cache.
class SymlinkedPluginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string name =
        ::testing::UnitTest::GetInstance()->current_test_info()->name();
    targets_ = NewDir(absl::StrCat("targets_", name), 0755);
    plugins_ = NewDir(absl::StrCat("links_", name), 0755);
    cache_ = absl::StrCat(NewDir(absl::StrCat("cache_", name), 0700),
                          "/plugins.cache");
    a_ = Copy(Built("swapped_a"), targets_ + "/a.so");
    b_ = Copy(Built("swapped_b"), targets_ + "/b.so");
  }

  static std::string NewDir(const std::string& name, mode_t mode) {
    std::string dir = absl::StrCat(std::getenv("TEST_TMPDIR"), "/", name);
    EXPECT_EQ(mkdir(dir.c_str(), mode), 0) << dir;
    EXPECT_EQ(chmod(dir.c_str(), mode), 0) << dir;  // whatever the umask
    return dir;
  }
  // A plugin of testdata/swapped_plugins.
  static std::string Built(const std::string& name) {
    return absl::StrCat("testdata/swapped_plugins/lib", name, ".so");
  }
  static std::string Copy(const std::string& from, const std::string& to) {
    std::ifstream in(from, std::ios::binary);
    std::ofstream(to, std::ios::binary) << in.rdbuf();
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
  // The cache keeps only files that last changed two seconds before: waits
  // (on the files' own change times) until `files` are that old.
  static void WaitUntilSettled(const std::vector<std::string>& files) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (const std::string& f : files) {
      struct stat st;
      ASSERT_EQ(stat(f.c_str(), &st), 0) << f;
      while (time(nullptr) < st.st_ctim.tv_sec + 3) {
        ASSERT_LT(std::chrono::steady_clock::now(), deadline);
        usleep(100 * 1000);
      }
    }
  }
  PluginSet Load() {
    absl::StatusOr<PluginSet> set =
        LoadPluginDirectoryIsolated(plugins_, {absl::Seconds(20), cache_});
    EXPECT_TRUE(set.ok()) << set.status();
    return set.ok() ? *std::move(set) : PluginSet{};
  }
  // What "swapped" loaded as: the display name and its step, or the error.
  static std::string Swapped(const PluginSet& set) {
    for (const ModulePlugin& m : set.modules) {
      if (m.module_id == "swapped") {
        return absl::StrCat(m.display_name, ": ",
                            m.migrations.at(0).upgrade.sql);
      }
    }
    return absl::StrCat("error: ", ErrorsByModule(set)["swapped"]);
  }

  std::string targets_, plugins_, cache_, a_, b_;
};

// libflipper.so sorts before libswapped.so: loading it swaps the link from
// a.so to b.so after the loader looked at the link. The run must describe
// the file it opened (a.so) and cache that under a.so's identity; the old
// loader took a.so's stat, loaded b.so, and served b.so's statements for
// a.so from then on.
TEST_F(SymlinkedPluginTest, ASwapBetweenTheLookAndTheLoadIsSeen) {
  const std::string flipper = Copy(Built("flipper"), plugins_ + "/libflipper.so");
  const std::string link = plugins_ + "/libswapped.so";
  Link(a_, link);
  Link(b_, plugins_ + "/.flip-next");
  WaitUntilSettled({a_, b_, flipper});
  ASSERT_EQ(setenv("AOS_TEST_FLIP_DIR", plugins_.c_str(), 1), 0);
  PluginSet first = Load();
  unsetenv("AOS_TEST_FLIP_DIR");
  ASSERT_EQ(Target(link), b_) << "the flipper did not swap the link";
  EXPECT_THAT(Swapped(first), HasSubstr("Swapped A: CREATE TABLE swapped_a_items"));
  // Swapped back to a.so: the next runs describe a.so (the old loader
  // served b.so's statements from the cache); to b.so: b.so.
  Link(a_, link);
  EXPECT_THAT(Swapped(Load()), HasSubstr("Swapped A: CREATE TABLE swapped_a_items"));
  EXPECT_THAT(Swapped(Load()), HasSubstr("Swapped A: CREATE TABLE swapped_a_items"));
  Link(b_, link);
  EXPECT_THAT(Swapped(Load()), HasSubstr("Swapped B: CREATE TABLE swapped_b_items"));
  Link(a_, link);
  EXPECT_THAT(Swapped(Load()), HasSubstr("Swapped A: CREATE TABLE swapped_a_items"));
}

// A link is followed and the file it leads to judged where it is: its
// owner and mode, the directory that holds it (as the plugin directory is)
// and every directory above (others may write there only with the sticky
// bit, like /tmp).
TEST_F(SymlinkedPluginTest, ALinkIsJudgedWhereItLeads) {
  const std::string link = plugins_ + "/libswapped.so";
  Link(a_, link);
  EXPECT_THAT(Swapped(Load()), HasSubstr("Swapped A"));

  const std::string open_dir = NewDir("open_dir", 0777);
  Link(Copy(Built("swapped_a"), open_dir + "/a.so"), link);
  EXPECT_THAT(Swapped(Load()),
              HasSubstr(absl::StrCat(open_dir, ": writable by group or others "
                                               "(mode 0777)")));
  chmod(open_dir.c_str(), 01777);  // sticky: still others' directory
  EXPECT_THAT(Swapped(Load()), HasSubstr("writable by group or others"));

  const std::string below = NewDir("open_dir/mine", 0755);
  Link(Copy(Built("swapped_a"), below + "/a.so"), link);  // under a sticky one
  EXPECT_THAT(Swapped(Load()), HasSubstr("Swapped A"));
  chmod(open_dir.c_str(), 0777);  // not sticky: others may replace mine/
  EXPECT_THAT(Swapped(Load()),
              HasSubstr(absl::StrCat(open_dir, ": writable by group or others")));

  Link(a_, link);
  chmod(a_.c_str(), 0666);
  EXPECT_THAT(Swapped(Load()), HasSubstr("writable by group or others (mode 0666)"));
  Link(targets_ + "/gone.so", link);
  EXPECT_THAT(Swapped(Load()), HasSubstr(absl::StrCat("error: ", link, ": ")));
}

}  // namespace
}  // namespace aos::plugin
