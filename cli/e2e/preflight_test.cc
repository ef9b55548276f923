// Pre-flight on the live data (issue 26), through the built aos-db-migrate
// on a real MariaDB, PostgreSQL and SQLite, module `pfkinds`
// (testdata/preflight_plugins/kinds): each migration creates its marker
// table, then makes one data-dependent change. Over rows in its way the
// step is refused before its first statement (a data_conflict row naming
// the change, the table and the offending keys; the version stays and the
// marker does not exist); once the operator fixes the rows, the same step
// runs; a step that deletes the duplicates itself before adding the key
// runs over them, and so does one whose earlier statement writes a table
// whose trigger deletes them; one that deletes only some is refused right
// before the statement. --dry-run and --status show the same finding
// (preflight_hostile_test.cc: hostile values, big tables;
// preflight_rebuild_test.cc: SQLite's table rebuild).
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/postgresql_fixture.h"
#include "cli/e2e/preflight_driver.h"
#include "cli/e2e/process_helpers.h"
#include "cli/e2e/report_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tools/testing/command_runner.h"
#include "tools/testing/postgresql_server.h"

namespace aos::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A data-dependent change of pfkinds: the rows put in its way, the
// operator's fix, and what the refusal must say.
struct Kind {
  int version;
  std::vector<std::string> dirty;
  std::vector<std::string> fix;
  std::vector<std::string> says;
};

std::vector<Kind> MariadbKinds() {
  return {
      {2,
       {"INSERT INTO pf_unique VALUES (1, 'dup', 'hunter2-secret'), (2, "
        "'dup', 'hunter2-secret'), (3, 'ok', 'hunter2-secret')"},
       {"DELETE FROM pf_unique WHERE id = 2"},
       {"UNIQUE (v)", "table pf_unique", "2 rows share a value of (v)",
        "('dup') x2"}},
      {3,
       {"INSERT INTO pf_pk VALUES (1, 'a'), (1, 'b')"},
       {"UPDATE pf_pk SET id = 2 WHERE v = 'b'"},
       {"PRIMARY KEY (id)", "table pf_pk", "('1') x2"}},
      {4,
       {"INSERT INTO pf_notnull VALUES (1, NULL), (2, 5)"},
       {"UPDATE pf_notnull SET v = 0 WHERE v IS NULL"},
       {"v NOT NULL", "table pf_notnull", "1 row where v is NULL"}},
      {5,
       {"INSERT INTO pf_parent VALUES (1)",
        "INSERT INTO pf_child VALUES (1, 1), (2, 99)"},
       {"INSERT INTO pf_parent VALUES (99)"},
       {"FOREIGN KEY (parent_id) REFERENCES pf_parent (id)", "table pf_child",
        "has no row in pf_parent", "('99')"}},
      {6,
       {"INSERT INTO pf_narrow VALUES (1, 'a name far longer than ten', 1)"},
       {"UPDATE pf_narrow SET name = 'short'"},
       {"name VARCHAR(10)", "longer than 10 characters",
        "('a name far longer than ten')"}},
      {7,
       {"UPDATE pf_narrow SET n = 40000"},
       {"UPDATE pf_narrow SET n = 7"},
       {"n SMALLINT", "('40000')"}},
      {8,
       {"INSERT INTO pf_check VALUES (1, -5), (2, 3)"},
       {"UPDATE pf_check SET qty = 0 WHERE qty < 0"},
       {"CHECK (qty >= 0)", "table pf_check", "('-5')"}},
      {10,
       {"INSERT INTO pf_index VALUES (1, 'x'), (2, 'x'), (3, 'x')"},
       {"DELETE FROM pf_index WHERE id > 1"},
       {"UNIQUE INDEX ux_pf_index (v)", "3 rows share", "('x') x3"}},
  };
}

std::string Target(int version) { return std::to_string(version); }

