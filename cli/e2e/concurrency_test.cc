// Concurrent runs: the eight-run storm on the seven databases, and a run
// that cannot get a module's lock in time.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/e2e/migrate_fixture.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::e2e {
namespace {

using ::testing::HasSubstr;

class ConcurrencyTest : public MigrateTest {
 protected:
  // Gives the module's database the tool's lock table, empty, without
  // versioning that database: the tool creates the table in a run of the
  // module on a scratch database, and the test copies its definition
  // (CREATE TABLE ... LIKE), so that no test repeats the product's DDL. A
  // test then plants another controller's lease in it.
  void CreateLockTableAsTheToolDoes(const std::string& module) {
    const std::string scratch = Db("lock_table_source");
    ASSERT_TRUE(server_
                    ->Execute(absl::StrCat("DROP DATABASE IF EXISTS ", scratch,
                                           "; CREATE DATABASE ", scratch))
                    .ok());
    std::string config = ConfigWith(PluginDir({ShippedPlugin(module)}),
                                    {{module, Url("lock_table_source")}});
    testing::CommandResult r = Migrate(config, {"-n", module});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    absl::Status st = server_->Execute(
        absl::StrCat("CREATE TABLE aos_migration_lock LIKE ", scratch,
                     ".aos_migration_lock; DROP DATABASE ", scratch),
        Db(module));
    ASSERT_TRUE(st.ok()) << st;
    ASSERT_EQ(RecordedVersion(module), "");
  }
};

TEST_F(ConcurrencyTest, EightRunsAtOnceApplyEveryStepExactlyOnce) {
  std::string config = Config(PluginDir());
  std::vector<testing::CommandResult> results(8);
  std::vector<std::thread> runs;
  for (int i = 0; i < 8; ++i) {
    runs.emplace_back([&, i] { results[i] = Migrate(config, {"--workers", "7", "-v"}); });
  }
  for (std::thread& t : runs) t.join();
  for (const testing::CommandResult& r : results) {
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_THAT(r.out, ::testing::Not(HasSubstr("FAIL")));
  }
  for (const Latest& l : LatestVersions()) {
    const std::string& module = l.module;
    const int64_t version = l.version;
    EXPECT_EQ(RecordedVersion(module), std::to_string(version)) << module;
    absl::StatusOr<std::vector<std::string>> rows = server_->Query(
        "SELECT version, COUNT(*) FROM aos_migration_history "
        "WHERE direction = 'upgrade' GROUP BY version HAVING COUNT(*) <> 1",
        Db(module));
    ASSERT_TRUE(rows.ok()) << rows.status();
    EXPECT_TRUE(rows->empty()) << module << " applied a step twice: " << (*rows)[0];
    absl::StatusOr<std::vector<std::string>> applied = server_->Query(
        "SELECT COUNT(*) FROM aos_migration_history WHERE outcome = 'ok'",
        Db(module));
    ASSERT_TRUE(applied.ok());
    EXPECT_EQ((*applied)[0], std::to_string(version)) << module;
  }
}

TEST_F(ConcurrencyTest, ARunThatCannotGetTheLockNamesTheHolder) {
  std::string config = Config(PluginDir());
  // Another controller's live lease on journal.
  ASSERT_NO_FATAL_FAILURE(CreateLockTableAsTheToolDoes("journal"));
  ASSERT_TRUE(
      server_
          ->Execute("INSERT INTO aos_migration_lock (repository_id, owner, "
                    "host, pid, acquired_at, expires_at) VALUES ('journal', "
                    "'other', 'controller-2', 4242, NOW(), NOW() + INTERVAL "
                    "1 HOUR)",
                    Db("journal"))
          .ok());
  testing::CommandResult r =
      Migrate(config, {"-n", "journal", "dashboard", "--lock-timeout", "1", "-v"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("| Journal     | FAIL   |"));
  // The Result column wraps: read the row unwrapped.
  std::optional<ReportRow> journal = FindRow(r.out, "Journal");
  ASSERT_TRUE(journal.has_value()) << r.out;
  EXPECT_THAT(journal->result, HasWrappedSubstr("controller-2, pid"));
  // Told on stderr while it waits, also without a terminal (systemd).
  EXPECT_THAT(r.err, HasSubstr("journal: waiting for the migration lock held "
                               "by host controller-2, pid"));
  EXPECT_THAT(r.out, HasSubstr(absl::StrCat("| Dashboard   | OK     | 0 -> ",
                                            LatestVersion("dashboard"))));
  EXPECT_EQ(RecordedVersion("journal"), "");
}

TEST_F(ConcurrencyTest, AnExpiredLeaseOfADeadHolderIsTakenOver) {
  std::string config = Config(PluginDir());
  ASSERT_NO_FATAL_FAILURE(CreateLockTableAsTheToolDoes("journal"));
  ASSERT_TRUE(
      server_
          ->Execute("INSERT INTO aos_migration_lock (repository_id, owner, "
                    "host, pid, acquired_at, expires_at) VALUES ('journal', "
                    "'dead', 'controller-3', 99, NOW() - INTERVAL 10 MINUTE, "
                    "NOW() - INTERVAL 1 MINUTE)",
                    Db("journal"))
          .ok());
  testing::CommandResult r = Migrate(config, {"-n", "journal", "--lock-timeout", "1"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(RecordedVersion("journal"),
            std::to_string(LatestVersion("journal")));
}


// A holder on this very host whose process is gone (killed, OOM) is taken
// over at once, though its lease has an hour to run; a live one on this
// host is waited for like any other.
TEST_F(ConcurrencyTest, ALocalHolderWhoseProcessIsGoneIsTakenOverAtOnce) {
  std::string config = Config(PluginDir());
  char host[256] = {0};
  ASSERT_EQ(gethostname(host, sizeof(host) - 1), 0);
  pid_t gone = fork();
  if (gone == 0) _exit(0);
  ASSERT_GT(gone, 0);
  int status = 0;
  ASSERT_EQ(waitpid(gone, &status, 0), gone);  // reaped: the pid is free
  // The journal database and the lock table, as a first run makes them.
  testing::CommandResult first = Migrate(config, {"-n", "journal", "--migration", "1"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  ASSERT_TRUE(server_
                  ->Execute(absl::StrCat(
                                "INSERT INTO aos_migration_lock VALUES "
                                "('journal', 'killed', '",
                                host, "', ", gone,
                                ", NOW(), NOW() + INTERVAL 1 HOUR)"),
                            Db("journal"))
                  .ok());
  testing::CommandResult r =
      Migrate(config, {"-n", "journal", "--lock-timeout", "1", "-v"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(RecordedVersion("journal"),
            std::to_string(LatestVersion("journal")));

  // This test process is alive: its row is waited for, and named.
  ASSERT_TRUE(server_
                  ->Execute(absl::StrCat(
                                "INSERT INTO aos_migration_lock VALUES "
                                "('journal', 'alive', '",
                                host, "', ", getpid(),
                                ", NOW(), NOW() + INTERVAL 1 HOUR)"),
                            Db("journal"))
                  .ok());
  testing::CommandResult held = Migrate(
      config, {"-n", "journal", "--migration", "4", "--lock-timeout", "1", "-v"});
  EXPECT_EQ(held.exit_code, 1) << held.out << held.err;
  std::optional<ReportRow> row = FindRow(held.out, "Journal");
  ASSERT_TRUE(row.has_value()) << held.out;
  EXPECT_THAT(row->result,
              HasWrappedSubstr(absl::StrCat("another run holds the migration "
                                            "lock of journal (host ",
                                            host, ", pid ", getpid(), ",")));
  EXPECT_EQ(RecordedVersion("journal"),
            std::to_string(LatestVersion("journal")));
}

}  // namespace
}  // namespace aos::e2e
