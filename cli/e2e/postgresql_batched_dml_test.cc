// Issue 28's DML gate on a real PostgreSQL (the suite's private server,
// postgresql_fixture.h), the cases of batched_dml_test.cc on MariaDB: a big
// non-idempotent UPDATE runs in chunks, its step in segments, is SIGKILLed
// part-way and is finished by the next run with every row changed exactly
// once and the step's other statements run once; a big statement that
// cannot run in chunks is refused before anything of its step runs, and
// runs with --allow-blocking; the load limit holds chunks back; --dry-run,
// --status and JSON say which statements batch and why one cannot.
//
// testdata/batch_plugins (module batchrows), its .postgresql.sql scripts:
// `batch_items` of 3,000 rows (id = v = 1..3000, ANALYZEd here so that the
// estimate is current); migration 2 makes `batch_log` (runs 1), then
// UPDATE "batch_items" SET v = v + 1, then batch_log's runs + 1; 3 an
// UPDATE that reads the table it writes; 4 an INSERT ... SELECT from it; 5
// an UPDATE of the key itself. The configs lower blocking_max_rows to 1000.
#include <libpq-fe.h>
#include <signal.h>

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/postgresql_fixture.h"
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

constexpr char kPlugin[] = "testdata/batch_plugins/libbatchrows.so";
constexpr char kModule[] = "batchrows";

// A session of the test's own holding rows locked.
class PgRowLock {
 public:
  ~PgRowLock() { Release(); }
  // "" when the rows `where` picks of `table` are locked, else what failed.
  std::string Lock(int port, const std::string& db, const std::string& table,
                   const std::string& where) {
    conn_ = PQconnectdb(
        absl::StrCat("host=127.0.0.1 port=", port, " user=postgres dbname=", db).c_str());
    if (PQstatus(conn_) != CONNECTION_OK) return PQerrorMessage(conn_);
    for (const std::string& sql :
         {std::string("BEGIN"),
          absl::StrCat("SELECT 1 FROM ", table, " WHERE ", where, " FOR UPDATE")}) {
      PGresult* res = PQexec(conn_, sql.c_str());
      const ExecStatusType status = PQresultStatus(res);
      PQclear(res);
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return PQerrorMessage(conn_);
    }
    return "";
  }
  void Release() {
    if (conn_ != nullptr) PQfinish(conn_);
    conn_ = nullptr;
  }

 private:
  PGconn* conn_ = nullptr;
};

