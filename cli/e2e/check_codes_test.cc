// --check answers as Keystone's `db_sync --check` does (issue 24), which
// openstack-ansible's roles branch on: per module 2 when an expand step is
// pending (and for a module not installed yet, which --expand installs
// whole), else 3 when a migrate step is pending, else 4 (contract or
// undeclared), 0 current, 1 error; several modules: the lowest non-zero
// code, the first action anyone needs. The table and -f json give each
// module's code and next command. The same walk on the fixture's MariaDB
// and on a private PostgreSQL, with the phased Monitor plugin (9 expand,
// 10 migrate, 11 contract) and rollexpand / rollmigrate
// (testdata/rolling/steps: 1 no phase, 2 expand, 3 migrate).
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/postgresql_fixture.h"
#include "cli/e2e/process_helpers.h"
#include "cli/e2e/report_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tools/testing/command_runner.h"
#include "tools/testing/postgresql_server.h"

namespace aos::e2e {
namespace {

using ::testing::ElementsAre;

constexpr char kNewMonitor[] = "plugins/monitor/libmonitor.so";
constexpr char kRollExpand[] = "testdata/rolling/steps/librollexpand.so";
constexpr char kRollMigrate[] = "testdata/rolling/steps/librollmigrate.so";

// What the walk needs of an engine: running the tool with the config of
// every module reachable (`live`) or with rollexpand's server gone, and
// bringing a module to a version.
struct Engine {
  std::function<testing::CommandResult(bool live,
                                       const std::vector<std::string>& args)>
      run;
  std::function<void(const std::string& module, int version)> prepare;
};

// --check of `modules`: its exit status and the JSON's overall check and
// next must be `code` and `next`; `each` are the modules' own "code next".
void ExpectCheck(const Engine& engine, const std::vector<std::string>& modules,
                 int code, const std::string& next,
                 const std::vector<std::string>& each, bool live = true) {
  SCOPED_TRACE(absl::StrJoin(modules, " "));
  std::vector<std::string> args = {"-n"};
  args.insert(args.end(), modules.begin(), modules.end());
  args.push_back("--check");
  testing::CommandResult table = engine.run(live, args);
  EXPECT_EQ(table.exit_code, code) << table.out << table.err;
  std::vector<std::vector<std::string>> rows =
      ParseTable(table.out, "DB check table");
  ASSERT_EQ(rows.size(), modules.size() + 1) << table.out;
  EXPECT_THAT(rows[0], ElementsAre("N", "Module name", "Current", "Latest",
                                   "Check", "Next", "Pending"));
  std::vector<std::string> table_each;
  for (size_t i = 1; i < rows.size(); ++i) {
    table_each.push_back(absl::StrCat(rows[i][4], " ", rows[i][5]));
  }
  args.insert(args.end(), {"-f", "json"});
  testing::CommandResult json = engine.run(live, args);
  EXPECT_EQ(json.exit_code, code) << json.out << json.err;
  absl::StatusOr<Json> doc = ParseJson(json.out);
  ASSERT_TRUE(doc.ok()) << doc.status() << json.out;
  EXPECT_EQ(JsonInt(doc->at("check")), code) << json.out;
  const Json& overall_next = doc->at("next");
  EXPECT_EQ(overall_next.is_null() ? "-" : JsonString(overall_next), next);
  std::vector<std::string> json_each;
  for (const Json& m : JsonArray(doc->at("modules"))) {
    const Json& n = m.at("next");
    json_each.push_back(absl::StrCat(JsonInt(m.at("check")), " ",
                                     n.is_null() ? "-" : JsonString(n)));
  }
  EXPECT_EQ(table_each, each) << table.out;
  EXPECT_EQ(json_each, each) << json.out;
}

// The walk: every code on one module, then on several.
void CheckWalk(const Engine& engine) {
  // Monitor not installed: 2, --expand installs it whole; one line.
  ExpectCheck(engine, {"monitor"}, 2, "--expand", {"2 --expand"});
  testing::CommandResult fresh = engine.run(true, {"-n", "monitor", "--check"});
  EXPECT_THAT(ParseTable(fresh.out, "DB check table"),
              ::testing::Contains(ElementsAre("1", "Monitor", "0", "11", "2",
                                              "--expand",
                                              "not installed: 11 steps")))
      << fresh.out;

  engine.prepare("monitor", 8);
  engine.prepare("rollexpand", 1);
  engine.prepare("rollmigrate", 2);
  // 9 expand, 10 migrate, 11 contract pending: the first step is --expand.
  ExpectCheck(engine, {"monitor"}, 2, "--expand", {"2 --expand"});
  testing::CommandResult all = engine.run(true, {"-n", "monitor", "--check"});
  EXPECT_THAT(ParseTable(all.out, "DB check table"),
              ::testing::Contains(ElementsAre(
                  "1", "Monitor", "8", "11", "2", "--expand",
                  "9 (expand) 10 (migrate) 11 (contract)")))
      << all.out;
  ExpectCheck(engine, {"rollexpand"}, 2, "--expand", {"2 --expand"});
  ExpectCheck(engine, {"rollmigrate"}, 3, "--expand", {"3 --expand"});
  testing::CommandResult expand =
      engine.run(true, {"-n", "monitor", "--expand"});
  ASSERT_EQ(expand.exit_code, 0) << expand.out << expand.err;
  ExpectCheck(engine, {"monitor"}, 4, "--contract", {"4 --contract"});

  // Several: the lowest non-zero code.
  ExpectCheck(engine, {"rollexpand", "rollmigrate", "monitor"}, 2, "--expand",
              {"2 --expand", "3 --expand", "4 --contract"});
  ExpectCheck(engine, {"monitor", "rollmigrate"}, 3, "--expand",
              {"4 --contract", "3 --expand"});
  // 1 wins: nothing is known of a module that cannot be read.
  ExpectCheck(engine, {"rollexpand", "rollmigrate", "monitor"}, 1, "-",
              {"1 -", "3 --expand", "4 --contract"}, /*live=*/false);
  ExpectCheck(engine, {"rollexpand"}, 1, "-", {"1 -"}, /*live=*/false);

  testing::CommandResult small =
      engine.run(true, {"-n", "rollexpand", "rollmigrate", "--expand"});
  ASSERT_EQ(small.exit_code, 0) << small.out << small.err;
  ExpectCheck(engine, {"rollexpand", "monitor", "rollmigrate"}, 4,
              "--contract", {"0 -", "4 --contract", "0 -"});
  ExpectCheck(engine, {"rollexpand", "rollmigrate"}, 0, "-", {"0 -", "0 -"});
  testing::CommandResult contract =
      engine.run(true, {"-n", "monitor", "--contract"});
  ASSERT_EQ(contract.exit_code, 0) << contract.out << contract.err;
  ExpectCheck(engine, {"monitor"}, 0, "-", {"0 -"});
}

class CheckCodesMariadbTest : public MigrateTest {};

TEST_F(CheckCodesMariadbTest, EveryCodeOnOneAndSeveralModules) {
  AddModules({"rollexpand", "rollmigrate"});
  const std::string plugins =
      PluginDir({kNewMonitor, kRollExpand, kRollMigrate});
  const std::string live = Config(plugins, 0, "controller_name = ctl1\n");
  const std::string dead = ConfigWith(
      plugins, {{"rollexpand",
                 absl::StrCat("mysql+pymysql://root@127.0.0.1:",
                              testing::FreePort(), "/", Db("rollexpand"))}});
  Engine engine;
  engine.run = [&](bool is_live, const std::vector<std::string>& args) {
    return Migrate(is_live ? live : dead, args);
  };
  engine.prepare = [&](const std::string& module, int version) {
    PrepareAt(live, module, version);
  };
  CheckWalk(engine);
}

// The same on a private PostgreSQL (tools/testing/postgresql_server.h),
// with the plugins' .postgresql.sql scripts.
class CheckCodesPostgresqlTest : public PostgresqlSuite<> {
 protected:
  // A config for the three modules; rollexpand's server gone unless `live`.
  std::string ConfigFor(bool live) {
    std::string text = absl::StrCat(
        "[DEFAULT]\nplugin_dir = ", plugins_,
        "\nlock_timeout = 30\ncontroller_name = ctl1\n");
    for (const char* m : {"monitor", "rollexpand", "rollmigrate"}) {
      const std::string url =
          live || std::string(m) != "rollexpand"
              ? pg_->Url(Db(m))
              : absl::StrCat("postgresql://postgres@127.0.0.1:",
                             testing::FreePort(), "/", Db(m));
      absl::StrAppend(&text, "[", m, "]\nconnection = ", url, "\n");
    }
    const std::string path = testing::NewTempDir("pgconf.") + "/db-migrate.conf";
    testing::WriteFile(path, text);
    return path;
  }

  std::string Db(const std::string& module) const {
    return "pgcheck_" + module;
  }

  std::string plugins_;
};

TEST_F(CheckCodesPostgresqlTest, EveryCodeOnOneAndSeveralModules) {
  ASSERT_NE(pg_, nullptr) << "PostgreSQL did not start";
  for (const char* m : {"monitor", "rollexpand", "rollmigrate"}) {
    absl::Status st = pg_->Execute("CREATE DATABASE " + Db(m));
    ASSERT_TRUE(st.ok()) << st;
  }
  plugins_ = NewPluginDir({kNewMonitor, kRollExpand, kRollMigrate});
  const std::string live = ConfigFor(true);
  const std::string dead = ConfigFor(false);
  Engine engine;
  engine.run = [&](bool is_live, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {testing::Runfile("cli/aos-db-migrate"),
                                     "--config", is_live ? live : dead};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommandOrFail(argv);
  };
  engine.prepare = [&](const std::string& module, int version) {
    testing::CommandResult r = engine.run(
        true, {"-n", module, "--migration", std::to_string(version)});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  };
  CheckWalk(engine);
}

}  // namespace
}  // namespace aos::e2e
