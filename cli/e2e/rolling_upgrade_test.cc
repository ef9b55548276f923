// Rolling upgrades of the controllers (issue 18) end to end: the built
// aos-db-migrate and the real phased Monitor plugin (9 expand, 10 migrate,
// 11 contract: metrics.unit renamed to measurement_unit) on the MariaDB the
// fixture starts and on a private PostgreSQL (as blocking_ddl_test does).
//
//  - --check applies nothing and answers as Keystone's db_sync --check:
//    2 while an expand step is pending, then 3 (a migrate step), then 4
//    (contract), 0 current, 1 error; several modules: the lowest non-zero
//    code (table and -f json; every code: check_codes_test);
//  - --expand applies 9 and 10 and stops before 11 (the row says why, the
//    JSON has held_back); the old release's service statements
//    (testdata/rolling/monitor_previous_queries.sql) keep working;
//  - --contract is refused, nothing applied, while another controller
//    (controller_name = ctl2, running Monitor release 8,
//    testdata/rolling/monitor_8) is registered, naming it; accepted once ctl2
//    runs the new release or is forgotten (--forget-controller), or with
//    --force; after it the old statements fail (unit is gone);
//  - upgrade_mode = rolling makes a run without a flag an --expand; a plain
//    run applies 8 -> 11 as before; an ABI 1.1 plugin in C
//    (testdata/rolling/abi11) runs unchanged, and --expand holds its steps
//    back (no phase declared); --status lists the controllers.
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/postgresql_fixture.h"
#include "cli/e2e/process_helpers.h"
#include "cli/e2e/report_parser.h"
#include "cli/e2e/rolling_queries.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tools/testing/command_runner.h"
#include "tools/testing/mariadb_server.h"
#include "tools/testing/postgresql_server.h"

namespace aos::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

constexpr char kNewMonitor[] = "plugins/monitor/libmonitor.so";
constexpr char kOldMonitor[] = "testdata/rolling/monitor_8/libmonitor.so";
constexpr char kRollExpand[] = "testdata/rolling/steps/librollexpand.so";
constexpr char kRollMigrate[] = "testdata/rolling/steps/librollmigrate.so";
constexpr char kLegacy[] = "testdata/rolling/abi11/liblegacy.so";

constexpr char kStoppedBefore11[] = "8 -> 10 (stopped before 11: ";

// The JSON document a command printed (fails the test if it is none).
Json JsonOut(const testing::CommandResult& r) {
  absl::StatusOr<Json> doc = ParseJson(r.out);
  EXPECT_TRUE(doc.ok()) << doc.status() << "\n" << r.out << r.err;
  return doc.ok() ? *doc : Json::object();
}

// The module `id` of a -f json document (null if absent).
Json ModuleOf(const Json& doc, const std::string& id) {
  if (!doc.contains("modules")) return Json();
  for (const Json& m : JsonArray(doc.at("modules"))) {
    if (m.contains("id") && m.at("id") == id) return m;
  }
  return Json();
}

// "9 expand, 10 migrate" of a --check module's "pending".
std::vector<std::string> PendingOf(const Json& module) {
  std::vector<std::string> out;
  if (!module.is_object() || !module.contains("pending")) return {"<none>"};
  for (const Json& p : JsonArray(module.at("pending"))) {
    out.push_back(absl::StrCat(JsonInt(p.at("version")), " ",
                               JsonString(p.at("phase"))));
    EXPECT_FALSE(JsonString(p.at("description")).empty()) << p.dump();
  }
  return out;
}

// Runs a file of statements on a MariaDB database: SELECTs through Query,
// the others through Execute.
StatementRunner MariadbRunner(testing::MariadbServer* server,
                              const std::string& db) {
  return [server, db](const std::string& sql)
             -> absl::StatusOr<std::vector<std::string>> {
    if (absl::StartsWithIgnoreCase(sql, "SELECT")) return server->Query(sql, db);
    absl::Status st = server->Execute(sql, db);
    if (!st.ok()) return st;
    return std::vector<std::string>();
  };
}

class RollingUpgradeTest : public MigrateTest {
 protected:
  // A controller's config: `name` in the registry, `plugin` its Monitor
  // release (and any other plugins), `extra` in [DEFAULT].
  std::string Controller(const std::string& name,
                         std::vector<std::string> plugins,
                         const std::string& extra = "") {
    return Config(PluginDir(std::move(plugins)), 0,
                  absl::StrCat("controller_name = ", name, "\n", extra));
  }

  testing::CommandResult Monitor(const std::string& config,
                                 std::vector<std::string> args) {
    args.insert(args.begin(), {"-n", "monitor"});
    return Migrate(config, args);
  }

  // The registry: "name\tlatest\trelease" rows, by name (a row's key is
  // "name@machine-id").
  std::vector<std::string> Registry() {
    return QueryDb("monitor",
                   "SELECT SUBSTRING_INDEX(host, '@', 1), latest_version, "
                   "plugin_release FROM "
                   "aos_migration_controllers WHERE repository_id = 'monitor' "
                   "ORDER BY host");
  }
  std::vector<std::string> RegistryWithTimes() {
    return QueryDb("monitor",
                   "SELECT host, latest_version, plugin_release, last_seen FROM "
                   "aos_migration_controllers ORDER BY host");
  }

  StatementRunner MonitorDb() { return MariadbRunner(server_, Db("monitor")); }

  // Monitor at 8 by ctl1 (new release) and ctl2 registered running the old
  // release (a plain run of Monitor release 8: No changes).
  void PrepareWithOldController(std::string* ctl1) {
    *ctl1 = Controller("ctl1", {kNewMonitor});
    ASSERT_NO_FATAL_FAILURE(PrepareAt(*ctl1, "monitor", 8));
    testing::CommandResult old = Monitor(Controller("ctl2", {kOldMonitor}), {});
    ASSERT_EQ(old.exit_code, 0) << old.out << old.err;
    std::optional<ReportRow> row = FindRow(old.out, "Monitor");
    ASSERT_TRUE(row.has_value()) << old.out;
    EXPECT_EQ(row->result, "No changes");
    ASSERT_THAT(Registry(), ::testing::Contains("ctl2\t8\t1"));
  }

