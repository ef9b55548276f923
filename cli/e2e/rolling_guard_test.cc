// The --contract guard of a rolling upgrade holds where the registry used to
// be fooled (issue 24), end to end on the fixture's MariaDB with the real
// phased Monitor plugin (9 expand, 10 migrate, 11 contract) and Monitor
// release 8 (testdata/rolling/monitor_8) as the old release. Each
// controller runs on a "machine" of its own: the binary reads its machine
// id from the file AOS_MACHINE_ID_FILE names (host_identity.h).
//
//  - two controllers of one name (VMs cloned with the default host name)
//    are two rows: the old release's is neither overwritten nor skipped as
//    this controller's; --status shows both identities; forgetting the name
//    alone is refused as ambiguous;
//  - a controller that registered the new release and was rolled back is
//    registered at the old release by its run, although that run fails
//    ("newer than this plugin's latest") and writes nothing else;
//  - a controller whose last start is older than the old 24-hour window
//    still counts; controller_window_hours = 24 makes it expire (opt-in).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/process_helpers.h"
#include "cli/e2e/report_parser.h"
#include "cli/e2e/rolling_queries.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/testing/command_runner.h"
#include "tools/testing/mariadb_server.h"

namespace aos::e2e {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr char kNewMonitor[] = "plugins/monitor/libmonitor.so";
constexpr char kOldMonitor[] = "testdata/rolling/monitor_8/libmonitor.so";
constexpr char kMachineA[] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
constexpr char kMachineB[] = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

class RollingGuardTest : public MigrateTest {
 protected:
  // A controller: `name` in the config, running `monitor` (a plugin's
  // runfile), on `machine` (its machine id).
  struct Controller {
    std::string config;
    std::string machine_id_file;
  };

  Controller On(const std::string& machine, const std::string& name,
                const std::string& monitor, const std::string& extra = "") {
    const std::string file = testing::NewTempDir("machine.") + "/machine-id";
    testing::WriteFile(file, std::string(machine) + "\n");
    return {Config(PluginDir({monitor}), 0,
                   absl::StrCat("controller_name = ", name, "\n", extra)),
            file};
  }

  testing::CommandResult Run(const Controller& c,
                             std::vector<std::string> args) {
    std::vector<std::string> argv = {testing::Runfile("cli/aos-db-migrate"),
                                     "--config", c.config, "-n", "monitor"};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommandOrFail(argv,
                            {"AOS_MACHINE_ID_FILE=" + c.machine_id_file});
  }

  // Brings Monitor to `version` as controller `c` would.
  void PrepareMonitorAt(const Controller& c, int version) {
    testing::CommandResult r = Run(c, {"--migration", std::to_string(version)});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    ASSERT_EQ(RecordedVersion("monitor"), std::to_string(version));
  }

  // The registry: "key\tlatest" rows, by key ("name@machine-id").
  std::vector<std::string> RegistryKeys() {
    return QueryDb("monitor",
                   "SELECT host, latest_version FROM aos_migration_controllers "
                   "WHERE repository_id = 'monitor' ORDER BY host");
  }
  // The same by name alone, as an aos-db-migrate without machine ids
  // wrote it too (so that the test fails on such a one by what it does).
  std::vector<std::string> Registry() {
    return QueryDb("monitor",
                   "SELECT SUBSTRING_INDEX(host, '@', 1), latest_version FROM "
                   "aos_migration_controllers WHERE repository_id = 'monitor' "
                   "ORDER BY host");
  }

  StatementRunner MonitorDb() {
    testing::MariadbServer* server = server_;
    const std::string db = Db("monitor");
    return [server, db](const std::string& sql)
               -> absl::StatusOr<std::vector<std::string>> {
      if (absl::StartsWithIgnoreCase(sql, "SELECT")) {
        return server->Query(sql, db);
      }
      absl::Status st = server->Execute(sql, db);
      if (!st.ok()) return st;
      return std::vector<std::string>();
    };
  }

  // --contract is refused naming `who`, nothing applied (Monitor at 10, the
  // old release's statements still work).
  void ExpectContractRefused(const Controller& c, const std::string& who) {
    testing::CommandResult refused = Run(c, {"--contract", "-v"});
    EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
    std::optional<ReportRow> row = FindRow(refused.out, "Monitor");
    ASSERT_TRUE(row.has_value()) << refused.out;
    EXPECT_EQ(row->status, "FAIL");
    EXPECT_THAT(row->result, HasWrappedSubstr("--contract refused"));
    EXPECT_THAT(row->result, HasWrappedSubstr(who)) << refused.out;
    EXPECT_EQ(RecordedVersion("monitor"), "10");
    ASSERT_NO_FATAL_FAILURE(ExpectServiceWorks(kPreviousQueries, MonitorDb()));
  }

