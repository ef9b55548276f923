// Plugins that misbehave while being loaded (testdata/broken_plugins/
// hostile_loading.c: a constructor or describe that crashes, aborts, calls
// exit(0), hangs, leaves a process behind, or prints), each beside the
// seven shipped plugins on a real MariaDB. Whatever the plugin does, the
// run ends within a bound with exit 1, the bad module's own FAIL row says
// what happened, the seven others are migrated, and stdout is the report
// and nothing else, parseable in the format asked for.
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/e2e/migrate_fixture.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace aos::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct HostileCase {
  std::string module;    // lib<module>.so
  std::string expected;  // in its FAIL row; "" when it must load fine
};

std::vector<HostileCase> Cases() {
  std::vector<HostileCase> cases;
  for (const char* where : {"ctor", "describe"}) {
    cases.push_back({absl::StrCat("loadsegv", where),
                     "crashed with signal 11 (SIGSEGV) while being loaded"});
    cases.push_back({absl::StrCat("loadabort", where),
                     "crashed with signal 6 (SIGABRT) while being loaded"});
    cases.push_back({absl::StrCat("loadexit0", where),
                     "exit status 0 while being loaded"});
    cases.push_back({absl::StrCat("loadhang", where),
                     "did not finish loading within 5s"});
    cases.push_back({absl::StrCat("loadleftover", where), ""});
  }
  cases.push_back({"loadprints", ""});
  return cases;
}

class HostilePluginTest : public MigrateTest,
                          public ::testing::WithParamInterface<HostileCase> {
 protected:
  std::string HostileConfig() {
    const HostileCase& c = GetParam();
    AddModules({c.module});
    std::vector<std::string> plugins;
    for (const std::string& m : ShippedModules()) {
      plugins.push_back(ShippedPlugin(m));
    }
    plugins.push_back(
        absl::StrCat("testdata/broken_plugins/lib", c.module, ".so"));
    return Config(PluginDir(plugins), 0, "plugin_load_timeout = 5");
  }

  // Runs the tool, asserting the time bound; returns what it gave.
  testing::CommandResult TimedRun(const std::string& config,
                                  const std::vector<std::string>& args) {
    auto start = std::chrono::steady_clock::now();
    testing::CommandResult r = Migrate(config, args);
    double seconds = std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - start)
                         .count();
    EXPECT_LT(seconds, 60) << "the run was held up\n" << r.out << r.err;
    EXPECT_EQ(r.signal, 0) << r.out << r.err;
    return r;
  }
};

TEST_P(HostilePluginTest, JsonRunFailsOnlyTheBadModule) {
  const HostileCase& c = GetParam();
  std::string config = HostileConfig();
  testing::CommandResult r = TimedRun(config, {"-f", "json", "-v"});
  EXPECT_EQ(r.exit_code, c.expected.empty() ? 0 : 1) << r.out << r.err;
  absl::StatusOr<Json> doc = ParseJson(r.out);
  ASSERT_TRUE(doc.ok()) << "stdout is not the JSON report: " << doc.status()
                        << "\n" << r.out;
  bool seen = false;
  for (const Json& m : JsonArray(doc->at("modules"))) {
    std::string id = JsonString(m.at("id"));
    if (id == c.module) {
      seen = true;
      if (c.expected.empty()) {
        EXPECT_EQ(JsonString(m.at("status")), "OK") << r.out;
      } else {
        EXPECT_EQ(JsonString(m.at("status")), "FAIL") << r.out;
        EXPECT_THAT(JsonString(m.at("error")), HasSubstr(c.expected)) << r.out;
        EXPECT_EQ(RecordedVersion(c.module), "");
      }
      continue;
    }
    EXPECT_EQ(JsonString(m.at("status")), "OK") << id << "\n" << r.out;
    EXPECT_EQ(JsonInt(m.at("to")), LatestVersion(id)) << id;
  }
  EXPECT_TRUE(seen) << "no row for " << c.module << "\n" << r.out;
  EXPECT_EQ(JsonArray(doc->at("modules")).size(), ShippedModules().size() + 1);
  EXPECT_THAT(r.out, Not(HasSubstr("Forged")));
}

