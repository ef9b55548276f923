// The blocking-DDL gate (issue 17) end to end, on the real MariaDB the
// fixture starts: what each kind of ALTER TABLE costs, as the server says
// (--dry-run, --status, -f json), the refusal of a step that would block
// writes to a big table before anything of the run is applied,
// --allow-blocking, --online through pt-online-schema-change while another
// session writes, where --online is refused, and an ALTER behind another
// session's metadata lock; and the same view on PostgreSQL (its own private
// server) and SQLite.
//
// testdata/ddl_plugins (module ddlevents): migration 1 makes `events`;
// 2 adds a nullable column at the end (instant); 3 adds an index (in-place);
// 4 shortens a column (copy); 5 changes the primary key (in-place); 6 drops a
// column (instant); 7 adds a FULLTEXT index (in-place, locks writes). The
// configs lower the limit to blocking_max_rows = 1000, and a "big" table has
// 4,096 rows (ANALYZEd, so the server's estimate is current).
#include <libpq-fe.h>
#include <mysql/mysql.h>
#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/notify_listener.h"
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

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

constexpr char kPlugin[] = "testdata/ddl_plugins/libddlevents.so";
constexpr char kModule[] = "ddlevents";
constexpr char kName[] = "DdlEvents";
constexpr char kLimit[] = "blocking_max_rows = 1000\n";

// A plain client connection of the test's own (libmariadb): another
// session beside the tool's.

class Client {
 public:
  Client() = default;
  ~Client() {
    if (m_ != nullptr) mysql_close(m_);
  }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // root over TCP on 127.0.0.1:port, database `db`. Its statements wait at
  // most 60 s for a lock, so that a test never hangs on one.
  absl::Status Connect(int port, const std::string& db) {
    m_ = mysql_init(nullptr);
    if (m_ == nullptr) return absl::InternalError("mysql_init");
    unsigned int timeout = 10;
    mysql_options(m_, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    if (mysql_real_connect(m_, "127.0.0.1", "root", nullptr, db.c_str(), port,
                           nullptr, 0) == nullptr) {
      return absl::UnavailableError(
          absl::StrCat("(", mysql_errno(m_), ") ", mysql_error(m_)));
    }
    unsigned int error = Execute(
        "SET SESSION lock_wait_timeout = 60, innodb_lock_wait_timeout = 60");
    if (error != 0) return absl::InternalError(last_error_);
    return absl::OkStatus();
  }

  // Runs one statement and discards any rows: 0, or the server's error
  // number (last_error() has its text).
  unsigned int Execute(const std::string& sql) {
    if (mysql_real_query(m_, sql.data(), sql.size()) != 0) {
      last_error_ = absl::StrCat("(", mysql_errno(m_), ") ", mysql_error(m_),
                                 " in: ", sql);
      return mysql_errno(m_);
    }
    affected_rows_ = mysql_affected_rows(m_);
    insert_id_ = mysql_insert_id(m_);
    MYSQL_RES* res = mysql_store_result(m_);
    if (res != nullptr) mysql_free_result(res);
    return 0;
  }

  // Rows of a query, columns joined by tab, NULL as "NULL".
  absl::StatusOr<std::vector<std::string>> Query(const std::string& sql) {
    if (mysql_real_query(m_, sql.data(), sql.size()) != 0) {
      return absl::InternalError(absl::StrCat("(", mysql_errno(m_), ") ",
                                              mysql_error(m_), " in: ", sql));
    }
    std::vector<std::string> rows;
    MYSQL_RES* res = mysql_store_result(m_);
    if (res == nullptr) return rows;
    unsigned int n = mysql_num_fields(res);
    while (MYSQL_ROW row = mysql_fetch_row(res)) {
      std::vector<std::string> cells;
      for (unsigned int i = 0; i < n; ++i) {
        cells.push_back(row[i] != nullptr ? row[i] : "NULL");
      }
      rows.push_back(absl::StrJoin(cells, "\t"));
    }
    mysql_free_result(res);
    return rows;
  }

  uint64_t affected_rows() const { return affected_rows_; }
  uint64_t insert_id() const { return insert_id_; }
  const std::string& last_error() const { return last_error_; }

 private:
  MYSQL* m_ = nullptr;
  uint64_t affected_rows_ = 0;
  uint64_t insert_id_ = 0;
  std::string last_error_;
};


// A writer on a connection of its own: inserts a row, then adds 1 to the
// amount of a random known row, and so on, about every 2 ms, until Stop().
// It keeps what it knows committed: every row's expected amount. A
// statement the server rolled back (deadlock, lock wait timeout) changed
// nothing and is simply not counted; any other error is kept, to be shown.
class Writer {
 public:
  // `rows`: the table's rows before it starts (id -> amount).
  explicit Writer(std::map<int64_t, int64_t> rows) : expected_(std::move(rows)) {
    for (const auto& [id, amount] : expected_) ids_.push_back(id);
  }
  ~Writer() { Stop(); }

  absl::Status Start(int port, const std::string& db) {
    absl::Status st = client_.Connect(port, db);
    if (!st.ok()) return st;
    absl::StatusOr<std::vector<std::string>> id =
        client_.Query("SELECT CONNECTION_ID()");
    if (!id.ok() || id->size() != 1) return absl::InternalError("CONNECTION_ID");
    connection_id_ = (*id)[0];
    thread_ = std::thread([this] { Loop(); });
    return absl::OkStatus();
  }

  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }

  int64_t committed() const { return committed_; }
  // Its session on the server.
  const std::string& connection_id() const { return connection_id_; }
  // After Stop().
  const std::map<int64_t, int64_t>& expected() const { return expected_; }
  const std::vector<std::string>& errors() const { return errors_; }
  int64_t rolled_back() const { return rolled_back_; }

 private:
  void Loop() {
    std::mt19937 random(17);
    for (int64_t i = 1; !stop_; ++i) {
      if (i % 2 == 1) {
        unsigned int error = client_.Execute(absl::StrCat(
            "INSERT INTO events (kind, payload, amount, created) VALUES "
            "('w', 'w", i, "', ", i, ", NOW())"));
        if (error == 0) {
          expected_[client_.insert_id()] = i;
          ids_.push_back(client_.insert_id());
          ++committed_;
        } else {
          Failed(error);
        }
      } else if (!ids_.empty()) {
        int64_t id = ids_[random() % ids_.size()];
        unsigned int error = client_.Execute(
            absl::StrCat("UPDATE events SET amount = amount + 1 WHERE id = ", id));
        if (error == 0 && client_.affected_rows() == 1) {
          ++expected_[id];
          ++committed_;
        } else if (error == 0) {
          errors_.push_back(absl::StrCat("row ", id, " was not found"));
        } else {
          Failed(error);
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));  // the rate
    }
  }

  void Failed(unsigned int error) {
    if (error == 1213 || error == 1205) {  // rolled back: nothing changed
      ++rolled_back_;
    } else {
      errors_.push_back(client_.last_error());
    }
  }

  Client client_;
  std::string connection_id_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> committed_{0};
  std::map<int64_t, int64_t> expected_;
  std::vector<int64_t> ids_;
  std::vector<std::string> errors_;
  int64_t rolled_back_ = 0;
};

// The algorithm and blocking of each migration's ALTER on a standalone
// server (null: blocks nothing).
struct Kind {
  int version;
  const char* algorithm;
  const char* blocks;
};
constexpr Kind kKinds[] = {
    {2, "instant", nullptr},            // ADD COLUMN note ... NULL (at the end)
    {3, "inplace", nullptr},            // ADD INDEX
    {4, "copy", "writes"},              // MODIFY kind VARCHAR(20) -> (10)
    {5, "inplace", nullptr},            // DROP PRIMARY KEY, ADD PRIMARY KEY
    {6, "instant", nullptr},            // DROP COLUMN
    {7, "inplace_locks_writes", "writes"},  // the first FULLTEXT index
};

class BlockingDdlTest : public MigrateTest {
 protected:
  void SetUp() override {
    MigrateTest::SetUp();
    AddModules({kModule});
    plugins_ = PluginDir({kPlugin});
  }

  void TearDown() override {
    (void)server_->Execute("SET GLOBAL general_log = OFF");
  }

  // The server's general log, as a table (mysql.general_log), from now on:
  // it shows what the tool, pt-osc and the test's own sessions sent.
  void StartGeneralLog() {
    absl::Status st = server_->Execute(
        "SET GLOBAL general_log = OFF; SET GLOBAL log_output = 'TABLE'; "
        "TRUNCATE mysql.general_log; SET GLOBAL general_log = ON");
    ASSERT_TRUE(st.ok()) << st;
  }