  void ExpectContractRuns(const Controller& c) {
    testing::CommandResult contract = Run(c, {"--contract"});
    EXPECT_EQ(contract.exit_code, 0) << contract.out << contract.err;
    std::optional<ReportRow> row = FindRow(contract.out, "Monitor");
    ASSERT_TRUE(row.has_value()) << contract.out;
    EXPECT_EQ(row->result, "10 -> 11");
    EXPECT_EQ(RecordedVersion("monitor"), "11");
  }
};

TEST_F(RollingGuardTest, TwoControllersOfOneNameAreTwo) {
  // Two VMs cloned with the default host name: both "controller".
  const Controller a = On(kMachineA, "controller", kNewMonitor);
  const Controller b_old = On(kMachineB, "controller", kOldMonitor);
  ASSERT_NO_FATAL_FAILURE(PrepareMonitorAt(a, 8));
  testing::CommandResult old = Run(b_old, {});
  ASSERT_EQ(old.exit_code, 0) << old.out << old.err;
  const std::string key_a = absl::StrCat("controller@", kMachineA);
  const std::string key_b = absl::StrCat("controller@", kMachineB);
  EXPECT_THAT(RegistryKeys(), ElementsAre(key_a + "\t11", key_b + "\t8"));

  // A's --expand holds 11 back for B, and does not overwrite B's row.
  testing::CommandResult expand = Run(a, {"--expand"});
  EXPECT_EQ(expand.exit_code, 0) << expand.out << expand.err;
  std::optional<ReportRow> row = FindRow(expand.out, "Monitor");
  ASSERT_TRUE(row.has_value()) << expand.out;
  EXPECT_THAT(row->result, StartsWith("8 -> 10 (stopped before 11: "));
  EXPECT_THAT(row->result, HasWrappedSubstr(key_b));
  EXPECT_THAT(RegistryKeys(), ElementsAre(key_a + "\t11", key_b + "\t8"));
  ASSERT_NO_FATAL_FAILURE(ExpectContractRefused(a, key_b));

  // --status: each controller's identity, release and last start.
  testing::CommandResult status = Run(a, {"--status"});
  EXPECT_EQ(status.exit_code, 0) << status.out << status.err;
  std::vector<std::vector<std::string>> table =
      ParseTable(status.out, "Controllers table");
  ASSERT_EQ(table.size(), 3u) << status.out;
  EXPECT_THAT(table[0], ElementsAre("N", "Module name", "Controller",
                                    "Machine id", "Release", "Last start"));
  std::vector<std::string> seen;
  for (size_t i = 1; i < table.size(); ++i) {
    ASSERT_EQ(table[i].size(), 6u) << status.out;
    EXPECT_EQ(table[i][2], "controller");
    EXPECT_THAT(table[i][5], HasSubstr(" UTC"));
    seen.push_back(absl::StrCat(table[i][3], " ", table[i][4]));
  }
  EXPECT_THAT(seen, ::testing::UnorderedElementsAre(
                        absl::StrCat(kMachineA, " 11.1"),
                        absl::StrCat(kMachineB, " 8.1")));

  // The name alone is ambiguous; the identity is not.
  testing::CommandResult ambiguous =
      Run(a, {"--forget-controller", "controller"});
  EXPECT_EQ(ambiguous.exit_code, 1) << ambiguous.out << ambiguous.err;
  EXPECT_THAT(ambiguous.err, HasSubstr("several controllers are named"));
  EXPECT_THAT(ambiguous.err, HasSubstr(key_b));
  EXPECT_EQ(RegistryKeys().size(), 2u);
  testing::CommandResult forget = Run(a, {"--forget-controller", key_b});
  EXPECT_EQ(forget.exit_code, 0) << forget.out << forget.err;
  EXPECT_THAT(RegistryKeys(), ElementsAre(key_a + "\t11"));
  ASSERT_NO_FATAL_FAILURE(ExpectContractRuns(a));
}

TEST_F(RollingGuardTest, ARolledBackControllerIsKnownToRunTheOldRelease) {
  const Controller ctl1 = On(kMachineA, "ctl1", kNewMonitor);
  const Controller ctl2_new =
      On(kMachineB, "ctl2", kNewMonitor, "upgrade_mode = rolling\n");
  const Controller ctl2_old =
      On(kMachineB, "ctl2", kOldMonitor, "upgrade_mode = rolling\n");
  ASSERT_NO_FATAL_FAILURE(PrepareMonitorAt(ctl1, 8));
  testing::CommandResult expand = Run(ctl1, {"--expand"});
  ASSERT_EQ(expand.exit_code, 0) << expand.out << expand.err;
  ASSERT_EQ(RecordedVersion("monitor"), "10");
  testing::CommandResult upgraded = Run(ctl2_new, {});
  ASSERT_EQ(upgraded.exit_code, 0) << upgraded.out << upgraded.err;
  ASSERT_THAT(Registry(), Contains("ctl2\t11"));
  const std::vector<std::string> history = QueryDb(
      "monitor", "SELECT COUNT(*) FROM aos_migration_history");

  // ctl2's packages are rolled back to release 8: its start fails, and its
  // row is the one thing it wrote.
  testing::CommandResult rolled_back = Run(ctl2_old, {"-v"});
  EXPECT_EQ(rolled_back.exit_code, 1) << rolled_back.out << rolled_back.err;
  std::optional<ReportRow> row = FindRow(rolled_back.out, "Monitor");
  ASSERT_TRUE(row.has_value()) << rolled_back.out;
  EXPECT_EQ(row->status, "FAIL");
  EXPECT_THAT(row->result, HasWrappedSubstr("newer than this plugin"));
  EXPECT_THAT(Registry(), Contains("ctl2\t8"));
  EXPECT_THAT(Registry(), Not(Contains("ctl2\t11")));
  EXPECT_THAT(RegistryKeys(),
              Contains(absl::StrCat("ctl2@", kMachineB, "\t8")));
  EXPECT_EQ(RecordedVersion("monitor"), "10");
  EXPECT_EQ(QueryDb("monitor", "SELECT COUNT(*) FROM aos_migration_history"),
            history);

  // The old release serves on ctl2: --contract must wait for it.
  ASSERT_NO_FATAL_FAILURE(ExpectContractRefused(ctl1, "controller ctl2"));
  // Upgraded again, it registers the new release, and --contract runs.
  upgraded = Run(ctl2_new, {});
  ASSERT_EQ(upgraded.exit_code, 0) << upgraded.out << upgraded.err;
  ASSERT_NO_FATAL_FAILURE(ExpectContractRuns(ctl1));
}

TEST_F(RollingGuardTest, AControllerStartedLongAgoCountsUnlessAWindowIsSet) {
  const Controller ctl1 = On(kMachineA, "ctl1", kNewMonitor);
  const Controller ctl2_old = On(kMachineB, "ctl2", kOldMonitor);
  ASSERT_NO_FATAL_FAILURE(PrepareMonitorAt(ctl1, 8));
  testing::CommandResult old = Run(ctl2_old, {});
  ASSERT_EQ(old.exit_code, 0) << old.out << old.err;
  testing::CommandResult expand = Run(ctl1, {"--expand"});
  ASSERT_EQ(expand.exit_code, 0) << expand.out << expand.err;
  // ctl2 last started three days ago and serves release 8 since.
  ASSERT_TRUE(server_
                  ->Execute("UPDATE aos_migration_controllers SET last_seen = "
                            "last_seen - 3 * 86400 WHERE SUBSTRING_INDEX(host, "
                            "'@', 1) = 'ctl2'",
                            Db("monitor"))
                  .ok());
  ASSERT_THAT(QueryDb("monitor",
                      "SELECT COUNT(*) FROM aos_migration_controllers WHERE "
                      "last_seen < UNIX_TIMESTAMP() - 2 * 86400"),
              ElementsAre("1"));
  ASSERT_NO_FATAL_FAILURE(ExpectContractRefused(ctl1, "controller ctl2"));
  testing::CommandResult held = Run(ctl1, {"--expand"});
  EXPECT_EQ(held.exit_code, 0) << held.out << held.err;
  std::optional<ReportRow> row = FindRow(held.out, "Monitor");
  ASSERT_TRUE(row.has_value()) << held.out;
  EXPECT_THAT(row->result, HasWrappedSubstr("ctl2"));

  // An operator who wants expiry sets a window: then it is taken as gone.
  const Controller windowed =
      On(kMachineA, "ctl1", kNewMonitor, "controller_window_hours = 24\n");
  ASSERT_NO_FATAL_FAILURE(ExpectContractRuns(windowed));
}

}  // namespace
}  // namespace aos::e2e
