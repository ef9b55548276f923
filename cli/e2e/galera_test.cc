// HA controllers on a MariaDB Galera cluster: the built aos-db-migrate and
// the real plugins against a three-node cluster on loopback
// (tools/testing/galera_cluster.h), one run per node, as three controllers
// starting at once would do.
//
//  - three runs from empty at the same moment apply every step exactly once
//    cluster-wide (the lease lock is an INSERT that Galera certifies);
//  - a node killed in the middle of a step: its run fails its modules
//    clearly, the runs on the other nodes finish, and a re-run anywhere
//    reports the interrupted step, then converges after --mark-version;
//  - with wsrep_mode=REQUIRED_PRIMARY_KEY (and innodb_force_primary_key) on
//    every node, migrations, rollbacks included, still work: every table,
//    the tool's own included, has a primary key.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cli/e2e/galera_fixture.h"
#include "cli/e2e/migrate_fixture.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tools/testing/command_runner.h"
#include "tools/testing/galera_cluster.h"

namespace aos::e2e {
namespace {

using ::testing::AnyOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

// Its migration 2 sleeps in a compound block: a person's call when cut
// short there (the plain SELECT SLEEP of ../libslowstep.so runs again).
constexpr char kSlowStep[] =
    "testdata/broken_plugins/slowstep/compound/libslowstep.so";
constexpr char kKillable[] = "testdata/broken_plugins/killable/libkillable.so";

class GaleraTest : public ::testing::Test {
 protected:
  void StartCluster(std::vector<std::string> extra_args = {}) {
    StartGaleraCluster(&cluster_, {}, std::move(extra_args));
  }

  // One database per module, on every node (cli/e2e/galera_fixture.h).
  void CreateDatabases(const std::vector<std::string>& modules) {
    e2e::CreateDatabases(*cluster_, modules);
  }

  // NewPluginDir(plugins): default, the seven shipped ones.
  std::string PluginDir(std::vector<std::string> plugins = {}) {
    return NewPluginDir(std::move(plugins));
  }

  // A controller's config: every module's connection goes to `node`.
  std::string Config(int node, const std::string& plugin_dir,
                     const std::vector<std::string>& modules) {
    std::string text = absl::StrCat("[DEFAULT]\nplugin_dir = ", plugin_dir,
                                    "\nlock_timeout = 60\n\n");
    for (const std::string& m : modules) {
      absl::StrAppend(&text, "[", m, "]\nconnection = ", cluster_->Url(node, m),
                      "?charset=utf8\n");
    }
    std::string path = testing::NewTempDir("config.") + "/db-migrate.conf";
    testing::WriteFile(path, text);
    return path;
  }

  static std::vector<std::string> Command(const std::string& config,
                                          const std::vector<std::string>& args) {
    std::vector<std::string> argv = {testing::Runfile("cli/aos-db-migrate"),
                                     "--config", config};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  }

  static testing::CommandResult Migrate(const std::string& config,
                                        const std::vector<std::string>& args) {
    return RunCommandOrFail(Command(config, args));
  }

  // One run per config, all released at the same moment.
  static std::vector<testing::CommandResult> MigrateAtOnce(
      const std::vector<std::string>& configs,
      const std::vector<std::string>& args) {
    std::vector<testing::CommandResult> results(configs.size());
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> runs;
    for (size_t i = 0; i < configs.size(); ++i) {
      runs.emplace_back([&, i] {
        ++ready;
        while (!go) std::this_thread::yield();
        results[i] = Migrate(configs[i], args);
      });
    }
    while (ready < static_cast<int>(configs.size())) std::this_thread::yield();
    go = true;
    for (std::thread& t : runs) t.join();
    return results;
  }

  std::vector<std::string> Query(int node, const std::string& db,
                                 const std::string& sql) {
    absl::StatusOr<std::vector<std::string>> rows =
        cluster_->Query(node, sql, db);
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() ? *rows : std::vector<std::string>();
  }

  std::string RecordedVersion(int node, const std::string& module) {
    std::vector<std::string> rows =
        Query(node, module,
              absl::StrCat("SELECT version FROM migrate_version WHERE "
                           "repository_id = '",
                           module, "'"));
    return rows.empty() ? "" : rows[0];
  }