  // A config with blocking_max_rows = 1000 and `extra` in [DEFAULT].
  std::string Conf(const std::string& extra = "") {
    return Config(plugins_, 0, absl::StrCat(kLimit, extra));
  }

  // Brings the module to `version` and fills `events` with 2^doublings
  // rows (kind 'fill', amount 1), then ANALYZEs it.
  void PrepareFilled(int version, int doublings) {
    ASSERT_NO_FATAL_FAILURE(PrepareAt(Conf(), kModule, version));
    absl::Status st = server_->Execute(
        "INSERT INTO events (kind, payload, amount, created) VALUES "
        "('fill', 'p', 1, NOW())",
        Db(kModule));
    ASSERT_TRUE(st.ok()) << st;
    for (int i = 0; i < doublings; ++i) {
      st = server_->Execute(
          "INSERT INTO events (kind, payload, amount, created) SELECT kind, "
          "payload, amount, created FROM events",
          Db(kModule));
      ASSERT_TRUE(st.ok()) << st;
    }
    st = server_->Execute("ANALYZE TABLE events", Db(kModule));
    ASSERT_TRUE(st.ok()) << st;
    ASSERT_THAT(QueryDb(kModule, "SELECT COUNT(*) FROM events"),
                ElementsAre(std::to_string(1 << doublings)));
  }

  // A big table: 4,096 rows, four times the configured limit.
  void PrepareBig(int version) {
    ASSERT_NO_FATAL_FAILURE(PrepareFilled(version, 12));
    ASSERT_GE(TableRows(), 2000) << "the server's estimate is far off";
  }

  // information_schema.TABLES' estimate for `events`.
  int64_t TableRows() {
    return Number("SELECT TABLE_ROWS FROM information_schema.TABLES WHERE "
                  "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'events'");
  }
  int64_t TableBytes() {
    return Number("SELECT DATA_LENGTH + INDEX_LENGTH FROM "
                  "information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                  "AND TABLE_NAME = 'events'");
  }
  int64_t Number(const std::string& sql) {
    std::vector<std::string> rows = QueryDb(kModule, sql);
    int64_t n = -1;
    EXPECT_TRUE(rows.size() == 1 && absl::SimpleAtoi(rows[0], &n)) << sql;
    return n;
  }

  // The rows of `events`: id -> amount.
  std::map<int64_t, int64_t> Rows() {
    std::map<int64_t, int64_t> rows;
    for (const std::string& line :
         QueryDb(kModule, "SELECT id, amount FROM events ORDER BY id")) {
      std::vector<std::string> cells = absl::StrSplit(line, '\t');
      int64_t id = 0, amount = 0;
      EXPECT_TRUE(cells.size() == 2 && absl::SimpleAtoi(cells[0], &id) &&
                  absl::SimpleAtoi(cells[1], &amount))
          << line;
      rows[id] = amount;
    }
    return rows;
  }

  // Every write the (stopped) writer saw committed is in `events`, once;
  // nothing else is: row by row, then as one checksum.
  void ExpectEveryWriteKept(const Writer& writer) {
    EXPECT_THAT(writer.errors(), IsEmpty());
    std::map<int64_t, int64_t> actual = Rows();
    std::vector<std::string> diffs;
    for (const auto& [id, amount] : writer.expected()) {
      auto it = actual.find(id);
      if (it == actual.end()) {
        diffs.push_back(absl::StrCat("row ", id, " lost"));
      } else if (it->second != amount) {
        diffs.push_back(absl::StrCat("row ", id, ": amount ", it->second,
                                     ", expected ", amount));
      }
    }
    for (const auto& [id, amount] : actual) {
      if (writer.expected().count(id) == 0) {
        diffs.push_back(absl::StrCat("row ", id, " not written by anyone"));
      }
    }
    EXPECT_EQ(actual.size(), writer.expected().size());
    EXPECT_THAT(diffs, IsEmpty()) << diffs.size() << " differences; "
                                  << writer.committed() << " writes committed, "
                                  << writer.rolled_back() << " rolled back";
    int64_t sum = 0, id_sum = 0;
    for (const auto& [id, amount] : writer.expected()) {
      sum += amount;
      id_sum += id;
    }
    EXPECT_THAT(
        QueryDb(kModule, "SELECT COUNT(*), SUM(amount), SUM(id) FROM events"),
        ElementsAre(absl::StrCat(writer.expected().size(), "\t", sum, "\t",
                                 id_sum)));
  }

  std::string ShowCreate() {
    std::vector<std::string> rows = QueryDb(kModule, "SHOW CREATE TABLE events");
    return rows.empty() ? "" : rows[0];
  }

  // Every table of the module's database whose name starts with '_' (a
  // probe clone, pt-osc's _events_new / _events_old) and every trigger.
  std::vector<std::string> Leftovers() {
    std::vector<std::string> left = QueryDb(
        kModule,
        "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA "
        "= DATABASE() AND TABLE_NAME LIKE '\\_%' ORDER BY TABLE_NAME");
    for (const std::string& t : QueryDb(
             kModule,
             "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE "
             "TRIGGER_SCHEMA = DATABASE()")) {
      left.push_back("trigger " + t);
    }
    return left;
  }

  // The rows of aos_migration_history: "version outcome".
  std::vector<std::string> History() {
    return QueryDb(kModule,
                   "SELECT version, outcome FROM aos_migration_history ORDER BY id");
  }

  // Runs with -f json and returns the document (fails the test if it is
  // not JSON).
  Json RunJson(const std::string& config, std::vector<std::string> args,
               testing::CommandResult* result = nullptr) {
    args.insert(args.begin(), {"-n", kModule, "-f", "json"});
    testing::CommandResult r = Migrate(config, args);
    if (result != nullptr) *result = r;
    absl::StatusOr<Json> doc = ParseJson(r.out);
    EXPECT_TRUE(doc.ok()) << doc.status() << "\n" << r.out << r.err;
    return doc.ok() ? *doc : Json();
  }

  // The step object of `version` in a module's "steps" (or "pending").
  static const Json* Step(const Json& steps, int version) {
    if (!steps.is_array()) return nullptr;
    for (const Json& s : steps) {
      if (s.contains("version") && s.at("version") == version) return &s;
    }
    return nullptr;
  }

  // Checks that a step has exactly one "ddl" entry, on `events`, as
  // `kind` says, with `refused` and `online`, and rows/bytes as the server
  // gives them.
  void ExpectDdl(const Json& step, const Kind& kind, bool refused, bool online) {
    SCOPED_TRACE(absl::StrCat("migration ", kind.version, ": ", step.dump()));
    ASSERT_TRUE(step.contains("ddl"));
    const std::vector<Json>& ddl = JsonArray(step.at("ddl"));
    ASSERT_EQ(ddl.size(), 1u);
    const Json& d = ddl[0];
    EXPECT_THAT(Keys(d), ElementsAre("statement", "table", "rows", "bytes",
                                     "algorithm", "blocks", "refused",
                                     "online", "note"));
    // A reason only when the algorithm is unknown or online is refused.
    EXPECT_TRUE(d.at("note").is_null());
    EXPECT_EQ(JsonInt(d.at("statement")), 1);
    EXPECT_EQ(JsonString(d.at("table")), "events");
    EXPECT_EQ(JsonInt(d.at("rows")), TableRows());
    EXPECT_EQ(JsonInt(d.at("bytes")), TableBytes());
    EXPECT_EQ(JsonString(d.at("algorithm")), kind.algorithm);
    if (kind.blocks == nullptr) {
      EXPECT_TRUE(d.at("blocks").is_null());
    } else {
      EXPECT_EQ(JsonString(d.at("blocks")), kind.blocks);
    }
    EXPECT_EQ(JsonBool(d.at("refused")), refused);
    EXPECT_EQ(JsonBool(d.at("online")), online);
  }

  // The "-- cost: " line of each step of a --dry-run text, by version (the
  // line right after the step's "-- upgrade A -> B (...)" header, which must
  // be followed by the step's statement).
  static std::map<int, std::string> CostLines(const std::string& out) {
    std::map<int, std::string> cost;
    std::vector<std::string> lines = absl::StrSplit(out, '\n');
    int version = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
      const std::string& line = lines[i];
      if (absl::StartsWith(line, "-- upgrade ")) {
        std::vector<std::string> words = absl::StrSplit(line, ' ');
        if (words.size() < 5 || !absl::SimpleAtoi(words[4], &version)) version = 0;
      } else if (absl::StartsWith(line, "-- cost: ")) {
        EXPECT_EQ(cost.count(version), 0u) << "two cost lines for " << version;
        cost[version] = line;
        // (The pre-flight's lines of the same statement may come between.)
        size_t next = i + 1;
        while (next < lines.size() &&
               absl::StartsWith(lines[next], "-- pre-flight: ")) {
          ++next;
        }
        EXPECT_TRUE(next < lines.size() &&
                    absl::StartsWith(lines[next], "ALTER TABLE events"))
            << "the cost line is not right before its statement:\n" << out;
      }
    }
    return cost;
  }