// Kind `k` over rows in its way is refused before the step's first
// statement; fixed, it runs.
void RefusedThenRuns(const Engine& e, const Kind& k, bool nothing_ran_text) {
  SCOPED_TRACE(absl::StrCat("migration ", k.version));
  const std::string marker = absl::StrCat("pf_marker_", k.version);
  testing::CommandResult r = e.migrate(
      {"-n", "pfkinds", "--migration", Target(k.version - 1), "-f", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const std::string& sql : k.dirty) e.exec(sql);
  r = e.migrate(
      {"-n", "pfkinds", "--migration", Target(k.version), "-f", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  Json row = Row(r);
  EXPECT_EQ(JsonString(row.at("category")), "data_conflict") << r.out;
  const std::string error = JsonString(row.at("error"));
  EXPECT_THAT(error, HasSubstr("pre-flight: statement 2 of 2")) << error;
  for (const std::string& s : k.says) EXPECT_THAT(error, HasSubstr(s)) << error;
  if (nothing_ran_text) {
    EXPECT_THAT(error, HasSubstr("Nothing of the step ran")) << error;
  }
  EXPECT_THAT(r.out + r.err, Not(HasSubstr("hunter2")));
  EXPECT_EQ(e.version(), Target(k.version - 1));
  EXPECT_FALSE(e.has_table(marker)) << "the step's first statement ran";
  for (const std::string& sql : k.fix) e.exec(sql);
  r = e.migrate(
      {"-n", "pfkinds", "--migration", Target(k.version), "-f", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(e.version(), Target(k.version));
  EXPECT_TRUE(e.has_table(marker));
}

// Migration 11 deletes the duplicates itself before adding the key: the
// check waits until right before that statement, and the step runs.
void CleanupFirstRuns(const Engine& e) {
  testing::CommandResult r =
      e.migrate({"-n", "pfkinds", "--migration", "10", "-f", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  e.exec("INSERT INTO pf_cleanup VALUES (1, 'same'), (2, 'same')");
  r = e.migrate({"-n", "pfkinds", "--dry-run", "-f", "json"});
  std::vector<Json> found = Findings(r, "steps");
  ASSERT_EQ(found.size(), 1u) << r.out;
  EXPECT_EQ(JsonString(found[0].at("when")), "before_statement");
  EXPECT_EQ(JsonString(found[0].at("outcome")), "at_run");
  r = e.migrate({"-n", "pfkinds", "--migration", "11", "-f", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(e.version(), "11");
}

// Migration 13 writes pf_trigger_log, whose trigger (`setup`, made here as
// the database's own) deletes pf_via_trigger's duplicates, then adds the
// key there: an earlier statement writes that table through the trigger,
// so the check waits until right before the key, and the step runs.
void ATriggerThatCleansUpFirstRuns(const Engine& e,
                                   const std::vector<std::string>& setup) {
  testing::CommandResult r =
      e.migrate({"-n", "pfkinds", "--migration", "12", "-f", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const std::string& sql : setup) e.exec(sql);
  e.exec("INSERT INTO pf_via_trigger VALUES (1, 'same'), (2, 'same')");
  r = e.migrate({"-n", "pfkinds", "--dry-run", "-f", "json"});
  std::vector<Json> found = Findings(r, "steps");
  ASSERT_EQ(found.size(), 1u) << r.out;
  EXPECT_EQ(JsonString(found[0].at("when")), "before_statement") << r.out;
  EXPECT_EQ(JsonString(found[0].at("outcome")), "at_run") << r.out;
  r = e.migrate({"-n", "pfkinds", "--migration", "13", "-f", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(e.version(), "13");
  EXPECT_TRUE(e.has_table("pf_marker_13"));
}

// Migration 12 deletes some rows, then adds a key over the duplicates it
// left: the check right before that statement refuses it. On MySQL the
// statements before it stay applied and the next run, once the rows are
// fixed, resumes at it; elsewhere the step rolls back whole.
void RefusedRightBeforeTheStatement(const Engine& e, bool resumes) {
  e.exec("INSERT INTO pf_partial VALUES (1, 'a'), (2, 'a'), (101, 'b')");
  testing::CommandResult r =
      e.migrate({"-n", "pfkinds", "--migration", "12", "-f", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  Json row = Row(r);
  EXPECT_EQ(JsonString(row.at("category")), "data_conflict") << r.out;
  const std::string error = JsonString(row.at("error"));
  EXPECT_THAT(error, HasSubstr("pre-flight: statement 3 of 3")) << error;
  EXPECT_THAT(error, HasSubstr("('a') x2")) << error;
  EXPECT_THAT(error, HasSubstr(resumes ? "resumes the step at statement 3"
                                       : "rolled back whole"))
      << error;
  EXPECT_EQ(e.version(), "11");
  EXPECT_EQ(e.has_table("pf_marker_12"), resumes);
  e.exec("DELETE FROM pf_partial WHERE id = 2");
  r = e.migrate({"-n", "pfkinds", "--migration", "12", "-f", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(e.version(), "12");
  if (resumes) {
    EXPECT_EQ(JsonInt(Row(r).at("resumed").at("statement")), 3) << r.out;
  }
}

// --dry-run and --status show the conflict of migration 2 before any run,
// and the clean finding once it is fixed.
void ViewsShowTheFinding(const Engine& e) {
  testing::CommandResult r =
      e.migrate({"-n", "pfkinds", "--migration", "1", "-f", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  e.exec(
      "INSERT INTO pf_unique VALUES (1, 'dup', 'hunter2-secret'), (2, "
      "'dup', 'hunter2-secret')");
  for (const char* view : {"--dry-run", "--status"}) {
    SCOPED_TRACE(view);
    r = e.migrate({"-n", "pfkinds", "--migration", "2", view, "-f", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    std::vector<Json> found =
        Findings(r, std::string(view) == "--dry-run" ? "steps" : "pending");
    ASSERT_EQ(found.size(), 1u) << r.out;
    EXPECT_EQ(JsonString(found[0].at("outcome")), "conflict") << r.out;
    EXPECT_EQ(JsonInt(found[0].at("rows")), 2);
    EXPECT_EQ(JsonString(found[0].at("table")), "pf_unique");
    EXPECT_EQ(JsonString(found[0].at("when")), "before_step");
    EXPECT_THAT(r.out, Not(HasSubstr("hunter2")));
  }
  r = e.migrate({"-n", "pfkinds", "--migration", "2", "--dry-run"});
  EXPECT_THAT(r.out, HasSubstr(" on pf_unique: refused: 2 rows share a "
                               "value of (v): ('dup') x2 ("))
      << r.out;
  EXPECT_THAT(r.out, HasSubstr("-- pre-flight: ")) << r.out;
  r = e.migrate({"-n", "pfkinds", "--migration", "2", "--status"});
  EXPECT_THAT(r.out, HasWrappedSubstr("pre-flight refuses: statement 2"))
      << r.out;
  EXPECT_EQ(e.version(), "1");
  EXPECT_FALSE(e.has_table("pf_marker_2"));
  e.exec("DELETE FROM pf_unique");
}

// --- MariaDB -----------------------------------------------------------------

TEST_F(MariadbPreflightTest, EachKindIsRefusedBeforeTheStepThenRunsWhenFixed) {
  AddModules({"pfkinds"});
  Engine e = Drive(Config(PluginDir({kKinds})), "pfkinds");
  ASSERT_NO_FATAL_FAILURE(ViewsShowTheFinding(e));
  std::vector<Kind> kinds = MariadbKinds();
  kinds.insert(
      kinds.begin() + 7,
      Kind{9,
           {"INSERT INTO pf_charset VALUES (1, CONVERT(X'E697A5E69CAC' "
            "USING utf8mb4)), (2, 'plain')"},
           {"DELETE FROM pf_charset WHERE id = 1"},
           {"CONVERT TO CHARACTER SET latin1", "table pf_charset",
            "1 row with values that latin1 cannot hold"}});
  for (const Kind& k : kinds) {
    ASSERT_NO_FATAL_FAILURE(RefusedThenRuns(e, k, /*nothing_ran_text=*/true));
  }
  ASSERT_NO_FATAL_FAILURE(CleanupFirstRuns(e));
  ATriggerThatCleansUpFirstRuns(
      e, {"CREATE TABLE pf_trigger_log (what VARCHAR(32)) ENGINE=InnoDB",
          "CREATE TABLE pf_via_trigger (id INT PRIMARY KEY, v VARCHAR(64)) "
          "ENGINE=InnoDB",
          "CREATE TRIGGER pf_dedupe AFTER INSERT ON pf_trigger_log FOR EACH "
          "ROW DELETE FROM pf_via_trigger WHERE id > 1"});
}

// --- PostgreSQL --------------------------------------------------------------

class PostgresqlPreflightTest : public PostgresqlSuite<> {};

Engine DriveTool(const std::string& config) {
  Engine e;
  e.migrate = [config](const std::vector<std::string>& args) {
    std::vector<std::string> argv = {testing::Runfile("cli/aos-db-migrate"),
                                     "--config", config};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommandOrFail(argv);
  };
  return e;
}

TEST_F(PostgresqlPreflightTest,
       EachKindIsRefusedBeforeTheStepThenRunsWhenFixed) {
  ASSERT_NE(pg_, nullptr);
  const std::string db = "pfkinds";
  ASSERT_TRUE(pg_->Execute("CREATE DATABASE " + db).ok());
  const std::string config = testing::NewTempDir("pfpg.") + "/db.conf";
  testing::WriteFile(
      config, absl::StrCat("[DEFAULT]\nplugin_dir = ", NewPluginDir({kKinds}),
                           "\nlock_timeout = 30\n\n[pfkinds]\n"
                           "connection = ",
                           pg_->Url(db), "\n"));
  Engine e = DriveTool(config);
  e.exec = [db](const std::string& sql) {
    absl::Status st = pg_->Execute(sql, db);
    EXPECT_TRUE(st.ok()) << st << "\n" << sql;
  };
  e.has_table = [db](const std::string& table) {
    absl::StatusOr<std::vector<std::string>> rows = pg_->Query(
        "SELECT COUNT(*) FROM pg_tables WHERE tablename = '" + table + "'", db);
    return rows.ok() && rows->size() == 1 && (*rows)[0] == "1";
  };
  e.version = [db] {
    absl::StatusOr<std::vector<std::string>> rows = pg_->Query(
        "SELECT version FROM migrate_version WHERE repository_id = 'pfkinds'",
        db);
    return rows.ok() && rows->size() == 1 ? (*rows)[0] : std::string();
  };
  ASSERT_NO_FATAL_FAILURE(ViewsShowTheFinding(e));
  for (const Kind& k : MariadbKinds()) {
    ASSERT_NO_FATAL_FAILURE(RefusedThenRuns(e, k, /*nothing_ran_text=*/true));
  }
  ASSERT_NO_FATAL_FAILURE(CleanupFirstRuns(e));
  ASSERT_NO_FATAL_FAILURE(RefusedRightBeforeTheStatement(e, /*resumes=*/false));
  ATriggerThatCleansUpFirstRuns(
      e, {"CREATE TABLE pf_trigger_log (what VARCHAR(32))",
          "CREATE TABLE pf_via_trigger (id INT PRIMARY KEY, v VARCHAR(64))",
          "CREATE FUNCTION pf_dedupe() RETURNS trigger LANGUAGE plpgsql AS $$ "
          "BEGIN DELETE FROM pf_via_trigger WHERE id > 1; RETURN NEW; END $$",
          "CREATE TRIGGER pf_dedupe AFTER INSERT ON pf_trigger_log FOR EACH "
          "ROW EXECUTE FUNCTION pf_dedupe()"});
}

// --- SQLite ------------------------------------------------------------------

TEST(SqlitePreflightTest, UniqueIndexesAreRefusedBeforeTheStepThenRun) {
  const std::string dir = testing::NewTempDir("pfsqlite.");
  const std::string file = dir + "/pfkinds.sqlite";
  const std::string config = dir + "/db.conf";
  testing::WriteFile(
      config, absl::StrCat("[DEFAULT]\nplugin_dir = ", NewPluginDir({kKinds}),
                           "\nlock_timeout = 30\n\n[pfkinds]\n"
                           "connection = sqlite:///",
                           file, "\n"));
  Engine e = DriveTool(config);
  auto query = [file](const std::string& sql) {
    testing::CommandResult r = RunCommandOrFail({"sqlite3", file, sql});
    EXPECT_EQ(r.exit_code, 0) << r.err << "\n" << sql;
    std::vector<std::string> rows = absl::StrSplit(r.out, '\n');
    if (!rows.empty() && rows.back().empty()) rows.pop_back();
    return rows;
  };
  e.exec = [query](const std::string& sql) { query(sql); };
  e.has_table = [query](const std::string& table) {
    return query(
               "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND "
               "name = '" +
               table + "'") == std::vector<std::string>{"1"};
  };
  e.version = [query] {
    std::vector<std::string> rows = query(
        "SELECT version FROM migrate_version WHERE repository_id = 'pfkinds'");
    return rows.size() == 1 ? rows[0] : std::string();
  };
  ASSERT_NO_FATAL_FAILURE(ViewsShowTheFinding(e));
  std::vector<Kind> kinds = MariadbKinds();
  for (const Kind& k : {kinds[0], kinds[7]}) {
    Kind on_sqlite = k;
    on_sqlite.says.erase(on_sqlite.says.begin());  // an index, not ADD UNIQUE
    ASSERT_NO_FATAL_FAILURE(
        RefusedThenRuns(e, on_sqlite, /*nothing_ran_text=*/true));
  }
  ASSERT_NO_FATAL_FAILURE(CleanupFirstRuns(e));
  ASSERT_NO_FATAL_FAILURE(RefusedRightBeforeTheStatement(e, /*resumes=*/false));
  ATriggerThatCleansUpFirstRuns(
      e, {"CREATE TABLE pf_trigger_log (what TEXT)",
          "CREATE TABLE pf_via_trigger (id INTEGER PRIMARY KEY, v TEXT)",
          "CREATE TRIGGER pf_dedupe AFTER INSERT ON pf_trigger_log BEGIN "
          "DELETE FROM pf_via_trigger WHERE id > 1; END"});
}

}  // namespace
}  // namespace aos::e2e