  // As seen from `node`: every shipped module at its latest version, each
  // of its steps applied exactly once, no lease left behind.
  void ExpectAllAtLatestAppliedOnce(int node) {
    SCOPED_TRACE(absl::StrCat("seen from node ", node));
    for (const Latest& l : LatestVersions()) {
      EXPECT_EQ(RecordedVersion(node, l.module), std::to_string(l.version))
          << l.module;
      EXPECT_THAT(
          Query(node, l.module,
                "SELECT version, COUNT(*) FROM aos_migration_history WHERE "
                "direction = 'upgrade' GROUP BY version HAVING COUNT(*) <> 1"),
          IsEmpty())
          << l.module << " applied a step more than once";
      EXPECT_THAT(Query(node, l.module,
                        "SELECT COUNT(DISTINCT version), MIN(version), "
                        "MAX(version), SUM(outcome = 'ok') FROM "
                        "aos_migration_history WHERE direction = 'upgrade'"),
                  ElementsAre(absl::StrCat(l.version, "\t1\t", l.version, "\t",
                                           l.version)))
          << l.module;
      EXPECT_THAT(Query(node, l.module, "SELECT * FROM aos_migration_lock"),
                  IsEmpty())
          << l.module << ": a lease was left behind";
    }
  }

  // Of these runs' reports, exactly one migrated each module from 0 to its
  // latest version; the others found it done ("No changes").
  static void ExpectEachModuleMigratedByOneRun(
      const std::vector<testing::CommandResult>& results) {
    for (const Latest& l : LatestVersions()) {
      int migrated = 0;
      for (const testing::CommandResult& r : results) {
        std::optional<ReportRow> row = FindRow(r.out, l.name);
        ASSERT_TRUE(row.has_value()) << l.name << " missing in\n" << r.out;
        EXPECT_EQ(row->status, "OK") << r.out;
        EXPECT_THAT(row->result,
                    AnyOf(absl::StrCat("0 -> ", l.version), "No changes"))
            << r.out;
        if (row->result != "No changes") ++migrated;
      }
      EXPECT_EQ(migrated, 1) << l.name;
    }
  }

  // Polls `sql` on `node` until it returns `want` as its only row (true),
  // for up to `seconds` (false).
  bool WaitForRow(int node, const std::string& db, const std::string& sql,
                  const std::string& want, int seconds) {
    return WaitFor(
        [&] {
          absl::StatusOr<std::vector<std::string>> rows =
              cluster_->Query(node, sql, db);
          return rows.ok() && rows->size() == 1 && (*rows)[0] == want;
        },
        SecondsFromNow(seconds));
  }

