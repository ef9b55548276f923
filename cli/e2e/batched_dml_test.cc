// Issue 28's DML gate end to end, on the real MariaDB the fixture starts:
// a big non-idempotent UPDATE runs in chunks, is SIGKILLed part-way and is
// finished by the next run with every row changed exactly once; a big
// statement that cannot run in chunks is refused before anything of its
// step runs, and runs with --allow-blocking; --dry-run, --status and JSON
// say which statements batch and why one cannot.
//
// testdata/batch_plugins (module batchrows): `batch_items` of 3,000 rows
// (id = v = 1..3000, ANALYZEd so that the server's estimate is current);
// migration 2 is UPDATE ... SET v = v + 1, 3 an UPDATE ... ORDER BY ...
// LIMIT, 4 an INSERT ... SELECT from it, 5 an UPDATE of the key itself. The configs lower
// blocking_max_rows to 1000.
#include <signal.h>

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/row_lock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace aos::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kPlugin[] = "testdata/batch_plugins/libbatchrows.so";
constexpr char kModule[] = "batchrows";

class BatchedDmlTest : public MigrateTest {
 protected:
  void SetUp() override {
    MigrateTest::SetUp();
    AddModules({kModule});
    dir_ = PluginDir({kPlugin});
  }

  std::string BatchConfig(const std::string& extra = "") {
    return Config(dir_, 0, absl::StrCat("blocking_max_rows = 1000\n", extra));
  }

  // The module at version 1, its table's statistics current.
  void AtOneAnalyzed(const std::string& config) {
    PrepareAt(config, kModule, 1);
    ASSERT_TRUE(server_->Execute("ANALYZE TABLE batch_items", Db(kModule)).ok());
  }

  // The step of `version` in the only module of a --dry-run -f json.
  static const Json* Step(const Json& doc, int version) {
    for (const Json& s : doc.at("modules").at(0).at("steps")) {
      if (s.at("version") == version) return &s;
    }
    return nullptr;
  }

  // The server's count of deadlocks so far.
  std::vector<std::string> Deadlocks() {
    return QueryDb(kModule,
                   "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
                   "WHERE VARIABLE_NAME = 'INNODB_DEADLOCKS'");
  }

  std::string dir_;
};