class PostgresqlBatchedDmlTest : public PostgresqlSuite<> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(PostgresqlSuite::SetUp());
    db_ = absl::StrCat("pgbatch", ++counter_);
    ASSERT_TRUE(pg_->Execute("CREATE DATABASE " + db_).ok());
    plugins_ = NewPluginDir({plugin_});
  }

  std::string BatchConfig(const std::string& extra = "") {
    const std::string path = testing::NewTempDir("pgbatch.") + "/db-migrate.conf";
    testing::WriteFile(path, absl::StrCat("[DEFAULT]\nplugin_dir = ", plugins_,
                                          "\nlock_timeout = 60\nblocking_max_rows = 1000\n", extra,
                                          "[", module_, "]\nconnection = ", pg_->Url(db_), "\n"));
    return path;
  }

  testing::CommandResult Migrate(const std::string& config, std::vector<std::string> args) {
    std::vector<std::string> argv = {testing::Runfile("cli/aos-db-migrate"), "--config", config,
                                     "-n", module_};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommandOrFail(argv);
  }

  std::vector<std::string> Query(const std::string& sql) {
    absl::StatusOr<std::vector<std::string>> rows = pg_->Query(sql, db_);
    EXPECT_TRUE(rows.ok()) << rows.status() << "\n" << sql;
    return rows.ok() ? *rows : std::vector<std::string>{};
  }

  std::string Version() {
    std::vector<std::string> rows =
        Query("SELECT version FROM migrate_version WHERE repository_id = 'batchrows'");
    return rows.empty() ? "" : rows[0];
  }

  // The module at version 1, its tables' statistics current.
  void AtOneAnalyzed(const std::string& config) {
    testing::CommandResult r = Migrate(config, {"--migration", "1"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    ASSERT_TRUE(pg_->Execute("ANALYZE", db_).ok());
  }

  // Runs migration 2 in chunks of 10 rows and SIGKILLs it while a row lock
  // of the test's own stops it in the chunk that reaches id 1500; checks
  // what it committed: the statements before the batched one with the
  // step's history row, then its chunks, each with its record.
  void KillInChunks(const std::string& config) {
    PgRowLock holder;
    ASSERT_EQ(holder.Lock(pg_->port(), db_, "batch_items", "id = 1500"), "");
    ASSERT_NO_FATAL_FAILURE(KillWhenItWaits(config, "2"));
    std::vector<std::string> progress =
        Query("SELECT statement, done_key, chunks FROM aos_migration_batches");
    ASSERT_EQ(progress.size(), 1u);
    std::vector<std::string> cells = absl::StrSplit(progress[0], '\t');
    ASSERT_EQ(cells.size(), 3u);
    EXPECT_EQ(cells[0], "3");
    int64_t done_key = 0;
    ASSERT_TRUE(absl::SimpleAtoi(cells[1], &done_key));
    EXPECT_GT(done_key, 0);
    EXPECT_LT(done_key, 1500);
    EXPECT_THAT(Query("SELECT COUNT(*), COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM "
                      "batch_items WHERE v = id + 1"),
                ElementsAre(absl::StrCat(done_key, "\t1\t", done_key)));
    EXPECT_THAT(Query("SELECT runs FROM batch_log"), ElementsAre("1"));
    EXPECT_THAT(Query("SELECT outcome, statements_done FROM aos_migration_history WHERE version "
                      "= 2"),
                ElementsAre("running\t2"));
    EXPECT_EQ(Version(), "1");
    holder.Release();
  }

  // Runs up to `migration` and SIGKILLs the run once it waits on a lock
  // (a row lock of the test's own).
  void KillWhenItWaits(const std::string& config, const std::string& migration) {
    testing::StartedCommand run =
        testing::StartInNewProcessGroup({testing::Runfile("cli/aos-db-migrate"), "--config", config,
                                         "-n", module_, "--migration", migration});
    ASSERT_GT(run.pid, 0);
    const bool waiting = WaitFor(
        [&] {
          return Query(absl::StrCat("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '", db_,
                                    "' AND wait_event_type = 'Lock'")) ==
                 std::vector<std::string>{"1"};
        },
        SecondsFromNow(120));
    testing::CommandResult killed = testing::KillProcessGroup(run, SIGKILL);
    ASSERT_TRUE(waiting) << "the run never waited on the lock\n" << killed.out << killed.err;
  }

  static const Json* Step(const Json& doc, int version) {
    for (const Json& s : doc.at("modules").at(0).at("steps")) {
      if (s.at("version") == version) return &s;
    }
    return nullptr;
  }

  inline static int counter_ = 0;
  std::string plugin_ = kPlugin;  // the module under test, its plugin
  std::string module_ = kModule;
  std::string db_;
  std::string plugins_;
};

TEST_F(PostgresqlBatchedDmlTest, KilledPartWayTheNextRunChangesEveryRowExactlyOnce) {
  const std::string config = BatchConfig("batch_chunk_rows = 10\nbatch_max_chunk_rows = 10\n");
  AtOneAnalyzed(config);
  ASSERT_NO_FATAL_FAILURE(KillInChunks(config));
  // The views say where the next run resumes.
  testing::CommandResult status = Migrate(config, {"--status"});
  std::vector<std::vector<std::string>> table = ParseTable(status.out, "DB status table");
  ASSERT_EQ(table.size(), 2u) << status.out << status.err;
  EXPECT_THAT(table[1].back(), HasWrappedSubstr("statements 1-2 applied, then interrupted"))
      << status.out;
  testing::CommandResult dry = Migrate(config, {"--dry-run", "--migration", "2"});
  EXPECT_THAT(dry.out, HasSubstr("-- resumed at statement 3")) << dry.out << dry.err;

  testing::CommandResult r = Migrate(config, {"--migration", "2", "-v"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::optional<ReportRow> row = FindRow(r.out, "BatchRows");
  ASSERT_TRUE(row.has_value()) << r.out;
  EXPECT_THAT(row->result, HasWrappedSubstr("resumed at statement 3 of 4"));
  EXPECT_EQ(Version(), "2");
  EXPECT_THAT(Query("SELECT COUNT(*), SUM(CASE WHEN v = id + 1 THEN 1 ELSE 0 END) FROM "
                    "batch_items"),
              ElementsAre("3000\t3000"));
  // Before the batched statement: once; after it: once.
  EXPECT_THAT(Query("SELECT runs FROM batch_log"), ElementsAre("2"));
  EXPECT_THAT(Query("SELECT COUNT(*) FROM aos_migration_batches"), ElementsAre("0"));
  EXPECT_THAT(Query("SELECT outcome FROM aos_migration_history WHERE version = 2 ORDER BY id"),
              ElementsAre("interrupted", "ok"));
}

// An operator's repair (--mark-version) makes the step left part-way the
// operator's: its progress row goes, so no later run resumes its chunks.
TEST_F(PostgresqlBatchedDmlTest, MarkVersionAfterAKillLeavesNoChunksToResume) {
  const std::string config = BatchConfig("batch_chunk_rows = 10\nbatch_max_chunk_rows = 10\n");
  AtOneAnalyzed(config);
  ASSERT_NO_FATAL_FAILURE(KillInChunks(config));
  testing::CommandResult marked = Migrate(config, {"--mark-version", "1", "--force"});
  ASSERT_EQ(marked.exit_code, 0) << marked.out << marked.err;
  EXPECT_THAT(Query("SELECT COUNT(*) FROM aos_migration_batches"), ElementsAre("0"));
  EXPECT_THAT(Query("SELECT outcome FROM aos_migration_history WHERE version = 2"),
              ElementsAre("repaired"));
}

// A step with a batched statement that fails part-way (the load limit,
// below) is left failed at its statement: the next run goes on there.
// No chunk starts while more client backends than batch_max_threads_running
// run a statement: a session of the test's own in pg_sleep keeps them at 2
// beside the tool's own, over the limit of 1, for longer than the run may
// wait (batch_max_load_wait = 1 s).
TEST_F(PostgresqlBatchedDmlTest, NoChunkStartsWhileTheServerIsOverItsLoadLimit) {
  const std::string config =
      BatchConfig("batch_max_threads_running = 1\nbatch_max_load_wait = 1\n");
  AtOneAnalyzed(config);
  std::thread sleeper([&] { (void)pg_->Execute("SELECT pg_sleep(120)", db_); });
  const std::string sleeping =
      "SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE "
      "'SELECT pg_sleep(120)%'";
  const bool busy = WaitFor([&] { return Query(sleeping) == std::vector<std::string>{"1"}; },
                            SecondsFromNow(60));
  testing::CommandResult held =
      busy ? Migrate(config, {"--migration", "2"}) : testing::CommandResult{};
  (void)pg_->Execute(
      "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE "
      "'SELECT pg_sleep(120)%' AND pid <> pg_backend_pid()",
      db_);
  sleeper.join();
  ASSERT_TRUE(busy) << "the test's session never ran";
  EXPECT_EQ(held.exit_code, 1) << held.out << held.err;
  std::optional<ReportRow> row = FindRow(held.out, "BatchRows");
  ASSERT_TRUE(row.has_value()) << held.out;
  EXPECT_THAT(row->result, HasWrappedSubstr("stayed over its load limit for 1s"));
  EXPECT_THAT(Query("SELECT COUNT(*) FROM batch_items WHERE v = id + 1"), ElementsAre("0"));
  EXPECT_THAT(Query("SELECT outcome, statements_done FROM aos_migration_history WHERE version "
                    "= 2"),
              ElementsAre("failed\t2"));
  EXPECT_EQ(Version(), "1");

  testing::CommandResult r = Migrate(config, {"--migration", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(Query("SELECT SUM(CASE WHEN v = id + 1 THEN 1 ELSE 0 END) FROM batch_items"),
              ElementsAre("3000"));
  EXPECT_THAT(Query("SELECT runs FROM batch_log"), ElementsAre("2"));
  EXPECT_EQ(Version(), "2");
}

TEST_F(PostgresqlBatchedDmlTest, AnUnbatchableBigStatementIsRefusedUnlessBlockingIsAllowed) {
  const std::string config = BatchConfig();
  AtOneAnalyzed(config);
  testing::CommandResult two = Migrate(config, {"--migration", "2"});
  ASSERT_EQ(two.exit_code, 0) << two.out << two.err;
  EXPECT_THAT(Query("SELECT SUM(CASE WHEN v = id + 1 THEN 1 ELSE 0 END) FROM batch_items"),
              ElementsAre("3000"));
  EXPECT_THAT(Query("SELECT runs FROM batch_log"), ElementsAre("2"));
  EXPECT_THAT(Query("SELECT COUNT(*) FROM aos_migration_batches"), ElementsAre("0"));

  testing::CommandResult refused = Migrate(config, {"--migration", "3"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  std::optional<ReportRow> row = FindRow(refused.out, "BatchRows");
  ASSERT_TRUE(row.has_value()) << refused.out;
  EXPECT_THAT(row->result, HasWrappedSubstr("refused before anything ran"));
  EXPECT_THAT(row->result, HasWrappedSubstr("table batch_items"));
  EXPECT_THAT(row->result, HasWrappedSubstr("cannot run in chunks: it reads batch_items, the "
                                            "table it writes"));
  EXPECT_THAT(row->result, HasWrappedSubstr("--allow-blocking"));
  EXPECT_EQ(Version(), "2");
  EXPECT_THAT(Query("SELECT COUNT(note) FROM batch_items"), ElementsAre("0"));

  testing::CommandResult allowed = Migrate(config, {"--migration", "3", "--allow-blocking"});
  ASSERT_EQ(allowed.exit_code, 0) << allowed.out << allowed.err;
  EXPECT_EQ(Version(), "3");
  EXPECT_THAT(Query("SELECT COUNT(*) FROM batch_items WHERE note = 'first'"),
              ElementsAre("3000"));

  // The INSERT ... SELECT, batched over its source's key.
  testing::CommandResult copy = Migrate(config, {"--migration", "4"});
  ASSERT_EQ(copy.exit_code, 0) << copy.out << copy.err;
  EXPECT_EQ(Version(), "4");
  EXPECT_THAT(Query("SELECT COUNT(*), SUM(CASE WHEN c.v = 2 * i.v THEN 1 ELSE 0 END), "
                    "MIN(c.id) FROM batch_copy c JOIN batch_items i USING (id)"),
              ElementsAre("2991\t2991\t10"));
}

TEST_F(PostgresqlBatchedDmlTest, DryRunStatusAndJsonSayWhatBatchesAndWhyNot) {
  const std::string config = BatchConfig();
  AtOneAnalyzed(config);
  testing::CommandResult text = Migrate(config, {"--dry-run"});
  ASSERT_EQ(text.exit_code, 0) << text.out << text.err;
  EXPECT_THAT(text.out, HasSubstr("chunks of its key id"));
  EXPECT_THAT(text.out, HasSubstr("not batchable: it reads batch_items, the table it writes"));
  EXPECT_THAT(text.out, HasSubstr("refused: --allow-blocking"));

  testing::CommandResult status = Migrate(config, {"--status"});
  std::vector<std::vector<std::string>> table = ParseTable(status.out, "DB status table");
  ASSERT_EQ(table.size(), 2u) << status.out;
  EXPECT_THAT(table[1].back(), HasWrappedSubstr("1->2 (batched: batch_items ~")) << status.out;
  EXPECT_THAT(table[1].back(), HasWrappedSubstr("2->3 (refused: blocks writes: batch_items)"))
      << status.out;

  testing::CommandResult json = Migrate(config, {"--dry-run", "-f", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.out << json.err;
  absl::StatusOr<Json> doc = ParseJson(json.out);
  ASSERT_TRUE(doc.ok()) << doc.status() << json.out;
  for (int version : {2, 4}) {  // the UPDATE, and the INSERT ... SELECT
    const Json* step = Step(*doc, version);
    ASSERT_NE(step, nullptr) << json.out;
    ASSERT_EQ(step->at("ddl").size(), 1u) << step->dump();
    const Json& d = step->at("ddl").at(0);
    EXPECT_EQ(JsonString(d.at("batch")), "batched") << d.dump();
    EXPECT_EQ(JsonString(d.at("key")), "id");
    EXPECT_EQ(JsonString(d.at("table")), "batch_items");
    EXPECT_GE(JsonInt(d.at("chunks")), 2) << d.dump();
    EXPECT_FALSE(JsonBool(d.at("refused")));
  }
  EXPECT_EQ(JsonInt(Step(*doc, 2)->at("ddl").at(0).at("statement")), 3);
  const Json* three = Step(*doc, 3);
  ASSERT_NE(three, nullptr);
  const Json& d = three->at("ddl").at(0);
  EXPECT_EQ(JsonString(d.at("batch")), "not_batchable") << d.dump();
  EXPECT_TRUE(JsonBool(d.at("refused")));
  EXPECT_THAT(JsonString(d.at("note")), HasSubstr("the table it writes"));
  EXPECT_EQ(JsonString(d.at("blocks")), "writes");
  const Json* five = Step(*doc, 5);  // assigns the key it would range over
  ASSERT_NE(five, nullptr);
  EXPECT_EQ(JsonString(five->at("ddl").at(0).at("batch")), "not_batchable");
  EXPECT_THAT(JsonString(five->at("ddl").at(0).at("note")), HasSubstr("it assigns the key id"));
  // A trigger on the table: nothing batches.
  ASSERT_TRUE(pg_->Execute("CREATE FUNCTION batch_noop() RETURNS trigger LANGUAGE plpgsql AS "
                           "$$BEGIN RETURN NEW; END$$; CREATE TRIGGER batch_items_noted BEFORE "
                           "UPDATE ON batch_items FOR EACH ROW EXECUTE FUNCTION batch_noop()",
                           db_)
                  .ok());
  testing::CommandResult triggered = Migrate(config, {"--dry-run", "-f", "json", "--migration", "2"});
  absl::StatusOr<Json> with_trigger = ParseJson(triggered.out);
  ASSERT_TRUE(with_trigger.ok()) << triggered.out << triggered.err;
  const Json* bump = Step(*with_trigger, 2);
  ASSERT_NE(bump, nullptr) << triggered.out;
  EXPECT_EQ(JsonString(bump->at("ddl").at(0).at("batch")), "not_batchable");
  EXPECT_THAT(JsonString(bump->at("ddl").at(0).at("note")),
              HasSubstr("batch_items has triggers (batch_items_noted)"));
  // Nothing was left of the probing, nothing ran.
  EXPECT_EQ(Version(), "1");
  EXPECT_THAT(Query("SELECT COUNT(*) FROM pg_namespace WHERE nspname LIKE '\\_aos\\_probe%'"),
              ElementsAre("0"));
}

}  // namespace
}  // namespace aos::e2e

namespace aos::e2e {
namespace {

// Composite and non-integer keys (testdata/batch_keys_pg_plugins, module
// batchkeyspg): each table keeps v0, the value v started with.
class PostgresqlBatchedKeysTest : public PostgresqlBatchedDmlTest {
 protected:
  PostgresqlBatchedKeysTest() {
    plugin_ = "testdata/batch_keys_pg_plugins/libbatchkeyspg.so";
    module_ = "batchkeyspg";
  }

  // How many rows of `table` v moved by exactly 1 from v0, and how many in
  // all.
  std::string ChangedOnce(const std::string& table) {
    std::vector<std::string> rows = Query(absl::StrCat(
        "SELECT SUM(CASE WHEN v = v0 + 1 THEN 1 ELSE 0 END), COUNT(*) FROM ", table));
    return rows.empty() ? "" : rows[0];
  }
};

// A non-idempotent UPDATE over a (INTEGER, VARCHAR COLLATE "C") key,
// SIGKILLed while a row lock of the test's own stops it in the middle:
// what it committed is a prefix of the key's order, and the next run
// changes every row exactly once.
TEST_F(PostgresqlBatchedKeysTest, ACompositeKeyedUpdateKilledPartWayChangesEveryRowOnce) {
  const std::string config = BatchConfig("batch_chunk_rows = 10\nbatch_max_chunk_rows = 10\n");
  ASSERT_NO_FATAL_FAILURE(AtOneAnalyzed(config));
  testing::CommandResult dry = Migrate(config, {"--dry-run", "--migration", "2"});
  EXPECT_THAT(dry.out, HasSubstr("chunks of its key (project_id, name)")) << dry.out << dry.err;

  std::vector<std::string> middle = Query(
      "SELECT project_id || ' ' || quote_literal(name) FROM batch_tasks ORDER BY project_id, "
      "name OFFSET 1500 LIMIT 1");
  ASSERT_EQ(middle.size(), 1u);
  const std::string project = middle[0].substr(0, middle[0].find(' '));
  const std::string name = middle[0].substr(middle[0].find(' ') + 1);
  PgRowLock holder;
  ASSERT_EQ(holder.Lock(pg_->port(), db_, "batch_tasks",
                        absl::StrCat("project_id = ", project, " AND name = ", name)),
            "");
  ASSERT_NO_FATAL_FAILURE(KillWhenItWaits(config, "2"));
  holder.Release();

  // Committed: some chunks, every row of them before every row not changed.
  std::vector<std::string> changed =
      Query("SELECT COUNT(*) FROM batch_tasks WHERE v = v0 + 1");
  ASSERT_EQ(changed.size(), 1u);
  int64_t done = 0;
  ASSERT_TRUE(absl::SimpleAtoi(changed[0], &done));
  EXPECT_GT(done, 0);
  EXPECT_LT(done, 1501);
  EXPECT_THAT(Query("SELECT COUNT(*) FROM batch_tasks a JOIN batch_tasks b ON (b.project_id, "
                    "b.name) < (a.project_id, a.name) WHERE a.v = a.v0 + 1 AND b.v = b.v0"),
              ElementsAre("0"));
  EXPECT_THAT(Query("SELECT COUNT(*) FROM batch_tasks WHERE v NOT IN (v0, v0 + 1)"),
              ElementsAre("0"));
  EXPECT_THAT(Query("SELECT key_columns FROM aos_migration_batches"),
              ElementsAre(HasSubstr("project_id")));

  testing::CommandResult r = Migrate(config, {"--migration", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(ChangedOnce("batch_tasks"), "3000\t3000");
  EXPECT_THAT(Query("SELECT COUNT(*) FROM aos_migration_batches"), ElementsAre("0"));
}

// A UUID key and a BYTEA key (the empty value, 0x00, 0xff among 3-byte
// ones) range in chunks too; a DATE key, whose text follows the session's
// DateStyle, is refused with its reason.
TEST_F(PostgresqlBatchedKeysTest, UuidAndByteaKeysBatchADateKeyIsRefused) {
  const std::string config = BatchConfig("batch_chunk_rows = 50\nbatch_max_chunk_rows = 50\n");
  ASSERT_NO_FATAL_FAILURE(AtOneAnalyzed(config));
  testing::CommandResult dry = Migrate(config, {"--dry-run", "--migration", "4"});
  EXPECT_THAT(dry.out, HasSubstr("chunks of its key id")) << dry.out;
  EXPECT_THAT(dry.out, HasSubstr("chunks of its key k")) << dry.out;

  testing::CommandResult r = Migrate(config, {"--migration", "4"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(ChangedOnce("batch_tasks"), "3000\t3000");
  EXPECT_EQ(ChangedOnce("batch_tokens"), "3000\t3000");
  EXPECT_EQ(ChangedOnce("batch_bytes"), "1203\t1203");

  testing::CommandResult refused = Migrate(config, {});
  EXPECT_NE(refused.exit_code, 0) << refused.out;
  std::optional<ReportRow> row = FindRow(refused.out, "BatchKeysPg");
  ASSERT_TRUE(row.has_value()) << refused.out << refused.err;
  EXPECT_THAT(row->result, HasWrappedSubstr("DateStyle"));
  EXPECT_EQ(ChangedOnce("batch_days"), "0\t3000");
}

}  // namespace
}  // namespace aos::e2e