  std::unique_ptr<testing::GaleraCluster> cluster_;
};

TEST_F(GaleraTest, ThreeControllersOnThreeNodesApplyEveryStepOnce) {
  ASSERT_NO_FATAL_FAILURE(StartCluster());
  std::string plugins = PluginDir();
  std::vector<std::string> configs;
  for (int node = 0; node < 3; ++node) {
    configs.push_back(Config(node, plugins, ShippedModules()));
  }

  // Twice from empty: with the servers' defaults, then with
  // wsrep_retry_autocommit = 0, where a lock INSERT that loses certification
  // is not retried by the server but fails with a deadlock (1213) that the
  // tool itself must retry.
  for (const char* retry_autocommit : {"default", "0"}) {
    SCOPED_TRACE(absl::StrCat("wsrep_retry_autocommit ", retry_autocommit));
    if (std::string(retry_autocommit) != "default") {
      for (int node = 0; node < 3; ++node) {
        ASSERT_TRUE(cluster_
                        ->Execute(node, absl::StrCat(
                                            "SET GLOBAL wsrep_retry_autocommit = ",
                                            retry_autocommit))
                        .ok());
      }
      for (const std::string& m : ShippedModules()) {
        ASSERT_TRUE(cluster_->Execute(0, "DROP DATABASE " + m).ok());
      }
    }
    ASSERT_NO_FATAL_FAILURE(CreateDatabases(ShippedModules()));

    auto started = std::chrono::steady_clock::now();
    std::vector<testing::CommandResult> results =
        MigrateAtOnce(configs, {"--workers", "7", "-v"});
    std::cerr << "wsrep_retry_autocommit " << retry_autocommit
              << ": three runs took "
              << std::chrono::duration<double>(
                     std::chrono::steady_clock::now() - started)
                     .count()
              << " s; certification failures so far per node:";
    for (int node = 0; node < 3; ++node) {
      absl::StatusOr<std::vector<std::string>> failures = cluster_->Query(
          node, "SHOW GLOBAL STATUS LIKE 'wsrep_local_cert_failures'");
      std::cerr << " " << (failures.ok() && !failures->empty()
                               ? (*failures)[0].substr((*failures)[0].find('\t') + 1)
                               : "?");
    }
    std::cerr << "\n";
    for (size_t i = 0; i < results.size(); ++i) {
      SCOPED_TRACE(absl::StrCat("run on node ", i));
      EXPECT_EQ(results[i].exit_code, 0) << results[i].out << results[i].err;
      EXPECT_THAT(results[i].out, Not(HasSubstr("FAIL")));
    }
    ExpectEachModuleMigratedByOneRun(results);
    for (int node = 0; node < 3; ++node) ExpectAllAtLatestAppliedOnce(node);
  }

  // Every controller's next start finds nothing to do.
  for (const testing::CommandResult& r :
       MigrateAtOnce(configs, {"--workers", "7", "-v"})) {
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    for (const Latest& l : LatestVersions()) {
      std::optional<ReportRow> row = FindRow(r.out, l.name);
      ASSERT_TRUE(row.has_value()) << r.out;
      EXPECT_EQ(row->result, "No changes") << r.out;
    }
  }
}

TEST_F(GaleraTest, ANodeKilledInTheMiddleOfAStep) {
  ASSERT_NO_FATAL_FAILURE(StartCluster());
  std::vector<std::string> modules = ShippedModules();
  modules.push_back("slowstep");
  ASSERT_NO_FATAL_FAILURE(CreateDatabases(modules));
  std::vector<std::string> plugin_files;
  for (const std::string& m : ShippedModules()) {
    plugin_files.push_back(ShippedPlugin(m));
  }
  plugin_files.push_back(kSlowStep);
  std::string plugins = PluginDir(plugin_files);
  std::vector<std::string> configs;
  for (int node = 0; node < 3; ++node) {
    configs.push_back(Config(node, plugins, modules));
  }

  // The controller on node 2 migrates SlowStep first, one module at a time:
  // its migration 2 sleeps 30 s in statement 2 of 3, and node 2 is killed
  // then. The controllers on nodes 0 and 1 migrate the seven shipped
  // modules meanwhile.
  // JSON, to judge each failure by its category: a node that is still
  // dying may answer a new connection with "lost connection during
  // handshake" (2013) as well as "cannot connect" (2002).
  std::vector<std::string> victim_args = {"-f", "json", "--workers", "1",
                                          "-n", "slowstep"};
  victim_args.insert(victim_args.end(), ShippedModules().begin(),
                     ShippedModules().end());
  testing::StartedCommand victim =
      testing::StartInNewProcessGroup(Command(configs[2], victim_args));
  ASSERT_GT(victim.pid, 0);
  std::vector<std::string> survivor_args = {"-v", "--workers", "7", "-n"};
  survivor_args.insert(survivor_args.end(), ShippedModules().begin(),
                       ShippedModules().end());
  std::vector<testing::CommandResult> survivors;
  std::thread others([&] {
    survivors = MigrateAtOnce({configs[0], configs[1]}, survivor_args);
  });

  bool mid_step =
      WaitForRow(2, "slowstep",
                 "SELECT statements_done FROM aos_migration_history WHERE "
                 "version = 2 AND direction = 'upgrade' AND outcome = "
                 "'running'",
                 "1", 30) &&
      WaitForRow(2, "slowstep",
                 "SELECT COUNT(*) FROM information_schema.processlist WHERE "
                 "db = 'slowstep' AND info LIKE 'DO SLEEP(30)%'",
                 "1", 10);
  absl::Status killed = cluster_->Kill(2);
  auto killed_at = std::chrono::steady_clock::now();
  bool ended = false;
  testing::CommandResult v = WaitForExit(victim, SecondsFromNow(60), &ended);
  double victim_seconds = std::chrono::duration<double>(
                              std::chrono::steady_clock::now() - killed_at)
                              .count();
  others.join();
  ASSERT_TRUE(killed.ok()) << killed;
  ASSERT_TRUE(mid_step) << "SlowStep's migration 2 never reached its SLEEP\n"
                        << v.out << v.err;
  ASSERT_TRUE(ended) << "the run on the killed node hung\n" << v.out << v.err;
  std::cerr << "the run on the killed node ended " << victim_seconds
            << " s after the kill\n";

  // The run on the killed node fails every module, saying why.
  EXPECT_EQ(v.exit_code, 1) << v.out << v.err;
  absl::StatusOr<Json> doc = ParseJson(v.out);
  ASSERT_TRUE(doc.ok()) << doc.status() << "\n" << v.out << v.err;
  std::map<std::string, const Json*> by_id;
  for (const Json& m : JsonArray(doc->at("modules"))) {
    by_id[JsonString(m.at("id"))] = &m;
  }
  ASSERT_TRUE(by_id.count("slowstep")) << v.out;
  const Json& slow = *by_id["slowstep"];
  EXPECT_EQ(JsonString(slow.at("status")), "FAIL");
  EXPECT_THAT(JsonString(slow.at("error")),
              HasSubstr("Error while applying migration 1 -> 2 (archive "
                        "jobs), database left at 1: statement 2 of 3"))
      << v.out;
  EXPECT_EQ(JsonString(slow.at("category")), "connection_lost") << v.out;
  for (const Latest& l : LatestVersions()) {
    ASSERT_TRUE(by_id.count(l.module)) << v.out;
    const Json& row = *by_id[l.module];
    EXPECT_EQ(JsonString(row.at("status")), "FAIL") << v.out;
    EXPECT_THAT(JsonString(row.at("error")),
                StartsWith("Error while getting migrate versions: "))
        << v.out;
    EXPECT_THAT(JsonString(row.at("category")),
                AnyOf("cannot_connect", "connection_lost"))
        << v.out;
  }

  // The runs on the other nodes finished, every step applied once.
  ASSERT_EQ(survivors.size(), 2u);
  for (size_t i = 0; i < survivors.size(); ++i) {
    SCOPED_TRACE(absl::StrCat("run on node ", i));
    EXPECT_EQ(survivors[i].exit_code, 0) << survivors[i].out << survivors[i].err;
    EXPECT_THAT(survivors[i].out, Not(HasSubstr("FAIL")));
  }
  ExpectEachModuleMigratedByOneRun(survivors);
  absl::Status two = cluster_->WaitForClusterSize(2, 60);
  ASSERT_TRUE(two.ok()) << two;
  for (int node = 0; node < 2; ++node) ExpectAllAtLatestAppliedOnce(node);

  // What the killed run left, as the survivors see it: version 1, step 2
  // running after 1 of its 3 statements, and its lease.
  EXPECT_EQ(RecordedVersion(0, "slowstep"), "1");
  EXPECT_THAT(Query(0, "slowstep",
                    "SELECT version, direction, outcome, statements_done, "
                    "statements_total FROM aos_migration_history ORDER BY id"),
              ElementsAre("1\tupgrade\tok\t1\t1", "2\tupgrade\trunning\t1\t3"));
  std::vector<std::string> step =
      Query(0, "slowstep",
            "SELECT started_at, host, pid FROM aos_migration_history WHERE "
            "version = 2");
  ASSERT_EQ(step.size(), 1u);
  std::vector<std::string> started_host_pid = absl::StrSplit(step[0], '\t');
  ASSERT_EQ(started_host_pid.size(), 3u);
  const std::string& started_at = started_host_pid[0];
  const std::string& host = started_host_pid[1];
  const std::string& pid = started_host_pid[2];
  EXPECT_THAT(Query(1, "slowstep", "SELECT host, pid FROM aos_migration_lock"),
              ElementsAre(absl::StrCat(host, "\t", pid)));

  // Its holder ran on this host and is gone: the next run takes the lock
  // over at once, without waiting for the lease (60 s) to run out.
  // A re-run on any node: the seven are settled, SlowStep is refused with
  // the interrupted step's report.
  for (int node : {1, 0}) {
    SCOPED_TRACE(absl::StrCat("re-run on node ", node));
    testing::CommandResult r = Migrate(configs[node], {"-v"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    for (const Latest& l : LatestVersions()) {
      std::optional<ReportRow> row = FindRow(r.out, l.name);
      ASSERT_TRUE(row.has_value()) << r.out;
      EXPECT_EQ(row->result, "No changes") << r.out;
    }
    std::optional<ReportRow> refused = FindRow(r.out, "SlowStep");
    ASSERT_TRUE(refused.has_value()) << r.out;
    EXPECT_EQ(refused->status, "FAIL");
    EXPECT_THAT(refused->result,
                HasWrappedSubstr(absl::StrCat(
                    "the upgrade of migration 2 started at ", started_at,
                    " UTC on ", host, " (pid ", pid,
                    ") and never finished: 1 of 3 statements ran. It cannot "
                    "be resumed: statement 2: it is a compound block (BEGIN "
                    "NOT ATOMIC ... END): its statements commit one by one, "
                    "and nothing proves how many ran. Repair the database, then "
                    "record its real version with -n slowstep --mark-version "
                    "N --force")))
        << r.out;
  }
  EXPECT_EQ(RecordedVersion(0, "slowstep"), "1");

  // The operator finishes the step by hand (its statement 3) on node 0 and
  // records version 2 there...
  ASSERT_TRUE(cluster_
                  ->Execute(0, "INSERT INTO slowstep_archive (id) VALUES (1)",
                            "slowstep")
                  .ok());
  testing::CommandResult marked =
      Migrate(configs[0],
              {"-n", "slowstep", "--mark-version", "2", "--force"});
  EXPECT_EQ(marked.exit_code, 0) << marked.out << marked.err;
  // ... and the next run, on node 1, converges.
  testing::CommandResult converged = Migrate(configs[1], {"-v"});
  EXPECT_EQ(converged.exit_code, 0) << converged.out << converged.err;
  std::optional<ReportRow> slow_row = FindRow(converged.out, "SlowStep");
  ASSERT_TRUE(slow_row.has_value()) << converged.out;
  EXPECT_EQ(slow_row->status, "OK");
  EXPECT_EQ(slow_row->result, "2 -> 3");
  for (int node = 0; node < 2; ++node) {
    EXPECT_EQ(RecordedVersion(node, "slowstep"), "3") << node;
    EXPECT_THAT(
        Query(node, "slowstep",
              "SELECT version, direction, outcome FROM aos_migration_history "
              "ORDER BY id"),
        ElementsAre("1\tupgrade\tok", "2\tupgrade\trepaired", "2\tmark\tok",
                    "3\tupgrade\tok"));
    EXPECT_THAT(Query(node, "slowstep", "SELECT id FROM slowstep_archive"),
                ElementsAre("1"));
    EXPECT_THAT(Query(node, "slowstep", "SELECT * FROM aos_migration_lock"),
                IsEmpty());
  }
  ExpectAllAtLatestAppliedOnce(0);
}

// Issue 16 on a cluster: the node running a step dies in its DML
// statement (an INSERT ... SLEEP(3) of testdata/broken_plugins/killable);
// a run on another node sees from the cluster's membership that the node,
// and so its session, is gone, and resumes the step at that statement,
// which never committed anywhere.
TEST_F(GaleraTest, AStepCutByANodeLossIsResumedOnAnotherNode) {
  ASSERT_NO_FATAL_FAILURE(StartCluster());
  ASSERT_NO_FATAL_FAILURE(CreateDatabases({"killable"}));
  std::string plugins = PluginDir({kKillable});
  std::vector<std::string> configs;
  for (int node = 0; node < 3; ++node) {
    configs.push_back(Config(node, plugins, {"killable"}));
  }
  testing::StartedCommand victim = testing::StartInNewProcessGroup(
      Command(configs[2], {"-n", "killable"}));
  ASSERT_GT(victim.pid, 0);
  bool mid_step = WaitForRow(
      2, "killable",
      "SELECT COUNT(*) FROM information_schema.processlist WHERE db = "
      "'killable' AND info LIKE 'INSERT INTO killable_log (note) SELECT%'",
      "1", 30);
  absl::Status killed = cluster_->Kill(2);
  bool ended = false;
  testing::CommandResult v = WaitForExit(victim, SecondsFromNow(60), &ended);
  ASSERT_TRUE(killed.ok()) << killed;
  ASSERT_TRUE(mid_step) << "migration 2 never reached its INSERT\n"
                        << v.out << v.err;
  ASSERT_TRUE(ended) << "the run on the killed node hung\n" << v.out << v.err;
  EXPECT_EQ(v.exit_code, 1) << v.out << v.err;
  absl::Status two = cluster_->WaitForClusterSize(2, 60);
  ASSERT_TRUE(two.ok()) << two;

  testing::CommandResult r = Migrate(configs[0], {"-n", "killable", "-v"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::optional<ReportRow> row = FindRow(r.out, "Killable");
  ASSERT_TRUE(row.has_value()) << r.out;
  EXPECT_EQ(row->result, "1 -> 2 (resumed at statement 2 of 5)");
  for (int node = 0; node < 2; ++node) {
    SCOPED_TRACE(absl::StrCat("node ", node));
    EXPECT_EQ(RecordedVersion(node, "killable"), "2");
    EXPECT_THAT(Query(node, "killable", "SELECT note FROM killable_log ORDER BY id"),
                ElementsAre("slow", "after"));
    EXPECT_THAT(Query(node, "killable", "SELECT COUNT(*) FROM killable_copy"),
                ElementsAre("3000"));
    EXPECT_THAT(Query(node, "killable",
                      "SELECT version, outcome FROM aos_migration_history "
                      "ORDER BY id"),
                ElementsAre("1\tok", "2\tinterrupted", "2\tok"));
  }
}

TEST_F(GaleraTest, EveryTableHasAPrimaryKey) {
  ASSERT_NO_FATAL_FAILURE(StartCluster(
      {"--wsrep-mode=REQUIRED_PRIMARY_KEY", "--innodb-force-primary-key=ON"}));
  // The cluster does refuse a table without one.
  ASSERT_TRUE(cluster_->Execute(0, "CREATE DATABASE probe").ok());
  absl::Status refused =
      cluster_->Execute(0, "CREATE TABLE t (a INT) ENGINE=InnoDB", "probe");
  EXPECT_FALSE(refused.ok()) << "a table without a primary key was accepted";

  ASSERT_NO_FATAL_FAILURE(CreateDatabases(ShippedModules()));
  std::string plugins = PluginDir();
  std::vector<std::string> configs;
  for (int node = 0; node < 3; ++node) {
    configs.push_back(Config(node, plugins, ShippedModules()));
  }
  std::vector<testing::CommandResult> results =
      MigrateAtOnce(configs, {"--workers", "7", "-v"});
  for (size_t i = 0; i < results.size(); ++i) {
    SCOPED_TRACE(absl::StrCat("run on node ", i));
    EXPECT_EQ(results[i].exit_code, 0) << results[i].out << results[i].err;
    EXPECT_THAT(results[i].out, Not(HasSubstr("FAIL")));
  }
  ExpectAllAtLatestAppliedOnce(2);

  // Down and up again, through two other nodes.
  const int64_t latest = LatestVersion("cloud_manager");
  testing::CommandResult down = Migrate(
      configs[1],
      {"-v", "-n", "cloud_manager", "--migration", std::to_string(latest - 1)});
  EXPECT_EQ(down.exit_code, 0) << down.out << down.err;
  EXPECT_THAT(down.out, HasSubstr(absl::StrCat("| OK     | ", latest, " -> ",
                                               latest - 1)));
  testing::CommandResult up = Migrate(configs[0], {"-v", "-n", "cloud_manager"});
  EXPECT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_THAT(up.out, HasSubstr(absl::StrCat("| OK     | ", latest - 1, " -> ",
                                             latest)));
  // A repair records its mark too.
  testing::CommandResult marked =
      Migrate(configs[2], {"-n", "journal", "--mark-version",
                           std::to_string(LatestVersion("journal"))});
  EXPECT_EQ(marked.exit_code, 0) << marked.out << marked.err;

  std::vector<std::string> schemas;
  for (const std::string& m : ShippedModules()) {
    schemas.push_back(absl::StrCat("'", m, "'"));
  }
  const std::string in = absl::StrJoin(schemas, ", ");
  EXPECT_THAT(
      Query(0, "",
            absl::StrCat("SELECT t.table_schema, t.table_name FROM "
                         "information_schema.tables t LEFT JOIN "
                         "information_schema.table_constraints c ON "
                         "c.table_schema = t.table_schema AND c.table_name = "
                         "t.table_name AND c.constraint_type = 'PRIMARY KEY' "
                         "WHERE t.table_type = 'BASE TABLE' AND "
                         "t.table_schema IN (",
                         in, ") AND c.constraint_name IS NULL")),
      IsEmpty());
  // The tool's own three tables are there in every database.
  EXPECT_THAT(
      Query(0, "",
            absl::StrCat("SELECT table_name, COUNT(*) FROM "
                         "information_schema.tables WHERE table_schema IN (",
                         in,
                         ") AND table_name IN ('migrate_version', "
                         "'aos_migration_history', 'aos_migration_lock') "
                         "GROUP BY table_name ORDER BY table_name")),
      ElementsAre("aos_migration_history\t7", "aos_migration_lock\t7",
                  "migrate_version\t7"));
}

}  // namespace
}  // namespace aos::e2e