  // Expects a run that fails the module before it applied anything: FAIL
  // with `needles` in its (-v) text, version and schema as they were.
  void ExpectRefused(const std::string& config,
                     const std::vector<std::string>& args,
                     const std::vector<std::string>& needles) {
    const std::string version = RecordedVersion(kModule);
    const std::string schema = ShowCreate();
    const std::vector<std::string> history = History();
    std::vector<std::string> argv = {"-n", kModule, "-v"};
    argv.insert(argv.end(), args.begin(), args.end());
    testing::CommandResult r = Migrate(config, argv);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    std::optional<ReportRow> row = FindRow(r.out, kName);
    ASSERT_TRUE(row.has_value()) << r.out << r.err;
    EXPECT_EQ(row->status, "FAIL") << r.out;
    for (const std::string& needle : needles) {
      EXPECT_THAT(row->result, HasWrappedSubstr(needle)) << r.out;
    }
    EXPECT_EQ(RecordedVersion(kModule), version);
    EXPECT_EQ(ShowCreate(), schema);
    EXPECT_EQ(History(), history) << "a step was started";
    EXPECT_THAT(Leftovers(), IsEmpty());
  }

  std::string plugins_;
};

// --- what each ALTER costs ---------------------------------------------------

TEST_F(BlockingDdlTest, DryRunJsonClassifiesEachKindOfAlterOnTheServer) {
  ASSERT_NO_FATAL_FAILURE(PrepareBig(1));
  const std::string schema = ShowCreate();

  // Over the limit: the two that block are refused.
  Json doc = RunJson(Conf(), {"--dry-run"});
  ASSERT_TRUE(doc.contains("modules")) << doc.dump();
  const Json& steps = doc.at("modules").at(0).at("steps");
  ASSERT_EQ(JsonArray(steps).size(), 6u) << doc.dump();
  for (const Kind& kind : kKinds) {
    const Json* step = Step(steps, kind.version);
    ASSERT_NE(step, nullptr) << kind.version;
    ExpectDdl(*step, kind, /*refused=*/kind.blocks != nullptr, /*online=*/false);
  }

  // Under a higher limit: the same costs, nothing refused.
  Json relaxed = RunJson(Config(plugins_, 0, "blocking_max_rows = 100000000\n"),
                         {"--dry-run"});
  ASSERT_TRUE(relaxed.contains("modules")) << relaxed.dump();
  for (const Kind& kind : kKinds) {
    const Json* step = Step(relaxed.at("modules").at(0).at("steps"), kind.version);
    ASSERT_NE(step, nullptr) << kind.version;
    ExpectDdl(*step, kind, /*refused=*/false, /*online=*/false);
  }

  // With --online, the refused ALTERs would run through pt-osc.
  Json online = RunJson(Conf(), {"--dry-run", "--online"});
  ASSERT_TRUE(online.contains("modules")) << online.dump();
  for (const Kind& kind : kKinds) {
    const Json* step = Step(online.at("modules").at(0).at("steps"), kind.version);
    ASSERT_NE(step, nullptr) << kind.version;
    ASSERT_TRUE(step->contains("ddl")) << step->dump();
    ASSERT_EQ(JsonArray(step->at("ddl")).size(), 1u) << step->dump();
    EXPECT_EQ(JsonBool(step->at("ddl").at(0).at("online")), kind.blocks != nullptr)
        << step->dump();
  }

  // The views applied nothing and left no probe table behind.
  EXPECT_EQ(RecordedVersion(kModule), "1");
  EXPECT_EQ(ShowCreate(), schema);
  EXPECT_THAT(Leftovers(), IsEmpty());
}

