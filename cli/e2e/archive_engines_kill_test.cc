// A run SIGKILLed between the archive's copy and the DROP (issue 27), on
// PostgreSQL and SQLite, and the next run finishing exactly. There the
// copy, the step's statements and its version are one transaction, so
// "exactly" means: after the kill the whole step is rolled back (version
// 1, every value in place, no archive, no archives' record), the next run
// archives once and drops once (one archive per destroyed table, with
// every row), and the downgrade gives every value back.
//
// The run is stopped where the MariaDB test (archive_test.cc) stops it:
// another client holds the table, so the statement after the copy waits.
//  - PostgreSQL: an open transaction that read l holds ACCESS SHARE; the
//    copy (a read) passes, ALTER TABLE l DROP COLUMN waits for its lock.
//  - SQLite: an open read transaction holds the database's SHARED lock;
//    the step's writes (the copy, then the drops) pass, its COMMIT waits
//    for the reader while holding PENDING (/proc/locks shows it).
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cli/e2e/archive_engines.h"
#include "cli/e2e/postgresql_fixture.h"
#include "cli/e2e/process_helpers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Starts the tool's upgrade of archkeep in a process group of its own.
testing::StartedCommand StartUpgrade(const Engine& e) {
  return testing::StartInNewProcessGroup(
      {testing::Runfile("cli/aos-db-migrate"), "--config", e.config, "-n", "archkeep"});
}

// What the kill left, then the next run and the downgrade (file comment).
void TheNextRunFinishesExactly(const Engine& e) {
  EXPECT_EQ(VersionOf(e, "archkeep"), "1");
  EXPECT_THAT(e.query("archkeep", "SELECT id, v, gone FROM l ORDER BY id"),
              ElementsAre("1|a|g1", "2|b|g2", "3|c|"));
  EXPECT_THAT(e.query("archkeep", "SELECT COUNT(*) FROM l_old"), ElementsAre("2"));
  EXPECT_THAT(ArchiveTables(e, "archkeep"), IsEmpty());
  EXPECT_FALSE(HasArchiveRecords(e, "archkeep"));
  testing::CommandResult next = Run(e, {"-n", "archkeep", "-v"});
  ASSERT_EQ(next.exit_code, 0) << next.out << next.err;
  EXPECT_THAT(ResultOf(next, "ArchiveKeep"), HasSubstr("1 -> 2"));
  EXPECT_EQ(VersionOf(e, "archkeep"), "2");
  EXPECT_THAT(e.query("archkeep",
                      "SELECT statement_index, table_name, row_count FROM "
                      "aos_migration_archives ORDER BY seq"),
              ElementsAre("1|l|3", "2|l_old|2"));
  EXPECT_EQ(ArchiveTables(e, "archkeep").size(), 2u);
  ASSERT_NO_FATAL_FAILURE(DownGivesBackTheRowsKept(e));
}

class PostgresqlArchiveKillTest : public PostgresqlSuite<> {};

TEST_F(PostgresqlArchiveKillTest, KilledBetweenTheCopyAndTheDrop) {
  const Engine e = PostgresqlEngine(pg_, "_k");
  ASSERT_NO_FATAL_FAILURE(KeepAtOneWithRows(e));
  const std::string db = "archkeep_k";
  testing::StartedCommand holder =
      testing::StartInNewProcessGroup({"psql", "-X", "-q", pg_->Url(db), "-c", "BEGIN", "-c",
                                       "SELECT * FROM l LIMIT 1", "-c", "SELECT pg_sleep(60)"});
  ASSERT_GT(holder.pid, 0);
  const std::string others = absl::StrCat("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '",
                                          db, "' AND pid <> pg_backend_pid()");
  auto count = [&](const std::string& where) {
    std::vector<std::string> n = e.query("archkeep", others + where);
    return n.size() == 1 ? n[0] : "";
  };
  ASSERT_TRUE(WaitFor([&] { return count(" AND query LIKE 'SELECT pg_sleep(60)%'") == "1"; },
                      SecondsFromNow(20)));
  testing::StartedCommand run = StartUpgrade(e);
  ASSERT_GT(run.pid, 0);
  // The copy ran before the statement (Archiver::BeforeStatement), in the
  // step's transaction: the ALTER waiting for its lock comes after it.
  const bool waiting = WaitFor(
      [&] {
        return count(
                   " AND wait_event_type = 'Lock' AND query LIKE "
                   "'ALTER TABLE l DROP COLUMN gone%'") == "1";
      },
      SecondsFromNow(60));
  testing::CommandResult killed = testing::KillProcessGroup(run, SIGKILL);
  ASSERT_TRUE(waiting) << killed.out << killed.err;
  // The holder ends; the killed run's backend then finds no client and
  // rolls its transaction back.
  e.query("archkeep",
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
          "query LIKE 'SELECT pg_sleep(60)%' AND pid <> pg_backend_pid()");
  (void)testing::KillProcessGroup(holder, SIGKILL);
  ASSERT_TRUE(WaitFor([&] { return count("") == "0"; }, SecondsFromNow(60)));
  TheNextRunFinishesExactly(e);
}

// Whether a process holds a POSIX lock of `type` ("READ", "WRITE") on
// `file` from byte `start` (/proc/locks).
bool LockedAt(const std::string& file, const std::string& type, int64_t start) {
  struct stat st;
  if (stat(file.c_str(), &st) != 0) return false;
  const std::string inode = absl::StrCat(":", st.st_ino);
  std::ifstream locks("/proc/locks");
  std::string line;
  while (std::getline(locks, line)) {
    std::istringstream in(line);
    std::vector<std::string> f;
    for (std::string w; in >> w;) f.push_back(w);
    if (f.size() < 8 || f[1] == "->" || f[1] != "POSIX") continue;
    if (f[3] == type && absl::EndsWith(f[5], inode) && f[6] == absl::StrCat(start)) {
      return true;
    }
  }
  return false;
}

// SQLite's lock bytes (os_unix.c): PENDING_BYTE 0x40000000, the SHARED
// range two bytes on.
constexpr int64_t kPendingByte = 0x40000000;
constexpr int64_t kSharedFirst = kPendingByte + 2;

TEST(SqliteArchiveKillTest, KilledBetweenTheCopyAndTheDrop) {
  const Engine e = SqliteEngine();
  ASSERT_NO_FATAL_FAILURE(KeepAtOneWithRows(e));
  const std::string file = SqliteFile(e, "archkeep");
  testing::StartedCommand holder = testing::StartInNewProcessGroup(
      {"sh", "-c",
       absl::StrCat("(echo 'BEGIN; SELECT COUNT(*) FROM l;'; sleep 60) | "
                    "sqlite3 ",
                    file)});
  ASSERT_GT(holder.pid, 0);
  ASSERT_TRUE(WaitFor([&] { return LockedAt(file, "READ", kSharedFirst); }, SecondsFromNow(20)));
  testing::StartedCommand run = StartUpgrade(e);
  ASSERT_GT(run.pid, 0);
  // PENDING is taken at COMMIT only: the copy and the drops have run.
  const bool committing =
      WaitFor([&] { return LockedAt(file, "WRITE", kPendingByte); }, SecondsFromNow(60));
  testing::CommandResult killed = testing::KillProcessGroup(run, SIGKILL);
  ASSERT_TRUE(committing) << killed.out << killed.err;
  // It died in its transaction: a hot journal is left for the next opener.
  EXPECT_EQ(access((file + "-journal").c_str(), F_OK), 0);
  (void)testing::KillProcessGroup(holder, SIGKILL);
  TheNextRunFinishesExactly(e);
}

}  // namespace
}  // namespace aos::e2e