  // Columns of metrics named *unit*.
  std::vector<std::string> UnitColumns() {
    return QueryDb("monitor",
                   "SELECT column_name FROM information_schema.columns WHERE "
                   "table_schema = DATABASE() AND table_name = 'metrics' AND "
                   "column_name LIKE '%unit' ORDER BY column_name");
  }
};

TEST_F(RollingUpgradeTest, CheckThenExpandKeepsTheOldReleaseWorking) {
  const std::string ctl1 = Controller("ctl1", {kNewMonitor});
  ASSERT_NO_FATAL_FAILURE(PrepareAt(ctl1, "monitor", 8));
  ASSERT_NO_FATAL_FAILURE(ExpectServiceWorks(kPreviousQueries, MonitorDb()));
  const std::vector<std::string> registry = RegistryWithTimes();

  // --check: everything pending; the first command needed is --expand.
  testing::CommandResult check = Monitor(ctl1, {"--check"});
  EXPECT_EQ(check.exit_code, 2) << check.out << check.err;
  EXPECT_THAT(ParseTable(check.out, "DB check table"),
              ElementsAre(ElementsAre("N", "Module name", "Current", "Latest",
                                      "Check", "Next", "Pending"),
                          ElementsAre("1", "Monitor", "8", "11", "2",
                                      "--expand",
                                      "9 (expand) 10 (migrate) 11 (contract)")))
      << check.out;
  testing::CommandResult check_json = Monitor(ctl1, {"--check", "-f", "json"});
  EXPECT_EQ(check_json.exit_code, 2) << check_json.out << check_json.err;
  Json doc = JsonOut(check_json);
  Json m = ModuleOf(doc, "monitor");
  ASSERT_TRUE(m.is_object()) << check_json.out;
  EXPECT_THAT(Keys(m), ElementsAre("id", "name", "current", "latest", "check",
                                   "next", "pending", "error", "category"));
  EXPECT_EQ(JsonInt(m.at("current")), 8);
  EXPECT_EQ(JsonInt(m.at("latest")), 11);
  EXPECT_EQ(JsonInt(m.at("check")), 2);
  EXPECT_EQ(JsonString(m.at("next")), "--expand");
  EXPECT_THAT(PendingOf(m), ElementsAre("9 expand", "10 migrate", "11 contract"));
  EXPECT_TRUE(m.at("error").is_null()) << m.dump();
  EXPECT_TRUE(m.at("category").is_null()) << m.dump();
  EXPECT_EQ(JsonInt(doc.at("check")), 2);
  EXPECT_EQ(JsonString(doc.at("next")), "--expand");
  // It applied and wrote nothing, not even the registry.
  EXPECT_EQ(RecordedVersion("monitor"), "8");
  EXPECT_EQ(RegistryWithTimes(), registry);

  // --expand: 9 and 10, not 11.
  testing::CommandResult expand = Monitor(ctl1, {"--expand", "-f", "json"});
  EXPECT_EQ(expand.exit_code, 0) << expand.out << expand.err;
  doc = JsonOut(expand);
  m = ModuleOf(doc, "monitor");
  ASSERT_TRUE(m.is_object()) << expand.out;
  EXPECT_EQ(JsonString(m.at("status")), "OK");
  EXPECT_EQ(JsonInt(m.at("from")), 8);
  EXPECT_EQ(JsonInt(m.at("to")), 10);
  EXPECT_THAT(JsonString(m.at("result")), StartsWith(kStoppedBefore11));
  ASSERT_TRUE(m.contains("held_back")) << m.dump();
  const Json& held = m.at("held_back");
  ASSERT_TRUE(held.is_object()) << m.dump();
  EXPECT_EQ(JsonInt(held.at("version")), 11);
  EXPECT_EQ(JsonString(held.at("phase")), "contract");
  EXPECT_THAT(JsonString(held.at("reason")), HasSubstr("contract"));
  EXPECT_EQ(RecordedVersion("monitor"), "10");
  EXPECT_THAT(UnitColumns(), ElementsAre("measurement_unit", "unit"));

  // Both releases' services work at 10, and see each other's writes.
  ASSERT_NO_FATAL_FAILURE(ExpectServiceWorks(kPreviousQueries, MonitorDb()));
  ASSERT_NO_FATAL_FAILURE(ExpectServiceWorks(kNextQueries, MonitorDb()));
  EXPECT_THAT(QueryDb("monitor", kUnsyncedProbeRows), IsEmpty());

  // Now only the contract step is pending.
  check = Monitor(ctl1, {"--check"});
  EXPECT_EQ(check.exit_code, 4) << check.out << check.err;
  EXPECT_THAT(ParseTable(check.out, "DB check table"),
              ::testing::Contains(ElementsAre("1", "Monitor", "10", "11", "4",
                                              "--contract", "11 (contract)")))
      << check.out;
  check_json = Monitor(ctl1, {"--check", "-f", "json"});
  EXPECT_EQ(check_json.exit_code, 4) << check_json.out;
  EXPECT_THAT(PendingOf(ModuleOf(JsonOut(check_json), "monitor")),
              ElementsAre("11 contract"));

  // --expand again: nothing to do, still held back.
  testing::CommandResult again = Monitor(ctl1, {"--expand"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  std::optional<ReportRow> row = FindRow(again.out, "Monitor");
  ASSERT_TRUE(row.has_value()) << again.out;
  EXPECT_EQ(row->status, "OK");
  EXPECT_THAT(row->result, StartsWith("No changes (stopped before 11: "));
  EXPECT_EQ(RecordedVersion("monitor"), "10");
}

TEST_F(RollingUpgradeTest, CheckExitCodesPerPhaseAndAcrossModules) {
  AddModules({"rollexpand", "rollmigrate"});
  const std::string plugins =
      PluginDir({kNewMonitor, kRollExpand, kRollMigrate});
  const std::string ctl1 =
      Config(plugins, 0, "controller_name = ctl1\n");
  ASSERT_NO_FATAL_FAILURE(PrepareAt(ctl1, "rollexpand", 1));
  ASSERT_NO_FATAL_FAILURE(PrepareAt(ctl1, "rollmigrate", 1));
  ASSERT_NO_FATAL_FAILURE(PrepareAt(ctl1, "monitor", 8));

  struct Case {
    std::vector<std::string> modules;
    int code;
  } cases[] = {
      {{"rollexpand"}, 2},                          // an expand step
      {{"rollmigrate"}, 2},                         // expand first
      {{"rollexpand", "rollmigrate"}, 2},           // the lowest
      {{"rollexpand", "rollmigrate", "monitor"}, 2},
      {{"monitor", "rollexpand"}, 2},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::StrJoin(c.modules, " "));
    std::vector<std::string> args = {"-n"};
    args.insert(args.end(), c.modules.begin(), c.modules.end());
    args.push_back("--check");
    testing::CommandResult table = Migrate(ctl1, args);
    EXPECT_EQ(table.exit_code, c.code) << table.out << table.err;
    EXPECT_EQ(ParseTable(table.out, "DB check table").size(),
              c.modules.size() + 1)
        << table.out;
    args.insert(args.end(), {"-f", "json"});
    testing::CommandResult json = Migrate(ctl1, args);
    EXPECT_EQ(json.exit_code, c.code) << json.out << json.err;
    Json doc = JsonOut(json);
    EXPECT_EQ(JsonInt(doc.at("check")), c.code) << json.out;
  }
  testing::CommandResult json =
      Migrate(ctl1, {"-n", "rollexpand", "rollmigrate", "--check", "-f", "json"});
  Json doc = JsonOut(json);
  EXPECT_EQ(JsonInt(ModuleOf(doc, "rollexpand").at("check")), 2) << json.out;
  EXPECT_THAT(PendingOf(ModuleOf(doc, "rollexpand")), ElementsAre("2 expand"));
  EXPECT_EQ(JsonInt(ModuleOf(doc, "rollmigrate").at("check")), 2) << json.out;
  EXPECT_THAT(PendingOf(ModuleOf(doc, "rollmigrate")),
              ElementsAre("2 expand", "3 migrate"));

  // An unreachable database: 1 for its module, and 1 overall even beside
  // pending contract steps.
  const std::string dead = ConfigWith(
      plugins, {{"rollexpand",
                 absl::StrCat("mysql+pymysql://root@127.0.0.1:",
                              testing::FreePort(), "/", Db("rollexpand"))}});
  testing::CommandResult one = Migrate(dead, {"-n", "rollexpand", "--check"});
  EXPECT_EQ(one.exit_code, 1) << one.out << one.err;
  testing::CommandResult all = Migrate(
      dead, {"-n", "rollexpand", "rollmigrate", "monitor", "--check", "-f", "json"});
  EXPECT_EQ(all.exit_code, 1) << all.out << all.err;
  doc = JsonOut(all);
  EXPECT_EQ(JsonInt(doc.at("check")), 1) << all.out;
  Json failed = ModuleOf(doc, "rollexpand");
  ASSERT_TRUE(failed.is_object()) << all.out;
  EXPECT_EQ(JsonInt(failed.at("check")), 1);
  EXPECT_EQ(JsonString(failed.at("category")), "cannot_connect") << all.out;
  EXPECT_FALSE(JsonString(failed.at("error")).empty());
  EXPECT_EQ(JsonInt(ModuleOf(doc, "rollmigrate").at("check")), 2) << all.out;
  EXPECT_EQ(JsonInt(ModuleOf(doc, "monitor").at("check")), 2) << all.out;
  testing::CommandResult all_table =
      Migrate(dead, {"-n", "rollexpand", "rollmigrate", "monitor", "--check"});
  EXPECT_EQ(all_table.exit_code, 1) << all_table.out << all_table.err;

  // --expand brings the two small modules to their latest (no contract
  // step: nothing held back); 0 for them.
  testing::CommandResult expand =
      Migrate(ctl1, {"-n", "rollexpand", "rollmigrate", "--expand", "-f", "json"});
  EXPECT_EQ(expand.exit_code, 0) << expand.out << expand.err;
  doc = JsonOut(expand);
  EXPECT_EQ(JsonString(ModuleOf(doc, "rollexpand").at("result")), "1 -> 2");
  EXPECT_TRUE(ModuleOf(doc, "rollexpand").at("held_back").is_null()) << expand.out;
  EXPECT_EQ(JsonString(ModuleOf(doc, "rollmigrate").at("result")), "1 -> 3");
  EXPECT_TRUE(ModuleOf(doc, "rollmigrate").at("held_back").is_null())
      << expand.out;
  testing::CommandResult current =
      Migrate(ctl1, {"-n", "rollexpand", "rollmigrate", "--check", "-f", "json"});
  EXPECT_EQ(current.exit_code, 0) << current.out << current.err;
  doc = JsonOut(current);
  EXPECT_EQ(JsonInt(doc.at("check")), 0);
  EXPECT_THAT(PendingOf(ModuleOf(doc, "rollmigrate")), IsEmpty());
  // All three current after a plain run: 0.
  testing::CommandResult plain = Migrate(ctl1, {});
  EXPECT_EQ(plain.exit_code, 0) << plain.out << plain.err;
  testing::CommandResult zero = Migrate(ctl1, {"--check"});
  EXPECT_EQ(zero.exit_code, 0) << zero.out << zero.err;
  testing::CommandResult zero_json = Migrate(ctl1, {"--check", "-f", "json"});
  EXPECT_EQ(zero_json.exit_code, 0) << zero_json.out;
  doc = JsonOut(zero_json);
  EXPECT_EQ(JsonInt(doc.at("check")), 0);
  for (const Json& module : JsonArray(doc.at("modules"))) {
    EXPECT_EQ(JsonInt(module.at("check")), 0) << module.dump();
    EXPECT_THAT(JsonArray(module.at("pending")), IsEmpty()) << module.dump();
  }
}

TEST_F(RollingUpgradeTest, ContractWaitsUntilTheOldControllerRunsTheNewRelease) {
  std::string ctl1;
  ASSERT_NO_FATAL_FAILURE(PrepareWithOldController(&ctl1));
  testing::CommandResult expand = Monitor(ctl1, {"--expand"});
  EXPECT_EQ(expand.exit_code, 0) << expand.out << expand.err;
  std::optional<ReportRow> row = FindRow(expand.out, "Monitor");
  ASSERT_TRUE(row.has_value()) << expand.out;
  EXPECT_EQ(row->status, "OK");
  EXPECT_THAT(row->result, StartsWith(kStoppedBefore11));
  EXPECT_THAT(row->result, HasWrappedSubstr("ctl2"));
  EXPECT_EQ(RecordedVersion("monitor"), "10");

  // Refused while ctl2 runs release 8, naming it; nothing applied.
  testing::CommandResult refused = Monitor(ctl1, {"--contract", "-v"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  row = FindRow(refused.out, "Monitor");
  ASSERT_TRUE(row.has_value()) << refused.out;
  EXPECT_EQ(row->status, "FAIL");
  EXPECT_THAT(row->result, HasWrappedSubstr("--contract refused"));
  EXPECT_THAT(row->result, HasWrappedSubstr("ctl2"));
  testing::CommandResult refused_json =
      Monitor(ctl1, {"--contract", "-f", "json"});
  EXPECT_EQ(refused_json.exit_code, 1) << refused_json.out;
  Json m = ModuleOf(JsonOut(refused_json), "monitor");
  ASSERT_TRUE(m.is_object()) << refused_json.out;
  EXPECT_EQ(JsonString(m.at("status")), "FAIL");
  EXPECT_THAT(JsonString(m.at("error")), HasSubstr("ctl2"));
  EXPECT_EQ(RecordedVersion("monitor"), "10");
  EXPECT_THAT(UnitColumns(), ElementsAre("measurement_unit", "unit"));
  ASSERT_NO_FATAL_FAILURE(ExpectServiceWorks(kPreviousQueries, MonitorDb()));

  // ctl2 is upgraded: its run (rolling, as its unit does) changes nothing
  // and registers it at 11.
  testing::CommandResult ctl2 =
      Monitor(Controller("ctl2", {kNewMonitor}, "upgrade_mode = rolling\n"), {});
  EXPECT_EQ(ctl2.exit_code, 0) << ctl2.out << ctl2.err;
  row = FindRow(ctl2.out, "Monitor");
  ASSERT_TRUE(row.has_value()) << ctl2.out;
  EXPECT_THAT(row->result, StartsWith("No changes (stopped before 11: "));
  EXPECT_THAT(Registry(), ::testing::Contains("ctl2\t11\t1"));

  testing::CommandResult contract = Monitor(ctl1, {"--contract"});
  EXPECT_EQ(contract.exit_code, 0) << contract.out << contract.err;
  row = FindRow(contract.out, "Monitor");
  ASSERT_TRUE(row.has_value()) << contract.out;
  EXPECT_EQ(row->status, "OK");
  EXPECT_EQ(row->result, "10 -> 11");
  EXPECT_EQ(RecordedVersion("monitor"), "11");
  EXPECT_THAT(UnitColumns(), ElementsAre("measurement_unit"));
  ASSERT_NO_FATAL_FAILURE(ExpectOldServiceBroken(MonitorDb()));
  ASSERT_NO_FATAL_FAILURE(ExpectServiceWorks(kNextQueries, MonitorDb()));
  testing::CommandResult check = Monitor(ctl1, {"--check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST_F(RollingUpgradeTest, ContractAcceptedOnceTheOldControllerIsForgotten) {
  std::string ctl1;
  ASSERT_NO_FATAL_FAILURE(PrepareWithOldController(&ctl1));
  // From 8 --contract would apply 9, 10 and 11: refused as a whole.
  testing::CommandResult refused = Monitor(ctl1, {"--contract", "-v"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  std::optional<ReportRow> row = FindRow(refused.out, "Monitor");
  ASSERT_TRUE(row.has_value()) << refused.out;
  EXPECT_EQ(row->status, "FAIL");
  EXPECT_THAT(row->result, HasWrappedSubstr("ctl2"));
  EXPECT_EQ(RecordedVersion("monitor"), "8");
  EXPECT_THAT(UnitColumns(), ElementsAre("unit"));

  testing::CommandResult forget =
      Monitor(ctl1, {"--forget-controller", "ctl2"});
  EXPECT_EQ(forget.exit_code, 0) << forget.out << forget.err;
  EXPECT_THAT(forget.out, HasSubstr("Forgot controller ctl2 in: monitor"));
  EXPECT_THAT(Registry(), Not(::testing::Contains(StartsWith("ctl2\t"))));
  testing::CommandResult unknown =
      Monitor(ctl1, {"--forget-controller", "ctl2"});
  EXPECT_EQ(unknown.exit_code, 0) << unknown.out << unknown.err;
  EXPECT_THAT(unknown.out,
              HasSubstr("Controller ctl2 was not registered in: monitor"));

  testing::CommandResult contract = Monitor(ctl1, {"--contract"});
  EXPECT_EQ(contract.exit_code, 0) << contract.out << contract.err;
  row = FindRow(contract.out, "Monitor");
  ASSERT_TRUE(row.has_value()) << contract.out;
  EXPECT_EQ(row->result, "8 -> 11");
  EXPECT_EQ(RecordedVersion("monitor"), "11");
  ASSERT_NO_FATAL_FAILURE(ExpectOldServiceBroken(MonitorDb()));
  testing::CommandResult check = Monitor(ctl1, {"--check", "-f", "json"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST_F(RollingUpgradeTest, ContractForceOverridesTheRegistry) {
  std::string ctl1;
  ASSERT_NO_FATAL_FAILURE(PrepareWithOldController(&ctl1));
  testing::CommandResult expand = Monitor(ctl1, {"--expand"});
  ASSERT_EQ(expand.exit_code, 0) << expand.out << expand.err;
  testing::CommandResult refused = Monitor(ctl1, {"--contract"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_EQ(RecordedVersion("monitor"), "10");
  testing::CommandResult forced = Monitor(ctl1, {"--contract", "--force"});
  EXPECT_EQ(forced.exit_code, 0) << forced.out << forced.err;
  std::optional<ReportRow> row = FindRow(forced.out, "Monitor");
  ASSERT_TRUE(row.has_value()) << forced.out;
  EXPECT_EQ(row->result, "10 -> 11");
  EXPECT_EQ(RecordedVersion("monitor"), "11");
  ASSERT_NO_FATAL_FAILURE(ExpectOldServiceBroken(MonitorDb()));
}

TEST_F(RollingUpgradeTest, UpgradeModeRollingMakesARunWithoutFlagAnExpand) {
  const std::string plain = Controller("ctl1", {kNewMonitor});
  ASSERT_NO_FATAL_FAILURE(PrepareAt(plain, "monitor", 8));
  const std::string rolling =
      Controller("ctl1", {kNewMonitor}, "upgrade_mode = rolling\n");
  testing::CommandResult run = Monitor(rolling, {});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  std::optional<ReportRow> row = FindRow(run.out, "Monitor");
  ASSERT_TRUE(row.has_value()) << run.out;
  EXPECT_EQ(row->status, "OK");
  EXPECT_THAT(row->result, StartsWith(kStoppedBefore11));
  EXPECT_THAT(row->result, HasWrappedSubstr("contract"));
  EXPECT_EQ(RecordedVersion("monitor"), "10");
  ASSERT_NO_FATAL_FAILURE(ExpectServiceWorks(kPreviousQueries, MonitorDb()));
  // The same config's --contract finishes the upgrade (ctl1 is the only
  // controller).
  testing::CommandResult contract = Monitor(rolling, {"--contract"});
  EXPECT_EQ(contract.exit_code, 0) << contract.out << contract.err;
  row = FindRow(contract.out, "Monitor");
  ASSERT_TRUE(row.has_value()) << contract.out;
  EXPECT_EQ(row->result, "10 -> 11");
}

TEST_F(RollingUpgradeTest, APlainRunAppliesEverythingAsBefore) {
  std::string ctl1;
  ASSERT_NO_FATAL_FAILURE(PrepareWithOldController(&ctl1));
  // No flag, plain mode: 8 -> 11 in one run, whatever the registry holds.
  testing::CommandResult run = Monitor(ctl1, {"-f", "json"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  Json m = ModuleOf(JsonOut(run), "monitor");
  ASSERT_TRUE(m.is_object()) << run.out;
  EXPECT_EQ(JsonString(m.at("status")), "OK");
  EXPECT_EQ(JsonString(m.at("result")), "8 -> 11");
  EXPECT_TRUE(m.at("held_back").is_null()) << m.dump();
  EXPECT_EQ(RecordedVersion("monitor"), "11");
  EXPECT_THAT(UnitColumns(), ElementsAre("measurement_unit"));
  // And a plain run of a fresh database reports as it always did.
  testing::CommandResult check = Monitor(ctl1, {"--check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST_F(RollingUpgradeTest, AnAbi11PluginRunsUnchangedAndExpandHoldsItBack) {
  AddModules({"legacy"});
  const std::string ctl1 = Controller("ctl1", {kLegacy});
  // A first install: no release runs on an empty database, so --expand
  // installs it whole, phases or not.
  testing::CommandResult first =
      Migrate(ctl1, {"-n", "legacy", "--expand", "--migration", "1"});
  EXPECT_EQ(first.exit_code, 2) << "--expand is a run to the latest version\n"
                                << first.out << first.err;
  testing::CommandResult install =
      Migrate(ctl1, {"-n", "legacy", "--expand", "-f", "json"});
  EXPECT_EQ(install.exit_code, 0) << install.out << install.err;
  Json m = ModuleOf(JsonOut(install), "legacy");
  ASSERT_TRUE(m.is_object()) << install.out;
  EXPECT_EQ(JsonString(m.at("result")), "0 -> 2");
  EXPECT_TRUE(m.at("held_back").is_null()) << m.dump();

  // Installed at 1: its step 2 declares no phase, so --expand holds it.
  testing::CommandResult down =
      Migrate(ctl1, {"-n", "legacy", "--migration", "1"});
  EXPECT_EQ(down.exit_code, 0) << down.out << down.err;
  testing::CommandResult expand =
      Migrate(ctl1, {"-n", "legacy", "--expand", "-f", "json"});
  EXPECT_EQ(expand.exit_code, 0) << expand.out << expand.err;
  m = ModuleOf(JsonOut(expand), "legacy");
  ASSERT_TRUE(m.is_object()) << expand.out;
  EXPECT_EQ(JsonString(m.at("status")), "OK");
  EXPECT_THAT(JsonString(m.at("result")),
              StartsWith("No changes (stopped before 2: "));
  ASSERT_TRUE(m.at("held_back").is_object()) << m.dump();
  EXPECT_EQ(JsonInt(m.at("held_back").at("version")), 2);
  EXPECT_EQ(JsonString(m.at("held_back").at("phase")), "unspecified");
  EXPECT_THAT(JsonString(m.at("held_back").at("reason")),
              HasSubstr("not declared"));
  EXPECT_EQ(RecordedVersion("legacy"), "1");

  testing::CommandResult check =
      Migrate(ctl1, {"-n", "legacy", "--check", "-f", "json"});
  EXPECT_EQ(check.exit_code, 4) << check.out << check.err;
  EXPECT_THAT(PendingOf(ModuleOf(JsonOut(check), "legacy")),
              ElementsAre("2 unspecified"));

  // A plain run: as before ABI 1.2.
  testing::CommandResult plain = Migrate(ctl1, {"-n", "legacy"});
  EXPECT_EQ(plain.exit_code, 0) << plain.out << plain.err;
  std::optional<ReportRow> row = FindRow(plain.out, "Legacy");
  ASSERT_TRUE(row.has_value()) << plain.out;
  EXPECT_EQ(row->status, "OK");
  EXPECT_EQ(row->result, "1 -> 2");
  EXPECT_EQ(RecordedVersion("legacy"), "2");
  EXPECT_THAT(QueryDb("legacy",
                      "SELECT column_name FROM information_schema.columns "
                      "WHERE table_schema = DATABASE() AND table_name = "
                      "'legacy_notes' ORDER BY column_name"),
              ElementsAre("author", "body", "id"));
  check = Migrate(ctl1, {"-n", "legacy", "--check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  // And back, as any plugin.
  testing::CommandResult back =
      Migrate(ctl1, {"-n", "legacy", "--migration", "1"});
  EXPECT_EQ(back.exit_code, 0) << back.out << back.err;
  EXPECT_EQ(RecordedVersion("legacy"), "1");
}

TEST_F(RollingUpgradeTest, StatusListsTheControllers) {
  std::string ctl1;
  ASSERT_NO_FATAL_FAILURE(PrepareWithOldController(&ctl1));
  testing::CommandResult expand = Monitor(ctl1, {"--expand"});
  ASSERT_EQ(expand.exit_code, 0) << expand.out << expand.err;

  testing::CommandResult status = Monitor(ctl1, {"--status"});
  EXPECT_EQ(status.exit_code, 0) << status.out << status.err;
  std::vector<std::vector<std::string>> table =
      ParseTable(status.out, "Controllers table");
  ASSERT_FALSE(table.empty()) << status.out;
  EXPECT_THAT(table[0], ElementsAre("N", "Module name", "Controller",
                                    "Machine id", "Release", "Last start"));
  std::map<std::string, std::string> release_of;
  for (size_t i = 1; i < table.size(); ++i) {
    ASSERT_EQ(table[i].size(), 6u) << status.out;
    EXPECT_EQ(table[i][1], "Monitor");
    EXPECT_FALSE(table[i][3].empty());
    EXPECT_FALSE(table[i][5].empty());
    release_of[table[i][2]] = table[i][4];
  }
  EXPECT_EQ(release_of["ctl1"], "11.1") << status.out;
  EXPECT_EQ(release_of["ctl2"], "8.1") << status.out;

  testing::CommandResult json = Monitor(ctl1, {"--status", "-f", "json"});
  EXPECT_EQ(json.exit_code, 0) << json.out << json.err;
  Json m = ModuleOf(JsonOut(json), "monitor");
  ASSERT_TRUE(m.is_object() && m.contains("controllers")) << json.out;
  std::map<std::string, Json> by_host;
  for (const Json& c : JsonArray(m.at("controllers"))) {
    EXPECT_THAT(Keys(c), ElementsAre("host", "machine_id", "identity", "latest",
                                     "release", "last_seen"));
    by_host[JsonString(c.at("host"))] = c;
  }
  ASSERT_TRUE(by_host.count("ctl1") && by_host.count("ctl2")) << json.out;
  EXPECT_EQ(JsonInt(by_host["ctl1"].at("latest")), 11);
  EXPECT_EQ(JsonString(by_host["ctl1"].at("release")), "1");
  EXPECT_EQ(JsonInt(by_host["ctl2"].at("latest")), 8);
  EXPECT_FALSE(JsonString(by_host["ctl2"].at("last_seen")).empty());
}

// --- PostgreSQL --------------------------------------------------------------

// The same roll on a private PostgreSQL (tools/testing/postgresql_server.h),
// with the plugins' .postgresql.sql scripts.
class RollingPostgresqlTest : public PostgresqlSuite<> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(PostgresqlSuite::SetUp());
    static int counter = 0;
    prefix_ = absl::StrCat("pgroll", ++counter, "_");
    for (const char* m : {"monitor", "rollexpand", "rollmigrate"}) {
      absl::Status st = pg_->Execute("CREATE DATABASE " + Db(m));
      ASSERT_TRUE(st.ok()) << st;
    }
  }

  std::string Db(const std::string& module) const { return prefix_ + module; }

  // A controller's config for the three modules.
  std::string Controller(const std::string& name,
                         const std::vector<std::string>& plugins,
                         const std::string& extra = "") {
    std::string text = absl::StrCat("[DEFAULT]\nplugin_dir = ",
                                    NewPluginDir(plugins), "\nlock_timeout = 30\n",
                                    "controller_name = ", name, "\n", extra, "\n");
    for (const std::string& p : plugins) {
      std::string id = p.substr(p.rfind("/lib") + 4);
      id = id.substr(0, id.size() - 3);
      absl::StrAppend(&text, "[", id, "]\nconnection = ", pg_->Url(Db(id)), "\n");
    }
    const std::string path = testing::NewTempDir("pgconf.") + "/db-migrate.conf";
    testing::WriteFile(path, text);
    return path;
  }

  testing::CommandResult Run(const std::string& config,
                             const std::vector<std::string>& args) {
    std::vector<std::string> argv = {testing::Runfile("cli/aos-db-migrate"),
                                     "--config", config};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommandOrFail(argv);
  }

  testing::CommandResult Monitor(const std::string& config,
                                 std::vector<std::string> args) {
    args.insert(args.begin(), {"-n", "monitor"});
    return Run(config, args);
  }

  std::vector<std::string> Query(const std::string& module,
                                 const std::string& sql) {
    absl::StatusOr<std::vector<std::string>> rows = pg_->Query(sql, Db(module));
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() ? *rows : std::vector<std::string>();
  }

  std::string Version(const std::string& module) {
    absl::StatusOr<std::vector<std::string>> rows = pg_->Query(
        absl::StrCat("SELECT version FROM migrate_version WHERE repository_id = '",
                     module, "'"),
        Db(module));
    return rows.ok() && !rows->empty() ? (*rows)[0] : "";
  }

  std::vector<std::string> UnitColumns() {
    return Query("monitor",
                 "SELECT column_name FROM information_schema.columns WHERE "
                 "table_name = 'metrics' AND column_name LIKE '%unit' "
                 "ORDER BY column_name");
  }

  StatementRunner MonitorDb() {
    const std::string db = Db("monitor");
    return [db](const std::string& sql)
               -> absl::StatusOr<std::vector<std::string>> {
      if (absl::StartsWithIgnoreCase(sql, "SELECT")) return pg_->Query(sql, db);
      absl::Status st = pg_->Execute(sql, db);
      if (!st.ok()) return st;
      return std::vector<std::string>();
    };
  }

  void PrepareAt(const std::string& config, const std::string& module,
                 int version) {
    testing::CommandResult r =
        Run(config, {"-n", module, "--migration", std::to_string(version)});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    ASSERT_EQ(Version(module), std::to_string(version));
  }

  std::string prefix_;
};

TEST_F(RollingPostgresqlTest, ExpandCheckAndContractAfterTheOldControllerIsUpgraded) {
  const std::string ctl1 = Controller("ctl1", {kNewMonitor});
  ASSERT_NO_FATAL_FAILURE(PrepareAt(ctl1, "monitor", 8));
  testing::CommandResult old = Monitor(Controller("ctl2", {kOldMonitor}), {});
  ASSERT_EQ(old.exit_code, 0) << old.out << old.err;
  ASSERT_NO_FATAL_FAILURE(ExpectServiceWorks(kPreviousQueries, MonitorDb()));

  testing::CommandResult check = Monitor(ctl1, {"--check"});
  EXPECT_EQ(check.exit_code, 2) << check.out << check.err;
  EXPECT_THAT(ParseTable(check.out, "DB check table"),
              ::testing::Contains(ElementsAre(
                  "1", "Monitor", "8", "11", "2", "--expand",
                  "9 (expand) 10 (migrate) 11 (contract)")))
      << check.out;
  testing::CommandResult check_json = Monitor(ctl1, {"--check", "-f", "json"});
  EXPECT_EQ(check_json.exit_code, 2) << check_json.out << check_json.err;
  Json doc = JsonOut(check_json);
  EXPECT_EQ(JsonInt(doc.at("check")), 2);
  EXPECT_THAT(PendingOf(ModuleOf(doc, "monitor")),
              ElementsAre("9 expand", "10 migrate", "11 contract"));
  EXPECT_EQ(Version("monitor"), "8");

  testing::CommandResult expand = Monitor(ctl1, {"--expand"});
  EXPECT_EQ(expand.exit_code, 0) << expand.out << expand.err;
  std::optional<ReportRow> row = FindRow(expand.out, "Monitor");
  ASSERT_TRUE(row.has_value()) << expand.out;
  EXPECT_EQ(row->status, "OK");
  EXPECT_THAT(row->result, StartsWith(kStoppedBefore11));
  EXPECT_THAT(row->result, HasWrappedSubstr("ctl2"));
  EXPECT_EQ(Version("monitor"), "10");
  EXPECT_THAT(UnitColumns(), ElementsAre("measurement_unit", "unit"));
  ASSERT_NO_FATAL_FAILURE(ExpectServiceWorks(kPreviousQueries, MonitorDb()));
  ASSERT_NO_FATAL_FAILURE(ExpectServiceWorks(kNextQueries, MonitorDb()));
  EXPECT_THAT(Query("monitor", kUnsyncedProbeRows), IsEmpty());

  check_json = Monitor(ctl1, {"--check", "-f", "json"});
  EXPECT_EQ(check_json.exit_code, 4) << check_json.out;
  EXPECT_THAT(PendingOf(ModuleOf(JsonOut(check_json), "monitor")),
              ElementsAre("11 contract"));

  testing::CommandResult refused = Monitor(ctl1, {"--contract", "-f", "json"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  Json m = ModuleOf(JsonOut(refused), "monitor");
  ASSERT_TRUE(m.is_object()) << refused.out;
  EXPECT_EQ(JsonString(m.at("status")), "FAIL");
  EXPECT_THAT(JsonString(m.at("error")), HasSubstr("--contract refused"));
  EXPECT_THAT(JsonString(m.at("error")), HasSubstr("ctl2"));
  EXPECT_EQ(Version("monitor"), "10");
  ASSERT_NO_FATAL_FAILURE(ExpectServiceWorks(kPreviousQueries, MonitorDb()));

  testing::CommandResult ctl2 =
      Monitor(Controller("ctl2", {kNewMonitor}), {"--expand"});
  EXPECT_EQ(ctl2.exit_code, 0) << ctl2.out << ctl2.err;
  testing::CommandResult contract = Monitor(ctl1, {"--contract"});
  EXPECT_EQ(contract.exit_code, 0) << contract.out << contract.err;
  row = FindRow(contract.out, "Monitor");
  ASSERT_TRUE(row.has_value()) << contract.out;
  EXPECT_EQ(row->result, "10 -> 11");
  EXPECT_EQ(Version("monitor"), "11");
  EXPECT_THAT(UnitColumns(), ElementsAre("measurement_unit"));
  ASSERT_NO_FATAL_FAILURE(ExpectOldServiceBroken(MonitorDb()));
  ASSERT_NO_FATAL_FAILURE(ExpectServiceWorks(kNextQueries, MonitorDb()));
  check = Monitor(ctl1, {"--check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST_F(RollingPostgresqlTest, ForgetForceCheckCodesAndAPlainRun) {
  const std::string ctl1 =
      Controller("ctl1", {kNewMonitor, kRollExpand, kRollMigrate});
  ASSERT_NO_FATAL_FAILURE(PrepareAt(ctl1, "monitor", 8));
  ASSERT_NO_FATAL_FAILURE(PrepareAt(ctl1, "rollexpand", 1));
  ASSERT_NO_FATAL_FAILURE(PrepareAt(ctl1, "rollmigrate", 1));
  testing::CommandResult old = Monitor(Controller("ctl2", {kOldMonitor}), {});
  ASSERT_EQ(old.exit_code, 0) << old.out << old.err;

  // The check codes of each phase, and together.
  for (const auto& [modules, code] :
       std::vector<std::pair<std::vector<std::string>, int>>{
           {{"rollexpand"}, 2},
           {{"rollmigrate"}, 2},
           {{"rollexpand", "rollmigrate"}, 2},
           {{"rollexpand", "rollmigrate", "monitor"}, 2}}) {
    std::vector<std::string> args = {"-n"};
    args.insert(args.end(), modules.begin(), modules.end());
    args.insert(args.end(), {"--check", "-f", "json"});
    testing::CommandResult r = Run(ctl1, args);
    EXPECT_EQ(r.exit_code, code) << absl::StrJoin(modules, " ") << "\n" << r.out;
    EXPECT_EQ(JsonInt(JsonOut(r).at("check")), code) << r.out;
  }
  // A module whose server is gone: 1, category cannot_connect.
  {
    std::string text = testing::ReadFile(ctl1);
    const std::string dead_url = absl::StrCat(
        "postgresql://postgres@127.0.0.1:", testing::FreePort(), "/", Db("rollexpand"));
    const std::string live_url = pg_->Url(Db("rollexpand"));
    text.replace(text.find(live_url), live_url.size(), dead_url);
    const std::string dead = testing::NewTempDir("pgconf.") + "/db-migrate.conf";
    testing::WriteFile(dead, text);
    testing::CommandResult r = Run(dead, {"--check", "-f", "json"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    Json doc = JsonOut(r);
    EXPECT_EQ(JsonInt(doc.at("check")), 1);
    EXPECT_EQ(JsonString(ModuleOf(doc, "rollexpand").at("category")),
              "cannot_connect")
        << r.out;
    EXPECT_EQ(JsonInt(ModuleOf(doc, "monitor").at("check")), 2) << r.out;
  }

  // Refused from 8 with nothing applied; forgotten, accepted.
  testing::CommandResult refused = Monitor(ctl1, {"--contract", "-v"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_THAT(refused.out, HasWrappedSubstr("ctl2"));
  EXPECT_EQ(Version("monitor"), "8");
  EXPECT_THAT(UnitColumns(), ElementsAre("unit"));
  testing::CommandResult forget = Monitor(ctl1, {"--forget-controller", "ctl2"});
  EXPECT_EQ(forget.exit_code, 0) << forget.out << forget.err;
  EXPECT_THAT(forget.out, HasSubstr("Forgot controller ctl2 in: monitor"));
  testing::CommandResult contract = Monitor(ctl1, {"--contract"});
  EXPECT_EQ(contract.exit_code, 0) << contract.out << contract.err;
  EXPECT_EQ(Version("monitor"), "11");
  ASSERT_NO_FATAL_FAILURE(ExpectOldServiceBroken(MonitorDb()));

  // A plain run of the small modules: all of it.
  testing::CommandResult plain = Run(ctl1, {"-n", "rollexpand", "rollmigrate"});
  EXPECT_EQ(plain.exit_code, 0) << plain.out << plain.err;
  EXPECT_EQ(Version("rollexpand"), "2");
  EXPECT_EQ(Version("rollmigrate"), "3");
  testing::CommandResult check = Run(ctl1, {"--check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST_F(RollingPostgresqlTest, APlainRunAppliesEverythingAndForceOverrides) {
  const std::string ctl1 = Controller("ctl1", {kNewMonitor});
  ASSERT_NO_FATAL_FAILURE(PrepareAt(ctl1, "monitor", 8));
  testing::CommandResult old = Monitor(Controller("ctl2", {kOldMonitor}), {});
  ASSERT_EQ(old.exit_code, 0) << old.out << old.err;
  testing::CommandResult plain = Monitor(ctl1, {});
  EXPECT_EQ(plain.exit_code, 0) << plain.out << plain.err;
  std::optional<ReportRow> row = FindRow(plain.out, "Monitor");
  ASSERT_TRUE(row.has_value()) << plain.out;
  EXPECT_EQ(row->result, "8 -> 11");
  EXPECT_EQ(Version("monitor"), "11");

  // Back to 8 (the downgrades restore unit), and --contract --force.
  PrepareAt(ctl1, "monitor", 8);
  testing::CommandResult refused = Monitor(ctl1, {"--contract"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_EQ(Version("monitor"), "8");
  testing::CommandResult forced = Monitor(ctl1, {"--contract", "--force"});
  EXPECT_EQ(forced.exit_code, 0) << forced.out << forced.err;
  EXPECT_EQ(Version("monitor"), "11");
}

}  // namespace
}  // namespace aos::e2e