TEST_F(BatchedDmlTest, KilledPartWayTheNextRunChangesEveryRowExactlyOnce) {
  // Chunks of 10 rows; a row lock of the test's own stops the run in the
  // chunk that reaches id 1500, where it is killed.
  const std::string config = BatchConfig("batch_chunk_rows = 10\nbatch_max_chunk_rows = 10\n");
  AtOneAnalyzed(config);
  RowLock holder;
  ASSERT_EQ(holder.Lock(server_->port(), Db(kModule), "batch_items", 1500), "");
  testing::StartedCommand run =
      testing::StartInNewProcessGroup({testing::Runfile("cli/aos-db-migrate"), "--config", config,
                                       "-n", kModule, "--migration", "2"});
  ASSERT_GT(run.pid, 0);
  const bool waiting =
      WaitForRow(kModule,
                 "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = "
                 "'LOCK WAIT'",
                 "1", 120);
  testing::CommandResult killed = testing::KillProcessGroup(run, SIGKILL);
  ASSERT_TRUE(waiting) << "the run never waited on the lock\n" << killed.out << killed.err;
  // What the killed run committed: its chunks, each with its record.
  std::vector<std::string> progress =
      QueryDb(kModule, "SELECT done_key, chunks FROM aos_migration_batches");
  ASSERT_EQ(progress.size(), 1u);
  std::vector<std::string> cells = absl::StrSplit(progress[0], '\t');
  int64_t done_key = 0;
  ASSERT_TRUE(absl::SimpleAtoi(cells[0], &done_key));
  EXPECT_GT(done_key, 0);
  EXPECT_LT(done_key, 1500);
  EXPECT_THAT(QueryDb(kModule,
                      "SELECT COUNT(*), COALESCE(MIN(id), 0), "
                      "COALESCE(MAX(id), 0) FROM batch_items WHERE v = id + 1"),
              ElementsAre(absl::StrCat(done_key, "\t1\t", done_key)));
  EXPECT_EQ(RecordedVersion(kModule), "1");
  holder.Release();

  testing::CommandResult r = Migrate(config, {"-n", kModule, "--migration", "2", "-v"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(RecordedVersion(kModule), "2");
  EXPECT_THAT(QueryDb(kModule, "SELECT COUNT(*), SUM(v = id + 1) FROM batch_items"),
              ElementsAre("3000\t3000"));
  EXPECT_THAT(QueryDb(kModule, "SELECT COUNT(*) FROM aos_migration_batches"), ElementsAre("0"));
  EXPECT_THAT(QueryDb(kModule, "SELECT COUNT(*) FROM aos_migration_progress"), ElementsAre("0"));
}

// A chunk chosen as a deadlock's victim is rolled back whole with its
// record and tried again, so the run ends OK with every row changed once
// (on Galera the same path takes a certification failure against a write
// through another node: docs/performance.md). The test's own transaction
// has changed 3,000 rows of a table of its own (so InnoDB, which rolls
// back the transaction that changed fewer rows, picks the chunk), holds id
// 50, and once the first chunk (ids 1-100) waits for it, asks for id 49,
// which the chunk holds: a deadlock.
TEST_F(BatchedDmlTest, AChunkThatLosesADeadlockIsTriedAgain) {
  const std::string config =
      BatchConfig("batch_chunk_rows = 100\nbatch_max_chunk_rows = 100\n");
  AtOneAnalyzed(config);
  const std::string heavy = Db(kModule) + "_heavy";
  ASSERT_TRUE(server_
                  ->Execute(absl::StrCat("CREATE DATABASE ", heavy, "; CREATE TABLE ", heavy,
                                         ".weights (id INT PRIMARY KEY, w INT) ENGINE=InnoDB; "
                                         "INSERT INTO ",
                                         heavy, ".weights SELECT id, 0 FROM ", Db(kModule),
                                         ".batch_items"))
                  .ok());
  const std::vector<std::string> deadlocks_before = Deadlocks();
  RowLock victor;
  ASSERT_EQ(victor.Lock(server_->port(), Db(kModule), "batch_items", 50), "");
  ASSERT_EQ(victor.Run(absl::StrCat("UPDATE ", heavy, ".weights SET w = w + 1")), "");
  testing::StartedCommand run =
      testing::StartInNewProcessGroup({testing::Runfile("cli/aos-db-migrate"), "--config", config,
                                       "-n", kModule, "--migration", "2", "-f", "json"});
  ASSERT_GT(run.pid, 0);
  const bool waiting =
      WaitForRow(kModule,
                 "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = "
                 "'LOCK WAIT'",
                 "1", 120);
  // The deadlock: InnoDB rolls the chunk back and grants id 49 here.
  const std::string asked =
      waiting ? victor.Run("SELECT id FROM batch_items WHERE id = 49 FOR UPDATE") : "not asked";
  victor.Release();
  bool ended = false;
  testing::CommandResult r = WaitForExit(run, SecondsFromNow(300), &ended);
  ASSERT_TRUE(waiting) << "the run never waited on the lock\n" << r.out << r.err;
  ASSERT_EQ(asked, "");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(RecordedVersion(kModule), "2");
  EXPECT_THAT(QueryDb(kModule, "SELECT COUNT(*), SUM(v = id + 1) FROM batch_items"),
              ElementsAre("3000\t3000"));
  EXPECT_THAT(QueryDb(kModule, "SELECT COUNT(*) FROM aos_migration_batches"), ElementsAre("0"));
  // The server saw one deadlock (the chunk's, since the run went on).
  ASSERT_EQ(deadlocks_before.size(), 1u);
  int64_t before = 0;
  ASSERT_TRUE(absl::SimpleAtoi(deadlocks_before[0], &before));
  EXPECT_THAT(Deadlocks(), ElementsAre(absl::StrCat(before + 1)));
}

// A statement an earlier release left part-way: its progress row has no
// key_columns and done_after (the release batched one integer column and
// kept the last key done in done_key alone). The run adds the columns and
// goes on after done_key, every row changed exactly once.
TEST_F(BatchedDmlTest, AProgressRowOfAnEarlierReleaseIsResumed) {
  const std::string config = BatchConfig("batch_chunk_rows = 10\nbatch_max_chunk_rows = 10\n");
  AtOneAnalyzed(config);
  RowLock holder;
  ASSERT_EQ(holder.Lock(server_->port(), Db(kModule), "batch_items", 1500), "");
  testing::StartedCommand run =
      testing::StartInNewProcessGroup({testing::Runfile("cli/aos-db-migrate"), "--config", config,
                                       "-n", kModule, "--migration", "2"});
  ASSERT_GT(run.pid, 0);
  const bool waiting =
      WaitForRow(kModule,
                 "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = "
                 "'LOCK WAIT'",
                 "1", 120);
  testing::CommandResult killed = testing::KillProcessGroup(run, SIGKILL);
  ASSERT_TRUE(waiting) << "the run never waited on the lock\n" << killed.out << killed.err;
  holder.Release();
  ASSERT_TRUE(server_
                  ->Execute("ALTER TABLE aos_migration_batches DROP COLUMN key_columns, DROP "
                            "COLUMN done_after",
                            Db(kModule))
                  .ok());
  std::vector<std::string> done = QueryDb(kModule, "SELECT done_key FROM aos_migration_batches");
  ASSERT_EQ(done.size(), 1u);
  EXPECT_THAT(QueryDb(kModule, "SELECT COUNT(*), MAX(id) FROM batch_items WHERE v = id + 1"),
              ElementsAre(absl::StrCat(done[0], "\t", done[0])));

  testing::CommandResult r = Migrate(config, {"-n", kModule, "--migration", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(RecordedVersion(kModule), "2");
  EXPECT_THAT(QueryDb(kModule, "SELECT COUNT(*), SUM(v = id + 1) FROM batch_items"),
              ElementsAre("3000\t3000"));
  EXPECT_THAT(QueryDb(kModule, "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE "
                               "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = "
                               "'aos_migration_batches' AND COLUMN_NAME = 'done_after'"),
              ElementsAre("1"));
}

// No chunk starts while the server runs more threads than
// batch_max_threads_running: a session of the test's own that waits for a
// row lock (in a database of its own) keeps Threads_running at 2 beside
// the tool's status query, over the limit of 1, for longer than the run
// may wait (batch_max_load_wait = 1 s): the step fails with no chunk done,
// then runs once the session is done.
TEST_F(BatchedDmlTest, NoChunkStartsWhileTheServerIsOverItsLoadLimit) {
  const std::string config =
      BatchConfig("batch_max_threads_running = 1\nbatch_max_load_wait = 1\n");
  AtOneAnalyzed(config);
  const std::string busy = Db(kModule) + "_busy";
  ASSERT_TRUE(server_
                  ->Execute(absl::StrCat("CREATE DATABASE ", busy, "; CREATE TABLE ", busy,
                                         ".busy (id INT PRIMARY KEY); INSERT INTO ", busy,
                                         ".busy VALUES (1)"))
                  .ok());
  RowLock holder;
  ASSERT_EQ(holder.Lock(server_->port(), busy, "busy", 1), "");
  RowLock waiter;
  std::string waited;
  std::thread running([&] { waited = waiter.Lock(server_->port(), busy, "busy", 1); });
  const bool waiting =
      WaitForRow(kModule,
                 "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = "
                 "'LOCK WAIT'",
                 "1", 60);
  testing::CommandResult held =
      waiting ? Migrate(config, {"-n", kModule, "--migration", "2"}) : testing::CommandResult{};
  holder.Release();
  running.join();
  ASSERT_TRUE(waiting) << "the test's session never waited";
  EXPECT_EQ(waited, "");
  EXPECT_EQ(held.exit_code, 1) << held.out << held.err;
  std::optional<ReportRow> row = FindRow(held.out, "BatchRows");
  ASSERT_TRUE(row.has_value()) << held.out;
  EXPECT_THAT(row->result, HasWrappedSubstr("stayed over its load limit for 1s: "
                                            "Threads_running"));
  EXPECT_THAT(QueryDb(kModule,
                      "SELECT COUNT(*) FROM batch_items WHERE v = "
                      "id + 1"),
              ElementsAre("0"));
  EXPECT_EQ(RecordedVersion(kModule), "1");
  waiter.Release();

  testing::CommandResult r = Migrate(config, {"-n", kModule, "--migration", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(QueryDb(kModule, "SELECT SUM(v = id + 1) FROM batch_items"), ElementsAre("3000"));
}

TEST_F(BatchedDmlTest, AnUnbatchableBigStatementIsRefusedUnlessBlockingIsAllowed) {
  const std::string config = BatchConfig();
  AtOneAnalyzed(config);
  testing::CommandResult two = Migrate(config, {"-n", kModule, "--migration", "2"});
  ASSERT_EQ(two.exit_code, 0) << two.out << two.err;
  EXPECT_THAT(QueryDb(kModule, "SELECT SUM(v = id + 1) FROM batch_items"), ElementsAre("3000"));

  testing::CommandResult refused = Migrate(config, {"-n", kModule, "--migration", "3"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  std::optional<ReportRow> row = FindRow(refused.out, "BatchRows");
  ASSERT_TRUE(row.has_value()) << refused.out;
  EXPECT_THAT(row->result, HasWrappedSubstr("refused before anything ran"));
  EXPECT_THAT(row->result, HasWrappedSubstr("table batch_items"));
  EXPECT_THAT(row->result, HasWrappedSubstr("cannot run in chunks: it has ORDER"));
  EXPECT_THAT(row->result, HasWrappedSubstr("--allow-blocking"));
  EXPECT_EQ(RecordedVersion(kModule), "2");
  EXPECT_THAT(QueryDb(kModule, "SELECT COUNT(note) FROM batch_items"), ElementsAre("0"));

  testing::CommandResult allowed =
      Migrate(config, {"-n", kModule, "--migration", "3", "--allow-blocking"});
  ASSERT_EQ(allowed.exit_code, 0) << allowed.out << allowed.err;
  EXPECT_EQ(RecordedVersion(kModule), "3");
  EXPECT_THAT(QueryDb(kModule,
                      "SELECT COUNT(*) FROM batch_items WHERE note = "
                      "'first'"),
              ElementsAre("3000"));

  // The INSERT ... SELECT, batched over its source's key.
  testing::CommandResult copy = Migrate(config, {"-n", kModule, "--migration", "4"});
  ASSERT_EQ(copy.exit_code, 0) << copy.out << copy.err;
  EXPECT_EQ(RecordedVersion(kModule), "4");
  EXPECT_THAT(QueryDb(kModule,
                      "SELECT COUNT(*), SUM(c.v = 2 * i.v), MIN(c.id) FROM "
                      "batch_copy c JOIN batch_items i USING (id)"),
              ElementsAre("2991\t2991\t10"));
}

TEST_F(BatchedDmlTest, DryRunStatusAndJsonSayWhatBatchesAndWhyNot) {
  const std::string config = BatchConfig();
  AtOneAnalyzed(config);
  testing::CommandResult text = Migrate(config, {"--dry-run", "-n", kModule});
  ASSERT_EQ(text.exit_code, 0) << text.out << text.err;
  EXPECT_THAT(text.out, HasSubstr("chunks of its key id"));
  EXPECT_THAT(text.out, HasSubstr("not batchable: it has ORDER"));
  EXPECT_THAT(text.out, HasSubstr("refused: --allow-blocking"));

  testing::CommandResult status = Migrate(config, {"--status", "-n", kModule});
  std::vector<std::vector<std::string>> table = ParseTable(status.out, "DB status table");
  ASSERT_EQ(table.size(), 2u) << status.out;
  EXPECT_THAT(table[1].back(), HasWrappedSubstr("1->2 (batched: batch_items ~")) << status.out;
  EXPECT_THAT(table[1].back(), HasWrappedSubstr("chunks of id) 2->3 (refused: blocks writes: "
                                                "batch_items)"))
      << status.out;

  testing::CommandResult json = Migrate(config, {"--dry-run", "-n", kModule, "-f", "json"});
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
  const Json* three = Step(*doc, 3);
  ASSERT_NE(three, nullptr);
  const Json& d = three->at("ddl").at(0);
  EXPECT_EQ(JsonString(d.at("batch")), "not_batchable") << d.dump();
  EXPECT_TRUE(JsonBool(d.at("refused")));
  EXPECT_THAT(JsonString(d.at("note")), HasSubstr("ORDER"));
  EXPECT_EQ(JsonString(d.at("blocks")), "writes");
  // A trigger on the table: nothing batches.
  ASSERT_TRUE(server_->Execute("CREATE TRIGGER batch_items_noted BEFORE UPDATE ON batch_items "
                               "FOR EACH ROW SET NEW.note = NEW.note",
                               Db(kModule))
                  .ok());
  testing::CommandResult triggered =
      Migrate(config, {"--dry-run", "-n", kModule, "-f", "json", "--migration", "2"});
  absl::StatusOr<Json> with_trigger = ParseJson(triggered.out);
  ASSERT_TRUE(with_trigger.ok()) << triggered.out << triggered.err;
  const Json* bump = Step(*with_trigger, 2);
  ASSERT_NE(bump, nullptr) << triggered.out;
  EXPECT_EQ(JsonString(bump->at("ddl").at(0).at("batch")), "not_batchable");
  EXPECT_THAT(JsonString(bump->at("ddl").at(0).at("note")),
              HasSubstr("batch_items has triggers (batch_items_noted)"));
  const Json* five = Step(*doc, 5);  // assigns the key it would range over
  ASSERT_NE(five, nullptr);
  EXPECT_EQ(JsonString(five->at("ddl").at(0).at("batch")), "not_batchable");
  EXPECT_THAT(JsonString(five->at("ddl").at(0).at("note")), HasSubstr("it assigns the key id"));
}

}  // namespace
}  // namespace aos::e2e
