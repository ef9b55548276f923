// The isolated loader with plugins that crash, abort, exit(0), hang or
// leave a process behind while loaded (testdata/broken_plugins,
// hostile_loading.c), beside a real one: each bad file gets its own error,
// the others load, this process survives and nothing reaches its stdout.
#include "core/plugin/isolated_loader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
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
      [&] { set = LoadPluginDirectoryIsolated(dir, {absl::Seconds(20)}); });
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
      LoadPluginDirectoryIsolated(dir, {absl::Seconds(1)});
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
      LoadPluginDirectoryIsolated(dir, {absl::Seconds(5)});
  ASSERT_TRUE(set.ok()) << set.status();
  ASSERT_EQ(set->modules.size(), 1u);
  std::map<std::string, std::string> errors = ErrorsByModule(*set);
  EXPECT_THAT(errors["fifo"], HasSubstr("not a regular file"));
  EXPECT_THAT(errors["notelf"], HasSubstr("cannot load"));
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
      LoadPluginDirectoryIsolated(dir, {absl::Seconds(5)});
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
      LoadPluginDirectoryIsolated(dir, {absl::Seconds(5)});
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
      LoadPluginDirectoryIsolated("/nonexistent/plugins", {absl::Seconds(1)})
          .ok());
}

}  // namespace
}  // namespace aos::plugin
