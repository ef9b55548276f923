// Issue 28's batched DML over composite and non-integer primary keys, end
// to end on the real MariaDB the fixture starts: a non-idempotent UPDATE
// over a (INT, VARCHAR) key and over a VARCHAR(36) key, SIGKILLed
// part-way and finished by the next run with every row changed exactly
// once; keys whose collation's order is not their bytes' order (case,
// trailing spaces, multibyte; a NO PAD collation with 'b', 'b ' and
// 'b  '; VARBINARY with zero bytes), each a chunk's boundary, changed
// once; --dry-run, --status and JSON naming the key's columns; what is
// still refused, with its reason.
//
// testdata/batch_keys_plugins (module batchkeys) says what each table and
// migration is. Each table keeps `v0`, the value `v` started with.
#include <signal.h>

#include <map>
#include <memory>
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

constexpr char kPlugin[] = "testdata/batch_keys_plugins/libbatchkeys.so";
constexpr char kModule[] = "batchkeys";

class BatchedKeysTest : public MigrateTest {
 protected:
  void SetUp() override {
    MigrateTest::SetUp();
    AddModules({kModule});
    dir_ = PluginDir({kPlugin});
  }

  std::string KeysConfig(const std::string& extra) { return Config(dir_, 0, extra); }

  void Analyze(const std::string& table) {
    ASSERT_TRUE(server_->Execute(absl::StrCat("ANALYZE TABLE ", table), Db(kModule)).ok());
  }

  // "<rows>\t<rows>": every row of `table` changed exactly once.
  std::string ChangedOnce(const std::string& table) {
    std::vector<std::string> r =
        QueryDb(kModule, absl::StrCat("SELECT COUNT(*), SUM(v = v0 + 1) FROM ", table));
    return r.size() == 1 ? r[0] : "";
  }

