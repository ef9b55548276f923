// The blocking-DDL gate (issue 17) on a MariaDB Galera cluster
// (tools/testing/galera_cluster.h, three nodes on loopback): under total
// order isolation (TOI, the default wsrep_OSU_method) every DDL statement
// but an instant one stalls the whole cluster for its duration, so an
// in-place ALTER that blocks nothing on a standalone server blocks
// "cluster" here, and is refused on a table over the limit unless
// --allow-blocking, or run online through pt-online-schema-change with
// --max-flow-ctl. testdata/ddl_plugins (module ddlevents): migration 2 adds
// a nullable column (instant), 3 an index (in-place), 4 shortens a column
// (copy), 5 changes the primary key (in-place), 6 drops a column (instant),
// 7 adds a FULLTEXT index (in-place, locks writes).
#include <sys/stat.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
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

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kPlugin[] = "testdata/ddl_plugins/libddlevents.so";
constexpr char kModule[] = "ddlevents";

class GaleraDdlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StartGaleraCluster(&cluster_, {kModule}));
    plugins_ = NewPluginDir({kPlugin});
  }

  // A controller's config on node 0, with `extra` in [DEFAULT].
  std::string Config(const std::string& extra) {
    std::string text = absl::StrCat(
        "[DEFAULT]\nplugin_dir = ", plugins_, "\nlock_timeout = 60\n", extra,
        "\n[", kModule, "]\nconnection = ", cluster_->Url(0, kModule),
        "?charset=utf8\n");
    std::string path = testing::NewTempDir("config.") + "/db-migrate.conf";
    testing::WriteFile(path, text);
    return path;
  }

  static testing::CommandResult Migrate(const std::string& config,
                                        const std::vector<std::string>& args) {
    std::vector<std::string> argv = {testing::Runfile("cli/aos-db-migrate"),
                                     "--config", config, "-n", kModule};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommandOrFail(argv);
  }

  std::vector<std::string> Query(int node, const std::string& sql) {
    absl::StatusOr<std::vector<std::string>> rows =
        cluster_->Query(node, sql, kModule);
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() ? *rows : std::vector<std::string>();
  }

  std::string RecordedVersion(int node) {
    std::vector<std::string> rows = Query(
        node, absl::StrCat("SELECT version FROM migrate_version WHERE "
                           "repository_id = '", kModule, "'"));
    return rows.empty() ? "" : rows[0];
  }

  std::string ShowCreate(int node) {
    std::vector<std::string> rows = Query(node, "SHOW CREATE TABLE events");
    return rows.empty() ? "" : rows[0];
  }

  // The "ddl" entry of step `version` in a --dry-run -f json document.
  static const Json* Ddl(const Json& doc, int version) {
    if (!doc.contains("modules")) return nullptr;
    const Json& steps = doc.at("modules").at(0).at("steps");
    for (const Json& s : steps) {
      if (s.at("version") == version && s.contains("ddl") &&
          s.at("ddl").is_array() && s.at("ddl").size() == 1) {
        return &s.at("ddl").at(0);
      }
    }
    return nullptr;
  }

  std::unique_ptr<testing::GaleraCluster> cluster_;
  std::string plugins_;
};

