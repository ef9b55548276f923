// Issue 28's batched DML on a MariaDB Galera cluster (three nodes on
// loopback, tools/testing/galera_cluster.h): a big non-idempotent UPDATE
// runs in chunks, each one write set committed with its progress row; the
// node running it is killed part-way (its run stopped on a row lock of the
// test's own, so that the kill lands mid-statement), and a run on another
// node, seeing from the cluster's membership that the node is gone, goes on
// at the next chunk: every row ends changed exactly once on every node.
// testdata/batch_plugins (module batchrows): `batch_items` of 3,000 rows,
// migration 2 is UPDATE batch_items SET v = v + 1.
#include <signal.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/e2e/galera_fixture.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/row_lock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/testing/command_runner.h"
#include "tools/testing/galera_cluster.h"

namespace aos::e2e {
namespace {

using ::testing::ElementsAre;

constexpr char kPlugin[] = "testdata/batch_plugins/libbatchrows.so";
constexpr char kModule[] = "batchrows";

class GaleraBatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StartGaleraCluster(&cluster_, {kModule}));
    plugins_ = NewPluginDir({kPlugin});
  }

  // A controller's config on `node`: small limits, chunks of 10 rows.
  std::string Config(int node) {
    std::string text =
        absl::StrCat("[DEFAULT]\nplugin_dir = ", plugins_,
                     "\nlock_timeout = 60\nblocking_max_rows = 1000\n"
                     "batch_chunk_rows = 10\nbatch_max_chunk_rows = 10\n\n[",
                     kModule, "]\nconnection = ", cluster_->Url(node, kModule), "?charset=utf8\n");
    std::string path = testing::NewTempDir("config.") + "/db-migrate.conf";
    testing::WriteFile(path, text);
    return path;
  }

  std::vector<std::string> Query(int node, const std::string& sql) {
    absl::StatusOr<std::vector<std::string>> rows = cluster_->Query(node, sql, kModule);
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() ? *rows : std::vector<std::string>();
  }

  bool WaitForRow(int node, const std::string& sql, const std::string& want, int seconds) {
    return WaitFor(
        [&] {
          absl::StatusOr<std::vector<std::string>> rows = cluster_->Query(node, sql, kModule);
          return rows.ok() && rows->size() == 1 && (*rows)[0] == want;
        },
        SecondsFromNow(seconds));
  }

  std::unique_ptr<testing::GaleraCluster> cluster_;
  std::string plugins_;
};

TEST_F(GaleraBatchTest, ANodeKilledPartWayAnotherNodeFinishesEveryRowOnce) {
  const std::string on_two = Config(2);
  const std::string on_zero = Config(0);
  testing::CommandResult one = RunCommandOrFail({testing::Runfile("cli/aos-db-migrate"), "--config",
                                                 on_two, "-n", kModule, "--migration", "1"});
  ASSERT_EQ(one.exit_code, 0) << one.out << one.err;
  ASSERT_TRUE(cluster_->Execute(2, "ANALYZE TABLE batch_items", kModule).ok());

  RowLock holder;
  ASSERT_EQ(holder.Lock(cluster_->port(2), kModule, "batch_items", 1500), "");
  testing::StartedCommand victim =
      testing::StartInNewProcessGroup({testing::Runfile("cli/aos-db-migrate"), "--config", on_two,
                                       "-n", kModule, "--migration", "2"});
  ASSERT_GT(victim.pid, 0);
  const bool waiting =
      WaitForRow(2,
                 "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = "
                 "'LOCK WAIT'",
                 "1", 120);
  absl::Status killed = cluster_->Kill(2);
  testing::CommandResult v = testing::KillProcessGroup(victim, SIGKILL);
  ASSERT_TRUE(killed.ok()) << killed;
  ASSERT_TRUE(waiting) << "the run never waited on the lock\n" << v.out << v.err;
  absl::Status two = cluster_->WaitForClusterSize(2, 60);
  ASSERT_TRUE(two.ok()) << two;

  // The chunks node 2 committed are on node 0 with their record.
  std::vector<std::string> progress = Query(0, "SELECT done_key FROM aos_migration_batches");
  ASSERT_EQ(progress.size(), 1u);
  int64_t done_key = 0;
  ASSERT_TRUE(absl::SimpleAtoi(progress[0], &done_key));
  EXPECT_GT(done_key, 0);
  EXPECT_LT(done_key, 1500);
  EXPECT_THAT(Query(0, "SELECT COUNT(*) FROM batch_items WHERE v = id + 1"),
              ElementsAre(absl::StrCat(done_key)));

  testing::CommandResult r = RunCommandOrFail({testing::Runfile("cli/aos-db-migrate"), "--config",
                                               on_zero, "-n", kModule, "--migration", "2", "-v"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  for (int node = 0; node < 2; ++node) {
    SCOPED_TRACE(absl::StrCat("node ", node));
    EXPECT_THAT(Query(node, "SELECT version FROM migrate_version"), ElementsAre("2"));
    EXPECT_THAT(Query(node, "SELECT COUNT(*), SUM(v = id + 1) FROM batch_items"),
                ElementsAre("3000\t3000"));
    EXPECT_THAT(Query(node, "SELECT COUNT(*) FROM aos_migration_batches"), ElementsAre("0"));
  }
}

}  // namespace
}  // namespace aos::e2e