TEST_P(HostilePluginTest, TableRunKeepsTheReportIntact) {
  const HostileCase& c = GetParam();
  std::string config = HostileConfig();
  testing::CommandResult r = TimedRun(config, {});
  EXPECT_EQ(r.exit_code, c.expected.empty() ? 0 : 1) << r.out << r.err;
  std::vector<ReportRow> rows = ParseReport(r.out);
  ASSERT_EQ(rows.size(), ShippedModules().size() + 1) << r.out;
  EXPECT_THAT(r.out, Not(HasSubstr("Forged")));
  for (const ReportRow& row : rows) {
    bool bad = row.name == c.module;
    EXPECT_EQ(row.status, bad && !c.expected.empty() ? "FAIL" : "OK")
        << row.name << "\n" << r.out;
  }
  if (!c.expected.empty()) {
    std::optional<ReportRow> row = FindRow(r.out, c.module);
    ASSERT_TRUE(row.has_value()) << r.out;
    EXPECT_THAT(row->result, HasWrappedSubstr(c.expected)) << r.out;
  }
}

TEST_P(HostilePluginTest, ListAndStatusSurviveIt) {
  const HostileCase& c = GetParam();
  std::string config = HostileConfig();
  testing::CommandResult list = TimedRun(config, {"--list"});
  EXPECT_EQ(list.exit_code, 0) << list.out << list.err;
  for (const std::string& m : ShippedModules()) {
    EXPECT_THAT(list.out, HasSubstr(absl::StrCat("\n", m, "\n"))) << list.out;
  }
  EXPECT_THAT(list.out, Not(HasSubstr("Forged")));

  testing::CommandResult status = TimedRun(config, {"--status", "-f", "json"});
  EXPECT_EQ(status.exit_code, c.expected.empty() ? 0 : 1)
      << status.out << status.err;
  absl::StatusOr<Json> doc = ParseJson(status.out);
  ASSERT_TRUE(doc.ok()) << doc.status() << "\n" << status.out;
  EXPECT_EQ(JsonArray(doc->at("modules")).size(), ShippedModules().size() + 1);
}

// Stray files beside the shipped plugins.
class StrayFileTest : public MigrateTest {
 protected:
  // The shipped plugins plus testdata's not-an-ELF file as `name`.
  std::string DirWithStray(const std::string& name) {
    std::string dir = PluginDir();
    std::ifstream in("testdata/broken_plugins/libnotelf.so", std::ios::binary);
    std::string to = absl::StrCat(dir, "/", name);
    std::ofstream out(to, std::ios::binary);
    out << in.rdbuf();
    out.close();
    chmod(to.c_str(), 0644);
    return dir;
  }
};

// A broken "dashboard.so" cannot say its module id; it does not veto the
// valid "libdashboard.so": a warning on stderr, and Dashboard migrates.
TEST_F(StrayFileTest, ABrokenFileDoesNotVetoTheModuleItsNameSuggests) {
  std::string config = Config(DirWithStray("dashboard.so"));
  testing::CommandResult r = Migrate(config, {});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::optional<ReportRow> row = FindRow(r.out, "Dashboard");
  ASSERT_TRUE(row.has_value()) << r.out;
  EXPECT_EQ(row->status, "OK");
  EXPECT_THAT(r.err, HasSubstr("dashboard.so: cannot load"));
  EXPECT_THAT(r.err, HasSubstr("ignored: module 'dashboard' is loaded from "
                               "another file"));
}

// "lib.so" names no module: its row is named after the file, never empty.
TEST_F(StrayFileTest, AFileNamingNoModuleGetsARowNamedAfterIt) {
  std::string config = Config(DirWithStray("lib.so"));
  testing::CommandResult r = Migrate(config, {});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, Not(HasSubstr(": ,")));
  EXPECT_THAT(r.out, Not(HasSubstr(", ,")));
  EXPECT_THAT(r.out, HasSubstr("lib.so"));
  std::optional<ReportRow> row = FindRow(r.out, "lib.so");
  ASSERT_TRUE(row.has_value()) << r.out;
  EXPECT_EQ(row->status, "FAIL");
}

INSTANTIATE_TEST_SUITE_P(
    LoadingFaults, HostilePluginTest, ::testing::ValuesIn(Cases()),
    [](const ::testing::TestParamInfo<HostileCase>& info) {
      return info.param.module;
    });

}  // namespace
}  // namespace aos::e2e