TEST_F(GaleraDdlTest, UnderToiEveryAlterButAnInstantOneBlocksTheCluster) {
  ASSERT_THAT(Query(0, "SELECT @@wsrep_on, @@wsrep_OSU_method"),
              ElementsAre("1\tTOI"));
  const std::string strict = Config("blocking_max_rows = 1000\n");
  const std::string roomy = Config("blocking_max_rows = 100000000\n");
  testing::CommandResult prepared = Migrate(strict, {"--migration", "1"});
  ASSERT_EQ(prepared.exit_code, 0) << prepared.out << prepared.err;
  ASSERT_TRUE(cluster_
                  ->Execute(0,
                            "INSERT INTO events (kind, payload, amount, "
                            "created) VALUES ('fill', 'p', 1, NOW())",
                            kModule)
                  .ok());
  for (int i = 0; i < 12; ++i) {  // 4,096 rows
    absl::Status st = cluster_->Execute(
        0,
        "INSERT INTO events (kind, payload, amount, created) SELECT kind, "
        "payload, amount, created FROM events",
        kModule);
    ASSERT_TRUE(st.ok()) << st;
  }
  ASSERT_TRUE(cluster_->Execute(0, "ANALYZE TABLE events", kModule).ok());
  std::vector<std::string> estimate =
      Query(0, "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE "
               "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'events'");
  int64_t rows = 0;
  ASSERT_TRUE(estimate.size() == 1 && absl::SimpleAtoi(estimate[0], &rows));
  ASSERT_GE(rows, 2000);
  const std::string schema = ShowCreate(0);

  // What each kind costs under TOI.
  struct Kind {
    int version;
    const char* algorithm;
    const char* blocks;  // null: nothing
  } kinds[] = {
      {2, "instant", nullptr},  {3, "inplace", "cluster"},
      {4, "copy", "cluster"},   {5, "inplace", "cluster"},
      {6, "instant", nullptr},  {7, "inplace_locks_writes", "cluster"},
  };
  for (const auto& [config, over_limit] :
       std::vector<std::pair<std::string, bool>>{{strict, true},
                                                 {roomy, false}}) {
    SCOPED_TRACE(over_limit ? "over the limit" : "under the limit");
    testing::CommandResult r = Migrate(config, {"--dry-run", "-f", "json"});
    absl::StatusOr<Json> doc = ParseJson(r.out);
    ASSERT_TRUE(doc.ok()) << doc.status() << "\n" << r.out << r.err;
    for (const Kind& kind : kinds) {
      SCOPED_TRACE(absl::StrCat("migration ", kind.version));
      const Json* d = Ddl(*doc, kind.version);
      ASSERT_NE(d, nullptr) << r.out;
      EXPECT_EQ(JsonString(d->at("table")), "events");
      EXPECT_EQ(JsonInt(d->at("rows")), rows);
      EXPECT_EQ(JsonString(d->at("algorithm")), kind.algorithm);
      if (kind.blocks == nullptr) {
        EXPECT_TRUE(d->at("blocks").is_null()) << d->dump();
      } else {
        EXPECT_EQ(JsonString(d->at("blocks")), kind.blocks);
      }
      EXPECT_EQ(JsonBool(d->at("refused")), over_limit && kind.blocks != nullptr);
    }
  }

  // The text says so.
  testing::CommandResult text =
      Migrate(strict, {"--dry-run", "--migration", "3"});
  std::vector<std::string> cost;
  for (absl::string_view line : absl::StrSplit(text.out, '\n')) {
    if (absl::StartsWith(line, "-- cost: ")) cost.emplace_back(line);
  }
  ASSERT_EQ(cost.size(), 2u) << text.out << text.err;
  EXPECT_THAT(cost[0], HasSubstr("instant, blocks nothing"));
  EXPECT_THAT(cost[1],
              HasSubstr("in-place, blocks the whole cluster (Galera TOI)"));
  EXPECT_THAT(cost[1], HasSubstr("refused"));

  // The in-place ALTER is refused on the big table: nothing runs.
  testing::CommandResult refused =
      Migrate(strict, {"-v", "--migration", "3"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  std::optional<ReportRow> row = FindRow(refused.out, "DdlEvents");
  ASSERT_TRUE(row.has_value()) << refused.out << refused.err;
  EXPECT_THAT(row->result, HasWrappedSubstr("would block"));
  EXPECT_THAT(row->result, HasWrappedSubstr("events"));
  EXPECT_THAT(row->result, HasWrappedSubstr("--allow-blocking"));
  EXPECT_EQ(RecordedVersion(0), "1");
  EXPECT_EQ(ShowCreate(0), schema);

  // In a maintenance window, it runs, on every node.
  testing::CommandResult allowed =
      Migrate(strict, {"-v", "--migration", "3", "--allow-blocking"});
  EXPECT_EQ(allowed.exit_code, 0) << allowed.out << allowed.err;
  for (int node = 0; node < 3; ++node) {
    SCOPED_TRACE(absl::StrCat("node ", node));
    EXPECT_EQ(RecordedVersion(node), "3");
    EXPECT_THAT(ShowCreate(node), HasSubstr("KEY `idx_events_created`"));
    EXPECT_THAT(ShowCreate(node), HasSubstr("`note` varchar(32)"));
  }

  // --online runs the refused copy (migration 4) through pt-osc, throttled
  // by the cluster's flow control (--max-flow-ctl). pt_online_schema_change
  // names a wrapper that writes down its arguments, one a line.
  const std::string dir = testing::NewTempDir("ptosc.");
  const std::string wrapper = dir + "/pt-osc-wrapper";
  testing::WriteFile(wrapper, absl::StrCat(
                                  "#!/bin/sh\nprintf '%s\\n' \"$@\" > ", dir,
                                  "/args\nexec pt-online-schema-change \"$@\"\n"));
  ASSERT_EQ(chmod(wrapper.c_str(), 0755), 0);
  const std::string online_config = Config(absl::StrCat(
      "blocking_max_rows = 1000\npt_online_schema_change = ", wrapper,
      "\nonline_max_flow_ctl = 0.5\n"));
  // Galera's nodes run innodb_autoinc_lock_mode = 2, and the table fits in
  // their buffer pool: of the server's settings (issue 28) only Galera's
  // own default wsrep_retry_autocommit = 1 is warned of.
  testing::CommandResult dry =
      Migrate(online_config, {"--dry-run", "--migration", "4", "--online"});
  EXPECT_THAT(dry.out, AllOf(HasSubstr("runs online through pt-online-schema-change"),
                             HasSubstr("wsrep_retry_autocommit is 1"),
                             Not(HasSubstr("innodb_autoinc_lock_mode")),
                             Not(HasSubstr("buffer_pool"))))
      << dry.out << dry.err;
  testing::CommandResult online =
      Migrate(online_config, {"-v", "--migration", "4", "--online"});
  EXPECT_EQ(online.exit_code, 0) << online.out << online.err;
  std::string args = absl::StrReplaceAll(testing::ReadFile(dir + "/args"),
                                         {{"\n", " "}, {"=", " "}});
  EXPECT_THAT(args, HasSubstr("--max-flow-ctl 0.5")) << args;
  // On Galera a pause of online_galera_pause_ratio (3) x online_chunk_ms.
  EXPECT_THAT(args, HasSubstr("--chunk-time 0.100 --sleep 0.300")) << args;
  for (int node = 0; node < 3; ++node) {
    SCOPED_TRACE(absl::StrCat("node ", node));
    EXPECT_EQ(RecordedVersion(node), "4");
    EXPECT_THAT(ShowCreate(node), HasSubstr("`kind` varchar(10) NOT NULL"));
    EXPECT_THAT(Query(node, "SELECT COUNT(*), SUM(amount) FROM events"),
                ElementsAre("4096\t4096"));
    EXPECT_THAT(Query(node, "SELECT COUNT(*) FROM information_schema.TABLES "
                            "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME "
                            "LIKE '\\_%'"),
                ElementsAre("0"));
    EXPECT_THAT(Query(node, "SELECT COUNT(*) FROM information_schema.TRIGGERS "
                            "WHERE TRIGGER_SCHEMA = DATABASE()"),
                ElementsAre("0"));
  }
}

}  // namespace
}  // namespace aos::e2e
