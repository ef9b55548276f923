// A run killed while PostgreSQL runs its step (issue 25: the backend pid
// recorded for resume). The server goes on with a statement whose client
// is gone, in a transaction nobody will commit, holding the step's locks;
// the next run, taking the killed run's lock over, ends that backend
// (pg_terminate_backend) before it runs the step again, instead of waiting
// on its locks until lock_wait_timeout. The killed run's lock row names its
// backend (lease_lock.h); a backend of that pid opened later is never
// ended.
#include <signal.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/postgresql_fixture.h"
#include "cli/e2e/process_helpers.h"
#include "cli/e2e/report_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/testing/command_runner.h"

namespace aos::e2e {
namespace {

using ::testing::ElementsAre;

constexpr char kOrphan[] = "testdata/orphan_plugins/liborphan.so";

class OrphanSessionTest : public PostgresqlSuite<> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(PostgresqlSuite::SetUp());
    db_ = absl::StrCat("orphan_", ++counter_);
    ASSERT_TRUE(pg_->Execute("CREATE DATABASE " + db_).ok());
    config_ = testing::NewTempDir("orphan.") + "/db.conf";
    // A lock wait of 10 s at most: the run that waited on the killed
    // run's locks instead of ending its backend fails within it.
    testing::WriteFile(
        config_, absl::StrCat("[DEFAULT]\nplugin_dir = ", NewPluginDir({kOrphan}),
                              "\nlock_timeout = 60\nlock_wait_timeout = 10\n"
                              "[orphan]\nconnection = ", pg_->Url(db_), "\n"));
  }

  testing::CommandResult Run(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {testing::Runfile("cli/aos-db-migrate"),
                                     "--config", config_};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommandOrFail(argv);
  }

  std::vector<std::string> Query(const std::string& sql) {
    absl::StatusOr<std::vector<std::string>> rows = pg_->Query(sql, db_);
    EXPECT_TRUE(rows.ok()) << rows.status() << "\n" << sql;
    return rows.ok() ? *rows : std::vector<std::string>{};
  }

  // The pids of the backends of this test's database running the step's
  // wait.
  std::vector<std::string> Sleepers() {
    return Query(absl::StrCat(
        "SELECT pid FROM pg_stat_activity WHERE datname = '", db_,
        "' AND query LIKE 'SELECT pg_sleep%' AND pid <> pg_backend_pid()"));
  }

  inline static int counter_ = 0;
  std::string db_;
  std::string config_;
};

TEST_F(OrphanSessionTest, TheNextRunEndsTheKilledRunsBackend) {
  testing::CommandResult first = Run({"-n", "orphan", "--migration", "1"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  ASSERT_TRUE(pg_->Execute("UPDATE sleep_control SET secs = 600", db_).ok());

  testing::StartedCommand run = testing::StartInNewProcessGroup(
      {testing::Runfile("cli/aos-db-migrate"), "--config", config_, "-n",
       "orphan"});
  ASSERT_GT(run.pid, 0);
  std::vector<std::string> sleepers;
  const bool sleeping = WaitFor(
      [&] {
        sleepers = Sleepers();
        return sleepers.size() == 1;
      },
      SecondsFromNow(60));
  testing::CommandResult killed = testing::KillProcessGroup(run, SIGKILL);
  ASSERT_TRUE(sleeping) << killed.out << killed.err;
  // The server goes on: the backend still holds t's lock.
  EXPECT_EQ(Sleepers(), sleepers);

  ASSERT_TRUE(pg_->Execute("UPDATE sleep_control SET secs = 0", db_).ok());
  testing::CommandResult next = Run({"-n", "orphan"});
  ASSERT_EQ(next.exit_code, 0) << next.out << next.err;
  std::optional<ReportRow> row = FindRow(next.out, "Orphan");
  ASSERT_TRUE(row.has_value()) << next.out;
  EXPECT_EQ(row->result, "1 -> 2");
  EXPECT_THAT(Query(absl::StrCat("SELECT COUNT(*) FROM pg_stat_activity "
                                 "WHERE pid = ", sleepers[0])),
              ElementsAre("0"));
  EXPECT_THAT(Query("SELECT COUNT(*) FROM information_schema.columns WHERE "
                    "table_name = 't' AND column_name = 'c'"),
              ElementsAre("1"));
}

// A run that ended as it should leaves no session to end: the next run
// ends nothing, even with the same backend pid alive (this test's own
// connection stands for one).
TEST_F(OrphanSessionTest, ACleanRunLeavesNothingToEnd) {
  testing::CommandResult first = Run({"-n", "orphan", "--migration", "1"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  testing::CommandResult next = Run({"-n", "orphan"});
  ASSERT_EQ(next.exit_code, 0) << next.out << next.err;
  EXPECT_THAT(next.err, ::testing::Not(::testing::HasSubstr("ending server session")));
  EXPECT_THAT(Query("SELECT COUNT(*) FROM aos_migration_lock"), ElementsAre("0"));
}

}  // namespace
}  // namespace aos::e2e
