// A rolling upgrade of three HA controllers on a MariaDB Galera cluster
// (issue 18): the three-node cluster of tools/testing/galera_cluster.h (as
// galera_test uses it), three controllers ctl1..ctl3, each with a config
// of its own (controller_name, upgrade_mode = rolling) pointing at its own
// node, as their systemd units run aos-db-migrate at start.
//
// Every controller first runs Monitor release 8 (testdata/rolling/monitor_8).
// They are upgraded to the release with the rolling rename of metrics.unit
// (plugins/monitor: 9 expand, 10 migrate, 11 contract) one at a time. The
// services of the old release, simulated by its statements
// (testdata/rolling/monitor_previous_queries.sql), keep working through the
// nodes of the controllers not yet upgraded until --contract, which
// succeeds, on any node, only once all three run the new release; after it
// the old statements fail.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cli/e2e/galera_fixture.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/process_helpers.h"
#include "cli/e2e/report_parser.h"
#include "cli/e2e/rolling_queries.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tools/testing/command_runner.h"
#include "tools/testing/galera_cluster.h"

namespace aos::e2e {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

constexpr char kNewMonitor[] = "plugins/monitor/libmonitor.so";
constexpr char kOldMonitor[] = "testdata/rolling/monitor_8/libmonitor.so";
constexpr char kDb[] = "monitor";

class RollingGaleraTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The module's database exists on every node before any controller
    // starts.
    ASSERT_NO_FATAL_FAILURE(StartGaleraCluster(&cluster_, {kDb}));
  }

  // Controller ctl<node + 1>'s config, on its own node, running `plugin`;
  // `rolling`: with upgrade_mode = rolling (what the upgrade sets), else a
  // plain run (how the old release was installed).
  std::string Controller(int node, const std::string& plugin, bool rolling) {
    const std::string text = absl::StrCat(
        "[DEFAULT]\nplugin_dir = ", NewPluginDir({plugin}),
        "\nlock_timeout = 60\ncontroller_name = ctl", node + 1, "\n",
        rolling ? "upgrade_mode = rolling\n" : "", "\n[monitor]\nconnection = ",
        cluster_->Url(node, kDb), "?charset=utf8\n");
    const std::string path = testing::NewTempDir("config.") + "/db-migrate.conf";
    testing::WriteFile(path, text);
    return path;
  }

  static testing::CommandResult Migrate(const std::string& config,
                                        const std::vector<std::string>& args) {
    std::vector<std::string> argv = {testing::Runfile("cli/aos-db-migrate"),
                                     "--config", config, "-n", "monitor"};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommandOrFail(argv);
  }

  // The Monitor row of a run (fails the test without one).
  static ReportRow Row(const testing::CommandResult& r) {
    std::optional<ReportRow> row = FindRow(r.out, "Monitor");
    EXPECT_TRUE(row.has_value()) << r.out << r.err;
    return row.value_or(ReportRow());
  }

  std::vector<std::string> Query(int node, const std::string& sql) {
    absl::StatusOr<std::vector<std::string>> rows =
        cluster_->Query(node, sql, kDb);
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() ? *rows : std::vector<std::string>();
  }

  // The version as every node sees it: all the same, returned.
  std::string Version() {
    std::vector<std::string> seen;
    for (int node = 0; node < 3; ++node) {
      std::vector<std::string> rows = Query(
          node,
          "SELECT version FROM migrate_version WHERE repository_id = 'monitor'");
      seen.push_back(rows.empty() ? "" : rows[0]);
    }
    EXPECT_THAT(seen, ::testing::Each(seen[0])) << "the nodes disagree";
    return seen[0];
  }

  // The service statements run through `node` (reads wait until the node
  // applied what the cluster committed).
  StatementRunner Node(int node) {
    return [this, node](const std::string& sql)
               -> absl::StatusOr<std::vector<std::string>> {
      if (absl::StartsWithIgnoreCase(sql, "SELECT")) {
        return cluster_->Query(node, sql, kDb);
      }
      absl::Status st = cluster_->Execute(node, sql, kDb);
      if (!st.ok()) return st;
      return std::vector<std::string>();
    };
  }

  // The old release's service works through each of `nodes`, and unit and
  // measurement_unit agree everywhere.
  void ExpectOldServiceWorksThrough(const std::vector<int>& nodes) {
    for (int node : nodes) {
      SCOPED_TRACE(absl::StrCat("the old release's service on node ", node));
      ASSERT_NO_FATAL_FAILURE(ExpectServiceWorks(kPreviousQueries, Node(node)));
      EXPECT_THAT(Query(node, kUnsyncedProbeRows), IsEmpty());
    }
  }

  std::unique_ptr<testing::GaleraCluster> cluster_;
};

