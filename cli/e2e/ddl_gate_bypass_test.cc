// The DDL gate against every spelling that once let a blocking statement
// through (issue 24), end to end on the real MariaDB the fixture starts:
// with blocking_max_rows = 50 and a 256-row `events`, each module of
// testdata/gate_plugins shortens `kind` (a copy) or rebuilds the table in
// its own way: through the module's database named, another database's
// table, RENAME TO in the same ALTER, a table renamed earlier in the step
// or the run, a compound block, EXECUTE IMMEDIATE, PREPARE/EXECUTE, a
// table made by CREATE TABLE ... AS SELECT earlier in the run, OPTIMIZE
// TABLE, and a COMMENT that says ALGORITHM=INSTANT before ALGORITHM=COPY.
// Each is refused before anything of the run is applied (version, tables
// and history as they were), with its class (`copy`) or `unknown` and the
// reason; with --allow-blocking each runs.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/process_helpers.h"
#include "cli/e2e/report_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tools/testing/command_runner.h"

namespace aos::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// One module of testdata/gate_plugins: gate<folder>, shown as Gate<folder>,
// its latest version `latest`.
struct Case {
  std::string folder;
  int latest = 2;
  // The database its connection names ("" for the test's own).
  std::string database;
};

class DdlGateBypassTest : public MigrateTest {
 protected:
  // Points the case's module at its database, brings it to version 1 and
  // fills `events` with 2^doublings rows, 256 by default (ANALYZEd: the
  // estimate is current).
  void Prepare(const Case& c, int doublings = 8) {
    case_ = c;
    module_ = "gate" + c.folder;
    AddModules({module_});
    db_ = c.database.empty() ? Db(module_) : c.database;
    if (!c.database.empty()) {
      absl::Status st = server_->Execute(absl::StrCat(
          "DROP DATABASE IF EXISTS ", db_, "; CREATE DATABASE ", db_));
      ASSERT_TRUE(st.ok()) << st;
    }
    plugins_ = PluginDir({absl::StrCat("testdata/gate_plugins/lib", module_,
                                       ".so")});
    config_ = Conf(false);
    testing::CommandResult r =
        Migrate(config_, {"-n", module_, "--migration", "1"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    ASSERT_EQ(Version(), "1");
    ASSERT_TRUE(Run("INSERT INTO events (kind, payload, amount) VALUES "
                    "('fill', 'p', 1)"));
    for (int i = 0; i < doublings; ++i) {
      ASSERT_TRUE(Run("INSERT INTO events (kind, payload, amount) SELECT "
                      "kind, payload, amount FROM events"));
    }
    ASSERT_TRUE(Run("ANALYZE TABLE events"));
    ASSERT_THAT(Query("SELECT COUNT(*) FROM events"),
                ElementsAre(std::to_string(1 << doublings)));
    if (doublings < 8) return;
    ASSERT_GE(std::stoll(Query("SELECT TABLE_ROWS FROM information_schema."
                               "TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
                               "TABLE_NAME = 'events'")
                             .at(0)),
              50)
        << "the server's estimate is far off";
  }

  // blocking_max_rows = 50 (and allow_blocking when asked); the module's
  // connection names db_.
  std::string Conf(bool allow_blocking) {
    return WriteConfig(absl::StrCat(
        "[DEFAULT]\nplugin_dir = ", plugins_,
        "\nlock_timeout = 30\nblocking_max_rows = 50\n",
        allow_blocking ? "allow_blocking = true\n" : "", "\n[", module_,
        "]\nconnection = mysql+pymysql://root@127.0.0.1:", server_->port(),
        "/", db_, "?charset=utf8\n"));
  }

  bool Run(const std::string& sql) {
    absl::Status st = server_->Execute(sql, db_);
    EXPECT_TRUE(st.ok()) << st;
    return st.ok();
  }
  std::vector<std::string> Query(const std::string& sql) {
    absl::StatusOr<std::vector<std::string>> rows = server_->Query(sql, db_);
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() ? *rows : std::vector<std::string>{};
  }
  std::string Version() {
    absl::StatusOr<std::vector<std::string>> rows = server_->Query(
        absl::StrCat("SELECT version FROM migrate_version WHERE "
                     "repository_id = '", module_, "'"),
        db_);
    return rows.ok() && !rows->empty() ? (*rows)[0] : "";
  }

  // Every table of the database with its definition, and the history:
  // what a refused run must leave as it was.
  std::vector<std::string> Snapshot() {
    std::vector<std::string> out;
    for (const std::string& t : Query(
             "SELECT TABLE_NAME FROM information_schema.TABLES WHERE "
             "TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME")) {
      std::vector<std::string> create =
          Query(absl::StrCat("SHOW CREATE TABLE `", t, "`"));
      out.push_back(create.empty() ? t : create[0]);
    }
    for (const std::string& h : Query(
             "SELECT version, outcome FROM aos_migration_history ORDER BY id")) {
      out.push_back("history " + h);
    }
    out.push_back("version " + Version());
    return out;
  }

  // The run is refused before anything of it is applied: FAIL, the
  // refusal with each of `needles`, and the database as it was.
  void ExpectRefused(const std::vector<std::string>& needles) {
    const std::vector<std::string> before = Snapshot();
    testing::CommandResult r = Migrate(config_, {"-n", module_, "-v"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    std::optional<ReportRow> row = FindRow(r.out, "Gate" + case_.folder);
    ASSERT_TRUE(row.has_value()) << r.out << r.err;
    EXPECT_EQ(row->status, "FAIL") << r.out;
    EXPECT_THAT(row->result, HasWrappedSubstr("refused before anything ran"))
        << r.out;
    for (const std::string& needle : needles) {
      EXPECT_THAT(row->result, HasWrappedSubstr(needle)) << r.out;
    }
    EXPECT_EQ(Snapshot(), before) << "the refused run changed the database";
    EXPECT_EQ(Version(), "1");
  }

  // The --dry-run -f json entry of the statement that is refused: its
  // algorithm, and that it is refused.
  void ExpectDryRunRefuses(const std::string& algorithm) {
    testing::CommandResult r =
        Migrate(config_, {"-n", module_, "--dry-run", "-f", "json"});
    absl::StatusOr<Json> doc = ParseJson(r.out);
    ASSERT_TRUE(doc.ok()) << r.out << r.err;
    std::vector<std::string> refused;
    for (const Json& step : JsonArray(doc->at("modules").at(0).at("steps"))) {
      if (!step.contains("ddl")) continue;
      for (const Json& d : JsonArray(step.at("ddl"))) {
        if (JsonBool(d.at("refused"))) {
          refused.push_back(JsonString(d.at("algorithm")));
        }
      }
    }
    EXPECT_THAT(refused, ElementsAre(algorithm)) << r.out;
  }

  // With --allow-blocking the run applies every step.
  void ExpectAllowBlockingRuns() {
    testing::CommandResult r =
        Migrate(config_, {"-n", module_, "-v", "--allow-blocking"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(Version(), std::to_string(case_.latest));
  }

  // `kind` of `table` as SHOW CREATE TABLE has it.
  void ExpectNarrowed(const std::string& table) {
    std::vector<std::string> create =
        Query(absl::StrCat("SHOW CREATE TABLE ", table));
    ASSERT_EQ(create.size(), 1u);
    EXPECT_THAT(create[0], HasSubstr("`kind` varchar(10) NOT NULL"));
    EXPECT_THAT(Query(absl::StrCat("SELECT COUNT(*) FROM ", table)),
                ElementsAre("256"));
  }

  Case case_;
  std::string module_;
  std::string db_;
  std::string plugins_;
  std::string config_;
};

TEST_F(DdlGateBypassTest, TheModulesDatabaseNamedIsTheTable) {
  ASSERT_NO_FATAL_FAILURE(Prepare({"qualified", 2, "aos_gate_qualified"}));
  ASSERT_NO_FATAL_FAILURE(ExpectDryRunRefuses("copy"));
  ASSERT_NO_FATAL_FAILURE(ExpectRefused({"copy", "events"}));
  ExpectAllowBlockingRuns();
  ExpectNarrowed("events");
}

TEST_F(DdlGateBypassTest, AnotherDatabasesTableIsUnknownAndRefused) {
  ASSERT_NO_FATAL_FAILURE(Prepare({"otherdb", 2, ""}));
  ASSERT_TRUE(server_->Execute(
      "DROP DATABASE IF EXISTS aos_gate_other; CREATE DATABASE aos_gate_other; "
      "CREATE TABLE aos_gate_other.events (id INT PRIMARY KEY, "
      "kind VARCHAR(20) NOT NULL)").ok());
  ASSERT_NO_FATAL_FAILURE(ExpectDryRunRefuses("unknown"));
  ASSERT_NO_FATAL_FAILURE(
      ExpectRefused({"unknown", "aos_gate_other.events", "another database"}));
  ExpectAllowBlockingRuns();
}

TEST_F(DdlGateBypassTest, RenameToInTheSameAlter) {
  ASSERT_NO_FATAL_FAILURE(Prepare({"renameto", 2, ""}));
  ASSERT_NO_FATAL_FAILURE(ExpectDryRunRefuses("unknown"));
  ASSERT_NO_FATAL_FAILURE(ExpectRefused({"unknown", "events", "renames"}));
  ExpectAllowBlockingRuns();
  ExpectNarrowed("events2");
}

TEST_F(DdlGateBypassTest, ATableRenamedEarlierInTheStep) {
  ASSERT_NO_FATAL_FAILURE(Prepare({"renamestep", 2, ""}));
  ASSERT_NO_FATAL_FAILURE(ExpectDryRunRefuses("copy"));
  ASSERT_NO_FATAL_FAILURE(ExpectRefused({"copy", "ev_old"}));
  ExpectAllowBlockingRuns();
  ExpectNarrowed("ev_old");
}

TEST_F(DdlGateBypassTest, ATableRenamedEarlierInTheRun) {
  ASSERT_NO_FATAL_FAILURE(Prepare({"renamerun", 3, ""}));
  ASSERT_NO_FATAL_FAILURE(ExpectDryRunRefuses("copy"));
  ASSERT_NO_FATAL_FAILURE(ExpectRefused({"copy", "ev_old"}));
  ExpectAllowBlockingRuns();
  ExpectNarrowed("ev_old");
}

TEST_F(DdlGateBypassTest, ACompoundBlockIsUnknown) {
  ASSERT_NO_FATAL_FAILURE(Prepare({"compound", 2, ""}));
  ASSERT_NO_FATAL_FAILURE(ExpectDryRunRefuses("unknown"));
  ASSERT_NO_FATAL_FAILURE(ExpectRefused({"unknown", "compound block"}));
  ExpectAllowBlockingRuns();
  ExpectNarrowed("events");
}

TEST_F(DdlGateBypassTest, AnUnknownStatementOnASmallTableRunsAsBefore) {
  ASSERT_NO_FATAL_FAILURE(Prepare({"compound", 2, ""}, /*doublings=*/2));
  testing::CommandResult r = Migrate(config_, {"-n", module_, "-v"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(Version(), "2");
  EXPECT_THAT(Query("SHOW CREATE TABLE events").at(0),
              HasSubstr("`kind` varchar(10) NOT NULL"));
}

TEST_F(DdlGateBypassTest, ExecuteImmediateIsUnknown) {
  ASSERT_NO_FATAL_FAILURE(Prepare({"immediate", 2, ""}));
  ASSERT_NO_FATAL_FAILURE(ExpectDryRunRefuses("unknown"));
  ASSERT_NO_FATAL_FAILURE(ExpectRefused({"unknown", "EXECUTE IMMEDIATE"}));
  ExpectAllowBlockingRuns();
  ExpectNarrowed("events");
}

TEST_F(DdlGateBypassTest, PrepareAndExecuteIsUnknown) {
  ASSERT_NO_FATAL_FAILURE(Prepare({"prepare", 2, ""}));
  ASSERT_NO_FATAL_FAILURE(ExpectDryRunRefuses("unknown"));
  ASSERT_NO_FATAL_FAILURE(ExpectRefused({"unknown", "EXECUTE"}));
  ExpectAllowBlockingRuns();
  ExpectNarrowed("events");
}

TEST_F(DdlGateBypassTest, ATableMadeByCreateAsSelectIsSizedByItsSource) {
  ASSERT_NO_FATAL_FAILURE(Prepare({"ctas", 3, ""}));
  ASSERT_NO_FATAL_FAILURE(ExpectDryRunRefuses("unknown"));
  ASSERT_NO_FATAL_FAILURE(ExpectRefused({"unknown", "ev_copy", "events"}));
  ExpectAllowBlockingRuns();
  ExpectNarrowed("ev_copy");
}

TEST_F(DdlGateBypassTest, OptimizeTableIsUnknown) {
  ASSERT_NO_FATAL_FAILURE(Prepare({"optimize", 2, ""}));
  ASSERT_NO_FATAL_FAILURE(ExpectDryRunRefuses("unknown"));
  ASSERT_NO_FATAL_FAILURE(ExpectRefused({"unknown", "OPTIMIZE", "events"}));
  ExpectAllowBlockingRuns();
}

TEST_F(DdlGateBypassTest, TheAlgorithmIsReadFromTheOptionsNotAComment) {
  ASSERT_NO_FATAL_FAILURE(Prepare({"comment", 2, ""}));
  ASSERT_NO_FATAL_FAILURE(ExpectDryRunRefuses("copy"));
  ASSERT_NO_FATAL_FAILURE(ExpectRefused({"copy", "events"}));
  testing::CommandResult dry =
      Migrate(config_, {"-n", module_, "--dry-run"});
  EXPECT_THAT(dry.out, HasSubstr("copy (the table is rebuilt)")) << dry.out;
  EXPECT_THAT(dry.out, ::testing::Not(HasSubstr("instant, blocks nothing")))
      << dry.out;
  ExpectAllowBlockingRuns();
  ExpectNarrowed("events");
}

}  // namespace
}  // namespace aos::e2e