TEST_F(BlockingDdlTest, TablesCreatedInTheRunAreNeverRefused) {
  // From version 0 `events` is made by migration 1 of the same run: its
  // ALTERs are not assessed on the server (not listed, or listed with
  // rows/bytes null) and never refused.
  Json doc = RunJson(Conf(), {"--dry-run"});
  ASSERT_TRUE(doc.contains("modules")) << doc.dump();
  const Json& steps = doc.at("modules").at(0).at("steps");
  ASSERT_EQ(JsonArray(steps).size(), 7u) << doc.dump();
  for (const Json& step : JsonArray(steps)) {
    if (!step.contains("ddl")) continue;
    for (const Json& d : JsonArray(step.at("ddl"))) {
      EXPECT_TRUE(d.at("rows").is_null()) << step.dump();
      EXPECT_TRUE(d.at("bytes").is_null()) << step.dump();
      EXPECT_FALSE(JsonBool(d.at("refused"))) << step.dump();
    }
  }
  testing::CommandResult r = Migrate(Conf(), {"-n", kModule, "-v"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(RecordedVersion(kModule), "7");
  EXPECT_THAT(Leftovers(), IsEmpty());
}

TEST_F(BlockingDdlTest, DryRunTextHasACostLineBeforeEachAlter) {
  ASSERT_NO_FATAL_FAILURE(PrepareBig(1));
  testing::CommandResult r = Migrate(Conf(), {"-n", kModule, "--dry-run"});
  std::map<int, std::string> cost = CostLines(r.out);
  ASSERT_EQ(cost.size(), 6u) << r.out << r.err;
  const std::string prefix = absl::StrCat("-- cost: table events (~", TableRows(),
                                          " rows, ");
  for (const auto& [version, line] : cost) {
    EXPECT_THAT(line, StartsWith(prefix)) << version;
  }
  EXPECT_THAT(cost[2], HasSubstr("instant, blocks nothing"));
  EXPECT_THAT(cost[3], AllOf(HasSubstr("in-place"), HasSubstr("blocks nothing"),
                             Not(HasSubstr("locks writes"))));
  EXPECT_THAT(cost[4], AllOf(HasSubstr("copy (the table is rebuilt)"),
                             HasSubstr("blocks writes to events"),
                             HasSubstr("refused"), HasSubstr("--online"),
                             HasSubstr("--allow-blocking")));
  EXPECT_THAT(cost[5], AllOf(HasSubstr("in-place"), HasSubstr("blocks nothing")));
  EXPECT_THAT(cost[6], HasSubstr("instant, blocks nothing"));
  EXPECT_THAT(cost[7], AllOf(HasSubstr("in-place, locks writes"),
                             HasSubstr("blocks writes to events"),
                             HasSubstr("refused")));
  for (int v : {2, 3, 5, 6}) {
    EXPECT_THAT(cost[v], Not(HasSubstr("refused"))) << v;
  }

  testing::CommandResult online =
      Migrate(Conf(), {"-n", kModule, "--dry-run", "--online"});
  std::map<int, std::string> online_cost = CostLines(online.out);
  ASSERT_EQ(online_cost.size(), 6u) << online.out << online.err;
  EXPECT_THAT(online_cost[4],
              HasSubstr("runs online through pt-online-schema-change"));
  EXPECT_THAT(online_cost[2],
              Not(HasSubstr("runs online through pt-online-schema-change")));
  EXPECT_EQ(RecordedVersion(kModule), "1");
}

// Issue 28: what the server's own settings will cost the writers of an
// online copy is said beside the statement. The fixture's server has
// MariaDB's default innodb_autoinc_lock_mode (1) and a 16 MiB buffer pool,
// which 131,072 rows and their copy outgrow.
TEST_F(BlockingDdlTest, OnlineDryRunNamesTheServerSettingsThatSlowWriters) {
  ASSERT_NO_FATAL_FAILURE(PrepareFilled(3, 17));
  ASSERT_GT(2 * TableBytes(), 16 << 20) << "the table is too small for the check";
  testing::CommandResult r =
      Migrate(Conf(), {"-n", kModule, "--dry-run", "--online", "--migration", "4"});
  std::map<int, std::string> cost = CostLines(r.out);
  ASSERT_EQ(cost.count(4), 1u) << r.out << r.err;
  EXPECT_THAT(cost[4], AllOf(HasSubstr("runs online through pt-online-schema-change; warning:"),
                             HasSubstr("innodb_autoinc_lock_mode is 1"),
                             HasSubstr("innodb_autoinc_lock_mode = 2"),
                             HasSubstr("do not fit in innodb_buffer_pool_size")))
      << cost[4];
  Json doc = RunJson(Conf(), {"--dry-run", "--online", "--migration", "4"});
  const Json* step = Step(doc.at("modules").at(0).at("steps"), 4);
  ASSERT_NE(step, nullptr) << doc.dump();
  EXPECT_THAT(JsonString(step->at("ddl").at(0).at("note")),
              HasSubstr("innodb_autoinc_lock_mode is 1"));
  // Without --online the refusal says nothing of them.
  testing::CommandResult plain = Migrate(Conf(), {"-n", kModule, "--dry-run", "--migration", "4"});
  EXPECT_THAT(plain.out, Not(HasSubstr("innodb_autoinc_lock_mode"))) << plain.out;
  EXPECT_EQ(RecordedVersion(kModule), "3");
}

TEST_F(BlockingDdlTest, StatusFlagsPendingStepsThatBlock) {
  ASSERT_NO_FATAL_FAILURE(PrepareBig(3));
  auto note = [&](const std::string& config) {
    testing::CommandResult r = Migrate(config, {"-n", kModule, "--status"});
    std::vector<std::vector<std::string>> rows = ParseTable(r.out, "DB status table");
    EXPECT_EQ(rows.size(), 2u) << r.out << r.err;
    return rows.size() == 2 && rows[1].size() == 6 ? rows[1][5] : r.out;
  };
  EXPECT_THAT(note(Conf()), HasSubstr("refused: blocks writes: events"));
  std::string relaxed = note(Config(plugins_, 0, "blocking_max_rows = 100000000\n"));
  EXPECT_THAT(relaxed, HasSubstr("blocks writes: events"));
  EXPECT_THAT(relaxed, Not(HasSubstr("refused")));

  Json doc = RunJson(Conf(), {"--status"});
  ASSERT_TRUE(doc.contains("modules")) << doc.dump();
  const Json& m = doc.at("modules").at(0);
  ASSERT_TRUE(m.contains("pending")) << m.dump();
  for (const Kind& kind : kKinds) {
    if (kind.version <= 3) continue;
    const Json* step = Step(m.at("pending"), kind.version);
    ASSERT_NE(step, nullptr) << kind.version << " " << m.dump();
    ExpectDdl(*step, kind, kind.blocks != nullptr, false);
  }
  EXPECT_EQ(RecordedVersion(kModule), "3");
}

TEST_F(BlockingDdlTest, OnSqliteTheDryRunSaysNothingBlocksAnyoneElse) {
  const std::string config = ConfigWith(
      plugins_, {{kModule, absl::StrCat("sqlite:///", testing::NewTempDir("sqlite."),
                                        "/ddlevents.sqlite")}});
  testing::CommandResult r = Migrate(config, {"-n", kModule, "--dry-run"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::vector<std::string> sqlite_lines;
  for (absl::string_view line : absl::StrSplit(r.out, '\n')) {
    EXPECT_FALSE(absl::StartsWith(line, "-- cost: ")) << r.out;
    if (absl::StartsWith(line, "-- SQLite: ")) sqlite_lines.emplace_back(line);
  }
  ASSERT_EQ(sqlite_lines.size(), 1u) << r.out;
  EXPECT_THAT(sqlite_lines[0], HasSubstr("nothing blocks anyone else"));

  Json doc = RunJson(config, {"--dry-run"});
  ASSERT_TRUE(doc.contains("modules")) << doc.dump();
  const Json& steps = doc.at("modules").at(0).at("steps");
  ASSERT_EQ(JsonArray(steps).size(), 7u) << doc.dump();
  for (const Json& step : JsonArray(steps)) {
    EXPECT_TRUE(!step.contains("ddl") ||
                (step.at("ddl").is_array() && step.at("ddl").empty()))
        << step.dump();
  }
}

// --- refusal and the ways out ------------------------------------------------

TEST_F(BlockingDdlTest, AStepThatWouldBlockIsRefusedBeforeAnythingRuns) {
  ASSERT_NO_FATAL_FAILURE(PrepareBig(1));
  // Migrations 2 and 3 block nothing, yet the run refuses before them: the
  // whole plan is assessed first.
  ASSERT_NO_FATAL_FAILURE(ExpectRefused(
      Conf(), {}, {"would block", "events", "--online", "--allow-blocking"}));
  EXPECT_EQ(RecordedVersion(kModule), "1");
  EXPECT_THAT(History(), ElementsAre("1\tok"));

  // Without -v the reason is shown too, not masked.
  testing::CommandResult plain = Migrate(Conf(), {"-n", kModule});
  EXPECT_EQ(plain.exit_code, 1) << plain.out << plain.err;
  std::optional<ReportRow> row = FindRow(plain.out, kName);
  ASSERT_TRUE(row.has_value()) << plain.out;
  EXPECT_THAT(row->result, HasWrappedSubstr("would block"));
  EXPECT_THAT(row->result, HasWrappedSubstr("--allow-blocking"));

  // -f json: FAIL with the same text.
  testing::CommandResult r;
  Json doc = RunJson(Conf(), {}, &r);
  EXPECT_EQ(r.exit_code, 1);
  ASSERT_TRUE(doc.contains("modules")) << r.out;
  EXPECT_EQ(JsonString(doc.at("modules").at(0).at("status")), "FAIL");
  EXPECT_THAT(JsonString(doc.at("modules").at(0).at("error")),
              HasSubstr("would block"));
  EXPECT_EQ(RecordedVersion(kModule), "1");
}

TEST_F(BlockingDdlTest, AllowBlockingRunsIt) {
  ASSERT_NO_FATAL_FAILURE(PrepareBig(1));
  testing::CommandResult r =
      Migrate(Conf(), {"-n", kModule, "-v", "--allow-blocking"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::optional<ReportRow> row = FindRow(r.out, kName);
  ASSERT_TRUE(row.has_value()) << r.out;
  EXPECT_EQ(row->result, "1 -> 7");
  EXPECT_EQ(RecordedVersion(kModule), "7");
  const std::string schema = ShowCreate();
  EXPECT_THAT(schema, HasSubstr("`kind` varchar(10) NOT NULL"));
  EXPECT_THAT(schema, HasSubstr("FULLTEXT KEY `ft_events_payload`"));
  EXPECT_THAT(schema, HasSubstr("PRIMARY KEY (`id`,`created`)"));
  EXPECT_THAT(schema, Not(HasSubstr("`obsolete`")));
  EXPECT_THAT(QueryDb(kModule, "SELECT COUNT(*), SUM(amount) FROM events"),
              ElementsAre("4096\t4096"));
  EXPECT_THAT(Leftovers(), IsEmpty());
}

TEST_F(BlockingDdlTest, AllowBlockingInTheConfigRunsIt) {
  ASSERT_NO_FATAL_FAILURE(PrepareBig(3));
  testing::CommandResult r = Migrate(Conf("allow_blocking = true\n"),
                                     {"-n", kModule, "-v", "--migration", "4"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(RecordedVersion(kModule), "4");
  EXPECT_THAT(ShowCreate(), HasSubstr("`kind` varchar(10) NOT NULL"));
}

TEST_F(BlockingDdlTest, InstantAndOnlineInPlaceAltersOnABigTableRunWithNoFlag) {
  ASSERT_NO_FATAL_FAILURE(PrepareBig(1));
  ASSERT_NO_FATAL_FAILURE(StartGeneralLog());
  testing::CommandResult r =
      Migrate(Conf(), {"-n", kModule, "-v", "--migration", "3"});
  absl::StatusOr<std::vector<std::string>> sent = server_->Query(
      "SELECT REPLACE(argument, '\\n', ' ') FROM mysql.general_log WHERE "
          "command_type = 'Query' AND argument REGEXP '^ALTER TABLE `?events`? ' "
          "ORDER BY event_time");
  ASSERT_TRUE(server_->Execute("SET GLOBAL general_log = OFF").ok());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(RecordedVersion(kModule), "3");
  EXPECT_THAT(ShowCreate(), AllOf(HasSubstr("`note` varchar(32)"),
                                  HasSubstr("KEY `idx_events_created`")));
  // The accepted algorithm is written into each statement, so that the
  // server refuses rather than falls back to a copy.
  ASSERT_TRUE(sent.ok()) << sent.status();
  ASSERT_EQ(sent->size(), 2u) << absl::StrJoin(*sent, "\n");
  // (Compared without blanks and backticks, in capitals: "algorithm =
  // instant" is the same clause.)
  auto normal = [](const std::string& sql) {
    return absl::AsciiStrToUpper(
        absl::StrReplaceAll(WithoutBlanks(sql), {{"`", ""}}));
  };
  const std::string add_column = normal((*sent)[0]);
  const std::string add_index = normal((*sent)[1]);
  EXPECT_THAT(add_column, AllOf(HasSubstr("ADDCOLUMNNOTE"),
                                HasSubstr("ALGORITHM=INSTANT")))
      << (*sent)[0];
  EXPECT_THAT(add_index, AllOf(HasSubstr("ADDINDEXIDX_EVENTS_CREATED"),
                               HasSubstr("ALGORITHM=INPLACE"),
                               HasSubstr("LOCK=NONE")))
      << (*sent)[1];
}

TEST_F(BlockingDdlTest, ABlockingAlterOnASmallTableRunsWithNoFlag) {
  ASSERT_NO_FATAL_FAILURE(PrepareFilled(3, 4));  // 16 rows
  testing::CommandResult r =
      Migrate(Conf(), {"-n", kModule, "-v", "--migration", "4"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(RecordedVersion(kModule), "4");
  EXPECT_THAT(ShowCreate(), HasSubstr("`kind` varchar(10) NOT NULL"));
}

TEST_F(BlockingDdlTest, TheSizeLimitRefusesToo) {
  // blocking_max_mib = 1 and a table of some 3 MiB, far under the row
  // limit.
  ASSERT_NO_FATAL_FAILURE(PrepareAt(Conf(), kModule, 3));
  absl::Status st = server_->Execute(
      "INSERT INTO events (kind, payload, amount, created) VALUES "
      "('fill', REPEAT('x', 64), 1, NOW())",
      Db(kModule));
  ASSERT_TRUE(st.ok()) << st;
  for (int i = 0; i < 15; ++i) {  // 32,768 rows, some 3 MiB
    st = server_->Execute(
        "INSERT INTO events (kind, payload, amount, created) SELECT kind, "
        "payload, amount, created FROM events",
        Db(kModule));
    ASSERT_TRUE(st.ok()) << st;
  }
  ASSERT_TRUE(server_->Execute("ANALYZE TABLE events", Db(kModule)).ok());
  ASSERT_GE(TableBytes(), 2 << 20);
  const std::string config = Config(
      plugins_, 0, "blocking_max_rows = 100000000\nblocking_max_mib = 1\n");
  ASSERT_NO_FATAL_FAILURE(
      ExpectRefused(config, {"--migration", "4"}, {"would block", "events"}));
  const std::string roomy = Config(
      plugins_, 0, "blocking_max_rows = 100000000\nblocking_max_mib = 1000\n");
  testing::CommandResult r =
      Migrate(roomy, {"-n", kModule, "-v", "--migration", "4"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(RecordedVersion(kModule), "4");
}

// --- --online ----------------------------------------------------------------

TEST_F(BlockingDdlTest, OnlineRunsTheAlterThroughPtOscWhileAWriterWrites) {
  ASSERT_NO_FATAL_FAILURE(PrepareFilled(3, 17));  // 131,072 rows: pt-osc copies for a while
  ASSERT_GE(TableRows(), 2000);
  ASSERT_NO_FATAL_FAILURE(StartGeneralLog());
  Writer writer(Rows());
  ASSERT_TRUE(writer.Start(server_->port(), Db(kModule)).ok());
  // The writer is under way before the run starts...
  ASSERT_TRUE(WaitFor([&] { return writer.committed() >= 50; }, SecondsFromNow(30)))
      << "the writer committed nothing";
  const int64_t before_run = writer.committed();
  testing::CommandResult r =
      Migrate(Conf(), {"-n", kModule, "-v", "--online", "--migration", "4"});
  const int64_t after_run = writer.committed();
  // ... and still writing after it ended.
  EXPECT_TRUE(WaitFor([&] { return writer.committed() >= after_run + 50; },
                      SecondsFromNow(30)))
      << "the writer stalled after the run";
  writer.Stop();
  // The ALTER ran through pt-osc (its triggers, its copy swapped in by a
  // RENAME), and the writer's statements reached the server in between.
  absl::StatusOr<std::vector<std::string>> during = server_->Query(
      "SELECT (SELECT COUNT(*) FROM mysql.general_log WHERE argument LIKE "
      "'CREATE TRIGGER%pt\\_osc\\_%'), (SELECT COUNT(*) FROM "
      "mysql.general_log WHERE argument LIKE 'RENAME TABLE%\\_events\\_new%'), "
      "(SELECT COUNT(*) FROM mysql.general_log w WHERE (w.argument LIKE "
      "'INSERT INTO events (kind, payload%' OR w.argument LIKE 'UPDATE events "
      "SET amount%') AND w.event_time > (SELECT MIN(event_time) FROM "
      "mysql.general_log WHERE argument LIKE 'CREATE TRIGGER%pt\\_osc\\_%') "
      "AND w.event_time < (SELECT MIN(event_time) FROM mysql.general_log "
      "WHERE argument LIKE 'RENAME TABLE%\\_events\\_new%'))");
  ASSERT_TRUE(server_->Execute("SET GLOBAL general_log = OFF").ok());
  ASSERT_TRUE(during.ok()) << during.status();
  ASSERT_EQ(during->size(), 1u);
  std::vector<std::string> seen = absl::StrSplit((*during)[0], '\t');
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_NE(seen[0], "0") << "pt-osc's triggers were never created";
  EXPECT_EQ(seen[1], "1") << "pt-osc's copy was never swapped in";
  int64_t writes_during = 0;
  EXPECT_TRUE(absl::SimpleAtoi(seen[2], &writes_during));
  EXPECT_GT(writes_during, 0) << "no write while pt-osc's triggers were on";
  std::cerr << writes_during << " of the writer's statements ran while "
            << "pt-osc copied; " << writer.committed() << " writes committed, "
            << writer.rolled_back() << " rolled back\n";

  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::optional<ReportRow> row = FindRow(r.out, kName);
  ASSERT_TRUE(row.has_value()) << r.out << r.err;
  EXPECT_EQ(row->status, "OK") << r.out;
  EXPECT_EQ(RecordedVersion(kModule), "4");
  EXPECT_THAT(ShowCreate(), HasSubstr("`kind` varchar(10) NOT NULL"));
  EXPECT_THAT(QueryDb(kModule, "SELECT version, outcome FROM "
                               "aos_migration_history ORDER BY id"),
              ElementsAre("1\tok", "2\tok", "3\tok", "4\tok"));
  EXPECT_THAT(Leftovers(), IsEmpty()) << "pt-osc left its tables or triggers";
  EXPECT_GT(after_run - before_run, 0) << "no write committed during the run";

  ExpectEveryWriteKept(writer);
}

// A run killed while pt-osc copies: pt-osc goes with it, leaving its
// triggers and _events_new; the next run clears them, copies again, and no
// write of a writer running all along is lost. pt-osc is held in its copy by
// its own --max-load: online_max_load = Threads_running=2 while three
// sessions of the test run SELECT SLEEP(60).
TEST_F(BlockingDdlTest, AnOnlineRunKilledMidCopyIsFinishedByTheNextRun) {
  ASSERT_NO_FATAL_FAILURE(PrepareFilled(3, 14));  // 16,384 rows
  Writer writer(Rows());
  ASSERT_TRUE(writer.Start(server_->port(), Db(kModule)).ok());
  ASSERT_TRUE(WaitFor([&] { return writer.committed() >= 20; }, SecondsFromNow(30)));

  std::vector<testing::StartedCommand> sleepers;
  for (int i = 0; i < 3; ++i) {
    sleepers.push_back(testing::StartInNewProcessGroup(
        {"mariadb", "--no-defaults", "-S", server_->socket_path(), "-uroot",
         "-e", "SELECT SLEEP(60)"}));
    ASSERT_GT(sleepers.back().pid, 0);
  }
  auto end_sleepers = [&] {
    for (const std::string& id : QueryDb(
             kModule, "SELECT ID FROM information_schema.PROCESSLIST WHERE "
                      "INFO LIKE 'SELECT SLEEP(60)%'")) {
      (void)server_->Execute("KILL " + id);
    }
    for (const testing::StartedCommand& c : sleepers) {
      (void)testing::KillProcessGroup(c, SIGKILL);
    }
  };
  const bool sleeping = WaitForRow(
      kModule,
      "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE "
      "'SELECT SLEEP(60)%'",
      "3", 20);

  const std::string held = Conf(
      "online_max_load = Threads_running=2\n"
      "online_critical_load = Threads_running=10000\n");
  testing::StartedCommand run = testing::StartInNewProcessGroup(
      {testing::Runfile("cli/aos-db-migrate"), "--config", held, "-n", kModule,
       "-v", "--online", "--migration", "4"});
  ASSERT_GT(run.pid, 0);
  // pt-osc has made its copy table and its triggers: it is copying (and
  // pausing for the load).
  const bool copying = WaitFor(
      [&] {
        std::vector<std::string> left = Leftovers();
        return left.size() >= 2 &&
               std::find(left.begin(), left.end(), "_events_new") != left.end() &&
               std::count_if(left.begin(), left.end(), [](const std::string& t) {
                 return absl::StartsWith(t, "trigger pt_osc_");
               }) == 3;
      },
      SecondsFromNow(30));
  testing::CommandResult killed = testing::KillProcessGroup(run, SIGKILL);
  end_sleepers();
  ASSERT_TRUE(sleeping) << "the sleeping sessions never ran";
  ASSERT_TRUE(copying) << "pt-osc never got to its copy\n" << killed.out
                       << killed.err << "\nleft: " << absl::StrJoin(Leftovers(), ", ");
  // pt-osc died with its run: no session of it is left on the server.
  EXPECT_TRUE(WaitFor(
      [&] {
        absl::StatusOr<std::vector<std::string>> n = server_->Query(absl::StrCat(
            "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '",
            Db(kModule), "' AND ID NOT IN (CONNECTION_ID(), ",
            writer.connection_id(), ")"));
        return n.ok() && n->size() == 1 && (*n)[0] == "0";
      },
      SecondsFromNow(20)))
      << "pt-osc outlived its run";
  EXPECT_EQ(RecordedVersion(kModule), "3");
  EXPECT_THAT(Leftovers(), ::testing::Contains("_events_new"));

  // The next run (as a controller's restart would) finishes the step.
  testing::CommandResult r =
      Migrate(Conf(), {"-n", kModule, "-v", "--online", "--migration", "4"});
  const int64_t after_run = writer.committed();
  EXPECT_TRUE(WaitFor([&] { return writer.committed() >= after_run + 20; },
                      SecondsFromNow(30)))
      << "the writer stalled after the run";
  writer.Stop();
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(RecordedVersion(kModule), "4");
  EXPECT_THAT(ShowCreate(), HasSubstr("`kind` varchar(10) NOT NULL"));
  EXPECT_THAT(Leftovers(), IsEmpty());
  ExpectEveryWriteKept(writer);
}

TEST_F(BlockingDdlTest, OnlinePassesTheConfiguredLoadLimitsToPtOsc) {
  ASSERT_NO_FATAL_FAILURE(PrepareBig(3));
  // pt_online_schema_change names a wrapper that writes down its arguments,
  // one a line, and runs the real program with them.
  const std::string dir = testing::NewTempDir("ptosc.");
  const std::string wrapper = dir + "/pt-osc-wrapper";
  testing::WriteFile(wrapper, absl::StrCat(
                                  "#!/bin/sh\nprintf '%s\\n' \"$@\" > ", dir,
                                  "/args\nexec pt-online-schema-change \"$@\"\n"));
  ASSERT_EQ(chmod(wrapper.c_str(), 0755), 0);
  testing::CommandResult r = Migrate(
      Conf(absl::StrCat("pt_online_schema_change = ", wrapper,
                        "\nonline_max_load = Threads_running=77\n"
                        "online_critical_load = Threads_running=88\n"
                        "online_chunk_ms = 250\nonline_sleep_ms = 50\n")),
      {"-n", kModule, "-v", "--online", "--migration", "4"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(RecordedVersion(kModule), "4");
  EXPECT_THAT(ShowCreate(), HasSubstr("`kind` varchar(10) NOT NULL"));
  EXPECT_THAT(Leftovers(), IsEmpty());
  // "--max-load X" or "--max-load=X".
  std::string args = absl::StrReplaceAll(testing::ReadFile(dir + "/args"),
                                         {{"\n", " "}, {"=", " "}});
  EXPECT_THAT(args, HasSubstr("--max-load Threads_running 77")) << args;
  EXPECT_THAT(args, HasSubstr("--critical-load Threads_running 88")) << args;
  EXPECT_THAT(args, HasSubstr("--chunk-time 0.250")) << args;  // issue 28
  EXPECT_THAT(args, HasSubstr("--sleep 0.050")) << args;
  EXPECT_THAT(args, HasSubstr("--execute")) << args;
}

// pt-online-schema-change's progress line reaches systemd as a percentage
// of the module's step (issue 28): a wrapper prints one before running the
// real tool (whose own lines on so small a table may not come at all).
TEST_F(BlockingDdlTest, OnlineCopyProgressReachesSystemdAsAPercentage) {
  ASSERT_NO_FATAL_FAILURE(PrepareBig(3));
  const std::string dir = testing::NewTempDir("ptosc.");
  const std::string wrapper = dir + "/pt-osc-wrapper";
  testing::WriteFile(wrapper,
                     "#!/bin/sh\n"
                     "echo 'Copying `db`.`events`:  45% 00:30 remain'\n"
                     "exec pt-online-schema-change \"$@\"\n");
  ASSERT_EQ(chmod(wrapper.c_str(), 0755), 0);
  NotifyListener listener;
  testing::CommandResult r =
      RunCommandOrFail({testing::Runfile("cli/aos-db-migrate"), "--config",
                        Conf(absl::StrCat("pt_online_schema_change = ", wrapper, "\n")), "-n",
                        kModule, "--online", "--migration", "4"},
                       {"NOTIFY_SOCKET=" + listener.path()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(RecordedVersion(kModule), "4");
  std::vector<std::string> heard = listener.Assignments();
  EXPECT_THAT(heard, Contains(AllOf(
                         StartsWith(absl::StrCat("STATUS=", kModule, ": changing events online")),
                         HasSubstr(": 45%, ETA "))))
      << absl::StrJoin(heard, "\n");
  EXPECT_THAT(heard, Contains("EXTEND_TIMEOUT_USEC=600000000"));
}

TEST_F(BlockingDdlTest, OnlineIsRefusedForATableWithoutAPrimaryKey) {
  ASSERT_NO_FATAL_FAILURE(PrepareBig(3));
  ASSERT_TRUE(server_
                  ->Execute("ALTER TABLE events MODIFY id INT NOT NULL, DROP "
                            "PRIMARY KEY; ANALYZE TABLE events",
                            Db(kModule))
                  .ok());
  ASSERT_NO_FATAL_FAILURE(ExpectRefused(Conf(), {"--online", "--migration", "4"},
                                        {"no primary or unique key", "events"}));
}

TEST_F(BlockingDdlTest, OnlineIsRefusedForATableWithATrigger) {
  ASSERT_NO_FATAL_FAILURE(PrepareBig(3));
  ASSERT_TRUE(server_
                  ->Execute("CREATE TRIGGER events_bi BEFORE INSERT ON events "
                            "FOR EACH ROW SET NEW.payload = "
                            "COALESCE(NEW.payload, 'x')",
                            Db(kModule))
                  .ok());
  const std::string config = Conf();
  // ExpectRefused wants no trigger left: this one is the test's own.
  const std::string version = RecordedVersion(kModule);
  const std::string schema = ShowCreate();
  testing::CommandResult r =
      Migrate(config, {"-n", kModule, "-v", "--online", "--migration", "4"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::optional<ReportRow> row = FindRow(r.out, kName);
  ASSERT_TRUE(row.has_value()) << r.out << r.err;
  EXPECT_THAT(row->result, HasWrappedSubstr("has triggers"));
  EXPECT_THAT(row->result, HasWrappedSubstr("events"));
  EXPECT_EQ(RecordedVersion(kModule), version);
  EXPECT_EQ(ShowCreate(), schema);
  EXPECT_THAT(History(), ElementsAre("1\tok", "2\tok", "3\tok"));
  EXPECT_THAT(Leftovers(), ElementsAre("trigger events_bi"));
}

TEST_F(BlockingDdlTest, OnlineIsRefusedForATableReferencedByAForeignKey) {
  ASSERT_NO_FATAL_FAILURE(PrepareBig(3));
  ASSERT_TRUE(server_
                  ->Execute("CREATE TABLE event_refs (id INT NOT NULL PRIMARY "
                            "KEY, event_id INT NOT NULL, FOREIGN KEY (event_id) "
                            "REFERENCES events (id)) ENGINE=InnoDB; INSERT INTO "
                            "event_refs VALUES (1, 1)",
                            Db(kModule))
                  .ok());
  ASSERT_NO_FATAL_FAILURE(ExpectRefused(Conf(), {"--online", "--migration", "4"},
                                        {"foreign key", "events"}));
}

TEST_F(BlockingDdlTest, OnlineIsRefusedForATableWithAForeignKey) {
  ASSERT_NO_FATAL_FAILURE(PrepareBig(3));
  ASSERT_TRUE(server_
                  ->Execute("CREATE TABLE amounts (amount INT NOT NULL PRIMARY "
                            "KEY) ENGINE=InnoDB; INSERT INTO amounts VALUES (1); "
                            "ALTER TABLE events ADD CONSTRAINT fk_events_amount "
                            "FOREIGN KEY (amount) REFERENCES amounts (amount); "
                            "ANALYZE TABLE events",
                            Db(kModule))
                  .ok());
  ASSERT_NO_FATAL_FAILURE(ExpectRefused(Conf(), {"--online", "--migration", "4"},
                                        {"foreign key", "events"}));
}

TEST_F(BlockingDdlTest, OnlineSaysWhenPtOscIsNotInstalled) {
  ASSERT_NO_FATAL_FAILURE(PrepareBig(3));
  const std::string missing = "/nonexistent/pt-osc is not installed";
  const std::string install = "apt-get install percona-toolkit";
  ASSERT_NO_FATAL_FAILURE(ExpectRefused(
      Conf("pt_online_schema_change = /nonexistent/pt-osc\n"),
      {"--online", "--migration", "4"}, {missing, install}));
  // online = true in the config is --online.
  ASSERT_NO_FATAL_FAILURE(ExpectRefused(
      Conf("online = true\npt_online_schema_change = /nonexistent/pt-osc\n"),
      {"--migration", "4"}, {missing}));
}

// --- metadata locks ----------------------------------------------------------

class MetadataLockTest : public BlockingDdlTest {
 protected:
  // The module at version 1 with a few rows, and another session in an
  // idle open transaction that has read `events`: it holds the table's
  // metadata lock until it commits.
  void SetUp() override {
    BlockingDdlTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(PrepareFilled(1, 2));
    ASSERT_TRUE(holder_.Connect(server_->port(), Db(kModule)).ok());
    absl::StatusOr<std::vector<std::string>> id =
        holder_.Query("SELECT CONNECTION_ID()");
    ASSERT_TRUE(id.ok() && id->size() == 1) << id.status();
    holder_id_ = (*id)[0];
    ASSERT_EQ(holder_.Execute("START TRANSACTION"), 0u) << holder_.last_error();
    absl::StatusOr<std::vector<std::string>> read =
        holder_.Query("SELECT id FROM events LIMIT 1");
    ASSERT_TRUE(read.ok()) << read.status();
  }

  // The tool's sessions waiting for a metadata lock on this database.
  int Waiting() {
    std::vector<std::string> rows = QueryDb(
        kModule, absl::StrCat("SELECT COUNT(*) FROM information_schema.PROCESSLIST "
                              "WHERE DB = '", Db(kModule), "' AND STATE LIKE "
                              "'%metadata lock%'"));
    int n = 0;
    return rows.size() == 1 && absl::SimpleAtoi(rows[0], &n) ? n : 0;
  }

  Client holder_;
  std::string holder_id_;
};

TEST_F(MetadataLockTest, AnAlterBehindAnIdleTransactionFailsNamingTheHolder) {
  const std::string config =
      Conf("lock_wait_timeout = 6\nddl_lock_wait_timeout = 1\n");
  const std::string schema = ShowCreate();
  auto started = std::chrono::steady_clock::now();
  testing::CommandResult r;
  Json doc = RunJson(config, {"--migration", "2"}, &r);
  const double seconds = std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - started)
                             .count();
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  ASSERT_TRUE(doc.contains("modules")) << r.out;
  const Json& m = doc.at("modules").at(0);
  EXPECT_EQ(JsonString(m.at("status")), "FAIL") << r.out;
  EXPECT_EQ(JsonString(m.at("category")), "lock_wait_timeout") << r.out;
  EXPECT_THAT(JsonString(m.at("error")),
              HasSubstr(absl::StrCat("session ", holder_id_, " (root@")))
      << r.out;
  // It retried up to lock_wait_timeout in all (6 s), not one attempt of 1 s,
  // and not the server's default.
  EXPECT_GE(seconds, 4.5) << r.out;
  EXPECT_LT(seconds, 40) << r.out;
  EXPECT_EQ(RecordedVersion(kModule), "1");
  EXPECT_EQ(ShowCreate(), schema);

  // The -v text names the holder too.
  testing::CommandResult v =
      Migrate(config, {"-n", kModule, "-v", "--migration", "2"});
  EXPECT_EQ(v.exit_code, 1) << v.out << v.err;
  std::optional<ReportRow> row = FindRow(v.out, kName);
  ASSERT_TRUE(row.has_value()) << v.out << v.err;
  EXPECT_THAT(row->result,
              HasWrappedSubstr(absl::StrCat("session ", holder_id_, " (root@")));
  EXPECT_EQ(RecordedVersion(kModule), "1");
  EXPECT_EQ(ShowCreate(), schema);
  // The holder's transaction was never disturbed.
  EXPECT_EQ(holder_.Execute("COMMIT"), 0u) << holder_.last_error();
}

TEST_F(MetadataLockTest, TheRunSucceedsOnceTheHolderCommits) {
  const std::string config =
      Conf("lock_wait_timeout = 60\nddl_lock_wait_timeout = 1\n");
  ASSERT_NO_FATAL_FAILURE(StartGeneralLog());
  testing::StartedCommand run = testing::StartInNewProcessGroup(
      {testing::Runfile("cli/aos-db-migrate"), "--config", config, "-n",
       kModule, "-v", "--migration", "2"});
  ASSERT_GT(run.pid, 0);
  // Each attempt of the ALTER is a statement of its own in the general log:
  // the tool has given up one attempt (ddl_lock_wait_timeout = 1) and is
  // waiting again.
  auto attempts = [&] {
    absl::StatusOr<std::vector<std::string>> n = server_->Query(
        "SELECT COUNT(*) FROM mysql.general_log WHERE command_type = 'Query' "
        "AND argument REGEXP '^ALTER TABLE `?events`? '");
    int count = 0;
    return n.ok() && n->size() == 1 && absl::SimpleAtoi((*n)[0], &count) ? count : 0;
  };
  const bool waited = WaitFor([&] { return attempts() >= 2 && Waiting() > 0; },
                              SecondsFromNow(30));
  // The holder ends its transaction only once the tool is seen waiting.
  EXPECT_EQ(holder_.Execute("COMMIT"), 0u) << holder_.last_error();
  bool ended = false;
  testing::CommandResult r = WaitForExit(run, SecondsFromNow(60), &ended);
  ASSERT_TRUE(waited) << "the tool never waited again for the metadata lock "
                         "after a first attempt\n"
                      << r.out << r.err;
  ASSERT_TRUE(ended) << r.out << r.err;
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::optional<ReportRow> row = FindRow(r.out, kName);
  ASSERT_TRUE(row.has_value()) << r.out << r.err;
  EXPECT_EQ(row->result, "1 -> 2");
  EXPECT_EQ(RecordedVersion(kModule), "2");
  EXPECT_THAT(ShowCreate(), HasSubstr("`note` varchar(32)"));
}

// --- PostgreSQL --------------------------------------------------------------

// The same module on a private PostgreSQL (tools/testing/postgresql_server.h,
// with the plugin's .postgresql.sql scripts): a catalog-only change blocks
// nothing, CREATE INDEX blocks writes, a column type change rewrites the
// table and blocks reads and writes; the same refusal rule.
class PostgresqlDdlTest : public PostgresqlSuite<> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(PostgresqlSuite::SetUp());
    static int counter = 0;
    db_ = absl::StrCat("pgddl", ++counter);
    ASSERT_TRUE(pg_->Execute("CREATE DATABASE " + db_).ok());
    const std::string path = testing::NewTempDir("pgconf.") + "/db-migrate.conf";
    testing::WriteFile(
        path, absl::StrCat("[DEFAULT]\nplugin_dir = ", NewPluginDir({kPlugin}),
                           "\nlock_timeout = 30\n", kLimit, "\n[", kModule,
                           "]\nconnection = ", pg_->Url(db_), "\n"));
    config_ = path;
  }

  testing::CommandResult Migrate(std::vector<std::string> args) {
    std::vector<std::string> argv = {testing::Runfile("cli/aos-db-migrate"),
                                     "--config", config_, "-n", kModule};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommandOrFail(argv);
  }

  std::vector<std::string> Query(const std::string& sql) {
    absl::StatusOr<std::vector<std::string>> rows = pg_->Query(sql, db_);
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() ? *rows : std::vector<std::string>();
  }

  std::string Version() {
    std::vector<std::string> rows = Query(
        "SELECT version FROM migrate_version WHERE repository_id = 'ddlevents'");
    return rows.empty() ? "" : rows[0];
  }

  // The table's columns and indexes, to compare before and after.
  std::string Schema() {
    return absl::StrJoin(
        Query("SELECT column_name || ' ' || data_type FROM "
              "information_schema.columns WHERE table_name = 'events' UNION ALL "
              "SELECT indexdef FROM pg_indexes WHERE tablename = 'events' "
              "ORDER BY 1"),
        "\n");
  }

  std::string db_;
  std::string config_;
};

TEST_F(PostgresqlDdlTest, TheCostOfEachChangeAndTheSameRefusalRule) {
  testing::CommandResult prepared = Migrate({"--migration", "1"});
  ASSERT_EQ(prepared.exit_code, 0) << prepared.out << prepared.err;
  ASSERT_TRUE(pg_->Execute("INSERT INTO events (kind, payload, amount, created) "
                           "VALUES ('fill', 'p', 1, NOW())",
                           db_)
                  .ok());
  for (int i = 0; i < 12; ++i) {  // 4,096 rows
    absl::Status st = pg_->Execute(
        "INSERT INTO events (kind, payload, amount, created) SELECT kind, "
        "payload, amount, created FROM events",
        db_);
    ASSERT_TRUE(st.ok()) << st;
  }
  ASSERT_TRUE(pg_->Execute("ANALYZE events", db_).ok());
  const std::string schema = Schema();

  testing::CommandResult r = Migrate({"--dry-run", "-f", "json"});
  absl::StatusOr<Json> doc = ParseJson(r.out);
  ASSERT_TRUE(doc.ok()) << doc.status() << "\n" << r.out << r.err;
  struct Expected {
    int version;
    const char* algorithm;  // null: not checked
    const char* blocks;     // null: nothing
  } expected[] = {
      {2, "catalog", nullptr},           // ADD COLUMN ... NULL
      {3, "locks_writes", "writes"},     // CREATE INDEX
      {4, "rewrite", "reads_writes"},    // INT -> BIGINT
      {5, "scan", "reads_writes"},       // a new primary key: rows checked
      {6, "catalog", nullptr},           // DROP COLUMN
      {7, "locks_writes", "writes"},     // CREATE INDEX
  };
  const Json& steps = doc->at("modules").at(0).at("steps");
  for (const Expected& e : expected) {
    SCOPED_TRACE(absl::StrCat("migration ", e.version));
    const Json* step = nullptr;
    for (const Json& s : JsonArray(steps)) {
      if (s.at("version") == e.version) step = &s;
    }
    ASSERT_NE(step, nullptr) << r.out;
    ASSERT_TRUE(step->contains("ddl")) << step->dump();
    ASSERT_EQ(JsonArray(step->at("ddl")).size(), 1u) << step->dump();
    const Json& d = step->at("ddl").at(0);
    EXPECT_EQ(JsonString(d.at("table")), "events") << d.dump();
    EXPECT_GE(JsonInt(d.at("rows")), 1000) << d.dump();
    if (e.algorithm != nullptr) {
      EXPECT_EQ(JsonString(d.at("algorithm")), e.algorithm) << d.dump();
    } else {
      EXPECT_THAT(JsonString(d.at("algorithm")),
                  ::testing::AnyOf("catalog", "rewrite", "scan", "locks_writes"))
          << "an algorithm id the contract does not have: " << d.dump();
    }
    if (e.blocks == nullptr) {
      EXPECT_TRUE(d.at("blocks").is_null()) << d.dump();
    } else {
      EXPECT_EQ(JsonString(d.at("blocks")), e.blocks) << d.dump();
    }
    EXPECT_EQ(JsonBool(d.at("refused")), e.blocks != nullptr) << d.dump();
  }
  // Nothing was left of the probing.
  EXPECT_THAT(Query("SELECT tablename FROM pg_tables WHERE tablename LIKE "
                    "'\\_aos\\_probe%'"),
              IsEmpty());

  // A run is refused before anything of it ran...
  testing::CommandResult refused = Migrate({"-v"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  std::optional<ReportRow> row = FindRow(refused.out, kName);
  ASSERT_TRUE(row.has_value()) << refused.out << refused.err;
  EXPECT_THAT(row->result, HasWrappedSubstr("would block"));
  EXPECT_THAT(row->result, HasWrappedSubstr("--allow-blocking"));
  EXPECT_EQ(Version(), "1");
  EXPECT_EQ(Schema(), schema);
  // ... and runs in a maintenance window.
  testing::CommandResult allowed = Migrate({"-v", "--allow-blocking"});
  EXPECT_EQ(allowed.exit_code, 0) << allowed.out << allowed.err;
  EXPECT_EQ(Version(), "7");
  EXPECT_THAT(Query("SELECT COUNT(*), SUM(amount) FROM events"),
              ElementsAre("4096\t4096"));
}

// Another backend in an idle open transaction that has read `events`
// holds a lock the ALTER needs: the run waits ddl_lock_wait_timeout at a
// time up to lock_wait_timeout, then fails naming that backend; once it
// commits, the run goes through.
TEST_F(PostgresqlDdlTest, AnAlterBehindAnIdleTransactionNamesTheHolder) {
  testing::CommandResult prepared = Migrate({"--migration", "1"});
  ASSERT_EQ(prepared.exit_code, 0) << prepared.out << prepared.err;
  PGconn* holder = PQconnectdb(
      absl::StrCat("host=127.0.0.1 port=", pg_->port(), " user=postgres dbname=",
                   db_)
          .c_str());
  ASSERT_EQ(PQstatus(holder), CONNECTION_OK) << PQerrorMessage(holder);
  auto exec = [&](const std::string& sql) {
    PGresult* res = PQexec(holder, sql.c_str());
    const ExecStatusType status = PQresultStatus(res);
    std::string value = status == PGRES_TUPLES_OK && PQntuples(res) > 0
                            ? PQgetvalue(res, 0, 0)
                            : "";
    EXPECT_TRUE(status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)
        << sql << ": " << PQerrorMessage(holder);
    PQclear(res);
    return value;
  };
  const std::string pid = exec("SELECT pg_backend_pid()");
  exec("BEGIN");
  exec("SELECT COUNT(*) FROM events");

  const std::string path = testing::NewTempDir("pgconf.") + "/db-migrate.conf";
  testing::WriteFile(
      path, absl::StrReplaceAll(testing::ReadFile(config_),
                                {{"lock_timeout = 30\n",
                                  "lock_timeout = 30\nlock_wait_timeout = 6\n"
                                  "ddl_lock_wait_timeout = 1\n"}}));
  std::vector<std::string> argv = {testing::Runfile("cli/aos-db-migrate"),
                                   "--config", path, "-n", kModule,
                                   "--migration", "2", "-f", "json"};
  auto started = std::chrono::steady_clock::now();
  testing::CommandResult r = RunCommandOrFail(argv);
  const double seconds = std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - started)
                             .count();
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  absl::StatusOr<Json> doc = ParseJson(r.out);
  ASSERT_TRUE(doc.ok()) << doc.status() << "\n" << r.out << r.err;
  const Json& m = doc->at("modules").at(0);
  EXPECT_EQ(JsonString(m.at("category")), "lock_wait_timeout") << r.out;
  EXPECT_THAT(JsonString(m.at("error")),
              HasSubstr(absl::StrCat("session ", pid, " (postgres@")))
      << r.out;
  EXPECT_GE(seconds, 4.5) << r.out;
  EXPECT_LT(seconds, 40) << r.out;
  EXPECT_EQ(Version(), "1");

  // Once the holder commits (after the tool is seen waiting), it goes through.
  testing::StartedCommand run = testing::StartInNewProcessGroup(
      {testing::Runfile("cli/aos-db-migrate"), "--config", config_, "-n",
       kModule, "--migration", "2"});
  ASSERT_GT(run.pid, 0);
  const bool waited = WaitFor(
      [&] {
        absl::StatusOr<std::vector<std::string>> rows = pg_->Query(
            absl::StrCat("SELECT COUNT(*) FROM pg_stat_activity WHERE datname "
                         "= '", db_, "' AND wait_event_type = 'Lock' AND query "
                         "LIKE 'ALTER TABLE%'"));
        return rows.ok() && rows->size() == 1 && (*rows)[0] != "0";
      },
      SecondsFromNow(30));
  exec("COMMIT");
  PQfinish(holder);
  bool ended = false;
  testing::CommandResult done = WaitForExit(run, SecondsFromNow(60), &ended);
  ASSERT_TRUE(waited) << "the tool never waited for the lock\n"
                      << done.out << done.err;
  ASSERT_TRUE(ended) << done.out << done.err;
  EXPECT_EQ(done.exit_code, 0) << done.out << done.err;
  EXPECT_EQ(Version(), "2");
}

}  // namespace
}  // namespace aos::e2e