TEST_F(RollingGaleraTest, ThreeControllersUpgradedOneAtATimeThenContract) {
  std::vector<std::string> old_release, new_release;
  for (int node = 0; node < 3; ++node) {
    old_release.push_back(Controller(node, kOldMonitor, /*rolling=*/false));
    new_release.push_back(Controller(node, kNewMonitor, /*rolling=*/true));
  }

  // Before the upgrade: every controller runs release 8.
  for (int node = 0; node < 3; ++node) {
    testing::CommandResult r = Migrate(old_release[node], {});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(Row(r).result, node == 0 ? "0 -> 8" : "No changes") << r.out;
  }
  ASSERT_EQ(Version(), "8");
  EXPECT_THAT(Query(2, "SELECT SUBSTRING_INDEX(host, '@', 1), "
                       "latest_version FROM "
                       "aos_migration_controllers ORDER BY host"),
              ElementsAre("ctl1\t8", "ctl2\t8", "ctl3\t8"));
  ASSERT_NO_FATAL_FAILURE(
      [&] {
        for (int node = 0; node < 3; ++node) {
          ASSERT_NO_FATAL_FAILURE(
              ExpectServiceWorks(kPreviousQueries, Node(node)));
        }
      }());

  // ctl1 is upgraded: its start (rolling) expands to 10 and holds 11 back
  // for ctl2 and ctl3.
  testing::CommandResult ctl1 = Migrate(new_release[0], {});
  EXPECT_EQ(ctl1.exit_code, 0) << ctl1.out << ctl1.err;
  ReportRow row = Row(ctl1);
  EXPECT_EQ(row.status, "OK");
  EXPECT_THAT(row.result, StartsWith("8 -> 10 (stopped before 11: "));
  EXPECT_THAT(row.result, AllOf(HasWrappedSubstr("ctl2"), HasWrappedSubstr("ctl3")));
  EXPECT_EQ(Version(), "10");
  ASSERT_NO_FATAL_FAILURE(ExpectOldServiceWorksThrough({1, 2}));
  ASSERT_NO_FATAL_FAILURE(ExpectServiceWorks(kNextQueries, Node(0)));
  for (int node = 0; node < 3; ++node) {
    testing::CommandResult check = Migrate(new_release[node], {"--check"});
    EXPECT_EQ(check.exit_code, 4) << "node " << node << "\n" << check.out;
  }
  // --contract now would break ctl2's and ctl3's services: refused.
  testing::CommandResult early = Migrate(new_release[0], {"--contract", "-v"});
  EXPECT_EQ(early.exit_code, 1) << early.out << early.err;
  EXPECT_THAT(Row(early).result,
              AllOf(HasWrappedSubstr("--contract refused"), HasWrappedSubstr("ctl2"),
                    HasWrappedSubstr("ctl3")));
  EXPECT_EQ(Version(), "10");

  // ctl2 is upgraded: nothing to apply, 11 still held back for ctl3.
  testing::CommandResult ctl2 = Migrate(new_release[1], {});
  EXPECT_EQ(ctl2.exit_code, 0) << ctl2.out << ctl2.err;
  row = Row(ctl2);
  EXPECT_THAT(row.result, StartsWith("No changes (stopped before 11: "));
  EXPECT_THAT(row.result, HasWrappedSubstr("ctl3"));
  EXPECT_EQ(Version(), "10");
  ASSERT_NO_FATAL_FAILURE(ExpectOldServiceWorksThrough({1, 2}));
  ASSERT_NO_FATAL_FAILURE(ExpectServiceWorks(kNextQueries, Node(1)));
  early = Migrate(new_release[1], {"--contract", "-v"});
  EXPECT_EQ(early.exit_code, 1) << early.out << early.err;
  EXPECT_THAT(Row(early).result, HasWrappedSubstr("ctl3"));

  // ctl3 is upgraded: every controller runs the new release; a run at
  // start still leaves the contract step to the operator.
  testing::CommandResult ctl3 = Migrate(new_release[2], {});
  EXPECT_EQ(ctl3.exit_code, 0) << ctl3.out << ctl3.err;
  EXPECT_THAT(Row(ctl3).result, StartsWith("No changes (stopped before 11: "));
  EXPECT_EQ(Version(), "10");
  ASSERT_NO_FATAL_FAILURE(ExpectOldServiceWorksThrough({2}));
  EXPECT_THAT(Query(0, "SELECT SUBSTRING_INDEX(host, '@', 1), "
                       "latest_version FROM "
                       "aos_migration_controllers ORDER BY host"),
              ElementsAre("ctl1\t11", "ctl2\t11", "ctl3\t11"));

  // --contract, here through ctl2's node.
  testing::CommandResult contract = Migrate(new_release[1], {"--contract"});
  EXPECT_EQ(contract.exit_code, 0) << contract.out << contract.err;
  row = Row(contract);
  EXPECT_EQ(row.status, "OK");
  EXPECT_EQ(row.result, "10 -> 11");
  EXPECT_EQ(Version(), "11");
  for (int node = 0; node < 3; ++node) {
    SCOPED_TRACE(absl::StrCat("node ", node));
    ASSERT_NO_FATAL_FAILURE(ExpectOldServiceBroken(Node(node)));
    ASSERT_NO_FATAL_FAILURE(ExpectServiceWorks(kNextQueries, Node(node)));
    testing::CommandResult check = Migrate(new_release[node], {"--check"});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  }
  EXPECT_THAT(Query(0,
                    "SELECT version, COUNT(*) FROM aos_migration_history WHERE "
                    "direction = 'upgrade' GROUP BY version HAVING COUNT(*) <> 1"),
              IsEmpty())
      << "a step applied more than once";
}

}  // namespace
}  // namespace aos::e2e