  // Kills the run of migration `version` (batched over `table`'s key,
  // `key` its columns, `signature` as the progress row records it) while
  // a chunk waits on a lock of the test's own on the row 1500 rows into
  // the key's order (`locate`: a query of the condition that names it),
  // after a chunk was committed. The rows changed then are exactly the
  // first ones in key order, each once; the next run changes the others.
  void KillPartWayThenFinish(const std::string& table, const std::string& key,
                             const std::string& signature, const std::string& locate, int version) {
    const std::string config =
        KeysConfig("blocking_max_rows = 1000\nbatch_chunk_rows = 10\nbatch_max_chunk_rows = 10\n");
    PrepareAt(config, kModule, 2);  // the tables, then the steps before
    Analyze(table);
    if (version > 3) {  // as written: only `version` is batched here
      testing::CommandResult before = Migrate(
          config, {"-n", kModule, "--migration", absl::StrCat(version - 1), "--allow-blocking"});
      ASSERT_EQ(before.exit_code, 0) << before.out << before.err;
    }
    std::vector<std::string> where = QueryDb(kModule, locate);
    ASSERT_EQ(where.size(), 1u);
    RowLock holder;
    ASSERT_EQ(holder.LockWhere(server_->port(), Db(kModule), table, where[0]), "");
    testing::StartedCommand run =
        testing::StartInNewProcessGroup({testing::Runfile("cli/aos-db-migrate"), "--config", config,
                                         "-n", kModule, "--migration", absl::StrCat(version)});
    ASSERT_GT(run.pid, 0);
    const bool committed =
        WaitForRow(kModule, "SELECT chunks > 0 FROM aos_migration_batches", "1", 180);
    const bool waiting = committed && WaitForRow(kModule,
                                                 "SELECT COUNT(*) FROM "
                                                 "information_schema.INNODB_TRX WHERE "
                                                 "trx_state = 'LOCK WAIT'",
                                                 "1", 180);
    testing::CommandResult killed = testing::KillProcessGroup(run, SIGKILL);
    ASSERT_TRUE(committed) << "no chunk was committed\n" << killed.out << killed.err;
    ASSERT_TRUE(waiting) << "the run never waited on the lock\n" << killed.out << killed.err;
    std::vector<std::string> progress =
        QueryDb(kModule, "SELECT chunks, rows_done, key_columns FROM aos_migration_batches");
    ASSERT_EQ(progress.size(), 1u);
    std::vector<std::string> cells = absl::StrSplit(progress[0], '\t');
    ASSERT_EQ(cells.size(), 3u);
    int64_t chunks = 0;
    ASSERT_TRUE(absl::SimpleAtoi(cells[0], &chunks));
    EXPECT_GT(chunks, 0);
    EXPECT_EQ(cells[2], signature);
    // The rows changed: exactly the first rows_done in key order, each
    // once; the locked row's chunk was rolled back by the kill.
    EXPECT_THAT(QueryDb(kModule, absl::StrCat("SELECT SUM(v = v0 + 1), "
                                              "COALESCE(MAX(IF(v = v0 + 1, r, 0)), 0), "
                                              "SUM(v NOT IN (v0, v0 + 1)) FROM (SELECT v, v0, "
                                              "ROW_NUMBER() OVER (ORDER BY ",
                                              key, ") AS r FROM ", table, ") AS ranked")),
                ElementsAre(absl::StrCat(cells[1], "\t", cells[1], "\t0")));
    EXPECT_EQ(RecordedVersion(kModule), absl::StrCat(version - 1));
    holder.Release();

    testing::CommandResult r =
        Migrate(config, {"-n", kModule, "--migration", absl::StrCat(version), "-v"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(RecordedVersion(kModule), absl::StrCat(version));
    const std::string all = QueryDb(kModule, absl::StrCat("SELECT COUNT(*) FROM ", table))[0];
    EXPECT_EQ(ChangedOnce(table), absl::StrCat(all, "\t", all));
    EXPECT_THAT(QueryDb(kModule, "SELECT COUNT(*) FROM aos_migration_batches"), ElementsAre("0"));
  }

  std::string dir_;
};

TEST_F(BatchedKeysTest, ACompositeKeyKilledPartWayIsFinishedWithEveryRowChangedOnce) {
  KillPartWayThenFinish(
      "batch_tasks", "project_id, name", "project_id int(11), name varchar(40) utf8mb4_unicode_ci",
      "SELECT CONCAT('project_id = ', project_id, ' AND name = CONVERT(UNHEX(''', HEX(name), "
      "''') USING utf8mb4) COLLATE utf8mb4_unicode_ci') FROM batch_tasks ORDER BY project_id, "
      "name LIMIT 1 OFFSET 1500",
      3);
}

TEST_F(BatchedKeysTest, AVarcharKeyKilledPartWayIsFinishedWithEveryRowChangedOnce) {
  KillPartWayThenFinish("batch_tokens", "id", "id varchar(36) latin1_swedish_ci",
                        "SELECT CONCAT('id = ''', id, '''') FROM batch_tokens ORDER BY id "
                        "LIMIT 1 OFFSET 1500",
                        4);
}

// Chunks of one row over keys whose collation's order is not their bytes'
// order: every key is a chunk's boundary, read back and compared exactly.
// A lock of the test's own on each table's last row (in key order) stops
// its statement near its end: by then every row it changed must have
// been a chunk of its own, changed once, in key order; released, the
// statement ends.
TEST_F(BatchedKeysTest, KeysOfEveryCollationAndBytesAreEachChangedOnce) {
  const std::string config =
      KeysConfig("blocking_max_rows = 5\nbatch_chunk_rows = 1\nbatch_max_chunk_rows = 1\n");
  PrepareAt(config, kModule, 1);
  struct Small {
    const char* table;
    const char* last;  // a query of the condition naming its last row
    int rows;
  };
  const std::vector<Small> smalls = {
      {"batch_names",
       "SELECT CONCAT('k = CONVERT(UNHEX(''', HEX(k), ''') USING utf8mb4) COLLATE "
       "utf8mb4_unicode_ci') FROM batch_names ORDER BY k DESC LIMIT 1",
       12},
      {"batch_nopad",
       "SELECT CONCAT('k = CONVERT(UNHEX(''', HEX(k), ''') USING utf8mb4) COLLATE "
       "utf8mb4_nopad_bin') FROM batch_nopad ORDER BY k DESC LIMIT 1",
       9},
      {"batch_bytes",
       "SELECT CONCAT('k = UNHEX(''', HEX(k), ''')') FROM batch_bytes ORDER BY k DESC LIMIT 1", 8}};
  std::vector<std::unique_ptr<RowLock>> locks;
  for (const Small& s : smalls) {
    Analyze(s.table);
    std::vector<std::string> where = QueryDb(kModule, s.last);
    ASSERT_EQ(where.size(), 1u);
    locks.push_back(std::make_unique<RowLock>());
    ASSERT_EQ(locks.back()->LockWhere(server_->port(), Db(kModule), s.table, where[0]), "");
  }
  testing::CommandResult plan =
      Migrate(config, {"--dry-run", "-n", kModule, "-f", "json", "--migration", "2"});
  absl::StatusOr<Json> doc = ParseJson(plan.out);
  ASSERT_TRUE(doc.ok()) << doc.status() << plan.out << plan.err;
  const Json& step = doc->at("modules").at(0).at("steps").at(0);
  ASSERT_EQ(step.at("ddl").size(), 3u) << step.dump();
  for (const Json& d : step.at("ddl")) {
    EXPECT_EQ(JsonString(d.at("batch")), "batched") << d.dump();
  }

  testing::CommandResult r;
  std::thread run([&] { r = Migrate(config, {"-n", kModule, "--migration", "2"}); });
  for (size_t i = 0; i < smalls.size(); ++i) {
    const Small& s = smalls[i];
    // Stopped by the lock: in the last chunk, or the one before (InnoDB
    // locks the record after a range's end too).
    const bool stopped =
        WaitForRow(kModule, "SELECT statement FROM aos_migration_batches", absl::StrCat(i + 1),
                   120) &&
        WaitForRow(kModule,
                   "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = "
                   "'LOCK WAIT'",
                   "1", 120);
    EXPECT_TRUE(stopped) << s.table << ": its statement never waited on the lock";
    std::vector<std::string> progress =
        QueryDb(kModule, "SELECT chunks, rows_done FROM aos_migration_batches");
    int64_t chunks = 0;
    if (stopped && progress.size() == 1) {
      std::vector<std::string> cells = absl::StrSplit(progress[0], '\t');
      EXPECT_EQ(cells[1], cells[0]) << s.table << ": chunks of one row each";
      EXPECT_TRUE(absl::SimpleAtoi(cells[0], &chunks));
      EXPECT_GE(chunks, s.rows - 2) << s.table;
      // Those rows: the first in key order, each changed once.
      EXPECT_THAT(QueryDb(kModule, absl::StrCat("SELECT SUM(v = v0 + 1), COALESCE(MAX(IF(v = "
                                                "v0 + 1, r, 0)), 0) FROM (SELECT v, v0, "
                                                "ROW_NUMBER() OVER (ORDER BY k) AS r FROM ",
                                                s.table, ") AS ranked")),
                  ElementsAre(absl::StrCat(chunks, "\t", chunks)))
          << s.table;
    }
    if (!stopped) {
      for (std::unique_ptr<RowLock>& l : locks) l->Release();
    }
    locks[i]->Release();
  }
  run.join();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(ChangedOnce("batch_names"), "12\t12");
  EXPECT_EQ(ChangedOnce("batch_nopad"), "9\t9");
  EXPECT_EQ(ChangedOnce("batch_bytes"), "8\t8");
  EXPECT_THAT(QueryDb(kModule, "SELECT COUNT(*) FROM aos_migration_batches"), ElementsAre("0"));
}

TEST_F(BatchedKeysTest, DryRunStatusAndJsonNameTheKeyAndWhatIsStillRefused) {
  const std::string config = KeysConfig("blocking_max_rows = 1000\n");
  PrepareAt(config, kModule, 2);
  for (const char* table : {"batch_tasks", "batch_tokens", "batch_heap", "batch_floats"}) {
    Analyze(table);
  }
  testing::CommandResult text = Migrate(config, {"--dry-run", "-n", kModule});
  ASSERT_EQ(text.exit_code, 0) << text.out << text.err;
  EXPECT_THAT(text.out, HasSubstr("chunks of its key (project_id, name)"));
  EXPECT_THAT(text.out, HasSubstr("chunks of its key id,"));

  testing::CommandResult status = Migrate(config, {"--status", "-n", kModule});
  std::vector<std::vector<std::string>> table = ParseTable(status.out, "DB status table");
  ASSERT_EQ(table.size(), 2u) << status.out;
  EXPECT_THAT(table[1].back(), HasWrappedSubstr("chunks of (project_id, name))")) << status.out;
  EXPECT_THAT(table[1].back(), HasWrappedSubstr("chunks of id)")) << status.out;

  testing::CommandResult json = Migrate(config, {"--dry-run", "-n", kModule, "-f", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.out << json.err;
  absl::StatusOr<Json> doc = ParseJson(json.out);
  ASSERT_TRUE(doc.ok()) << doc.status() << json.out;
  std::map<int64_t, Json> ddl;  // by version: the step's one statement
  for (const Json& s : doc->at("modules").at(0).at("steps")) {
    ASSERT_EQ(s.at("ddl").size(), 1u) << s.dump();
    ddl[JsonInt(s.at("version"))] = s.at("ddl").at(0);
  }
  const Json& tasks = ddl[3];
  EXPECT_EQ(JsonString(tasks.at("batch")), "batched") << tasks.dump();
  EXPECT_EQ(JsonString(tasks.at("key")), "(project_id, name)");
  EXPECT_EQ(tasks.at("key_columns"), Json::parse(R"(["project_id", "name"])"));
  EXPECT_GE(JsonInt(tasks.at("chunks")), 2);
  EXPECT_FALSE(JsonBool(tasks.at("refused")));
  EXPECT_EQ(JsonString(ddl[4].at("batch")), "batched") << ddl[4].dump();
  EXPECT_EQ(ddl[4].at("key_columns"), Json::parse(R"(["id"])"));
  const std::map<int64_t, std::string> refused = {
      {5, "it assigns the key name of (project_id, name)"},
      {6, "batch_heap has no primary key to range over"},
      {7, "batch_floats's primary key column f is double, an approximate number"}};
  for (const auto& [version, why] : refused) {
    const Json& d = ddl[version];
    EXPECT_EQ(JsonString(d.at("batch")), "not_batchable") << d.dump();
    EXPECT_THAT(JsonString(d.at("note")), HasSubstr(why));
    EXPECT_TRUE(JsonBool(d.at("refused")));
  }
}

}  // namespace
}  // namespace aos::e2e
