// The PostgreSQL backend against a real server (tools/testing): a password
// holding any character reaches the server with no file written, failures
// come typed by their SQLSTATE, values travel as parameters, the backend
// pid is the session's, and a running statement can be cancelled.
#include "core/backend/postgresql_database.h"

#include <dirent.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/backend/database_error.h"
#include "gtest/gtest.h"
#include "tools/testing/command_runner.h"
#include "tools/testing/postgresql_server.h"

namespace aos::backend {
namespace {

// Space, both quotes, backslash, '=', ':' and a non-ASCII letter: each has
// broken one way of passing a password to libpq.
constexpr char kPassword[] = "a b'c\\d=e \"f:ü";
constexpr char kPasswordLiteral[] = "'a b''c\\d=e \"f:ü'";

class PostgresqlDatabaseTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new testing::PostgresqlServer();
    if (!server_->Start().ok()) return;
    // Password authentication for pwuser over TCP, trust for the rest.
    std::ofstream(server_->data_dir() + "/pg_hba.conf", std::ios::trunc)
        << "host all pwuser 127.0.0.1/32 scram-sha-256\n"
        << "local all all trust\n"
        << "host all all 127.0.0.1/32 trust\n";
    (void)server_->Execute("SELECT pg_reload_conf()");
    (void)server_->Execute(absl::StrCat("CREATE ROLE pwuser LOGIN PASSWORD ", kPasswordLiteral));
    (void)server_->Execute("CREATE DATABASE backend_test");
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(server_->Query("SELECT 1").ok()) << "the server did not start";
  }

  static config::ConnectionUrl Url(const std::string& user = "postgres",
                                   const std::string& password = "") {
    config::ConnectionUrl url;
    url.dialect = "postgresql";
    url.user = user;
    url.password = password;
    url.has_password = !password.empty();
    url.host = "127.0.0.1";
    url.port = server_->port();
    url.database = "backend_test";
    return url;
  }

  static std::unique_ptr<Database> Open(SessionOptions options = {}) {
    absl::StatusOr<std::unique_ptr<Database>> db = OpenPostgresqlDatabase(Url(), options);
    EXPECT_TRUE(db.ok()) << db.status();
    return db.ok() ? *std::move(db) : nullptr;
  }

  static testing::PostgresqlServer* server_;
};

testing::PostgresqlServer* PostgresqlDatabaseTest::server_ = nullptr;

std::vector<std::string> Entries(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      const std::string name = e->d_name;
      if (name != "." && name != "..") names.push_back(name);
    }
    closedir(d);
  }
  return names;
}

std::string ServerCode(const absl::Status& st) {
  std::optional<DatabaseErrorInfo> info = GetDatabaseError(st);
  return info ? info->server_code : "(not a database error: " + st.ToString() + ")";
}

TEST_F(PostgresqlDatabaseTest, AnyPasswordConnectsAndNoFileIsWritten) {
  const std::string tmp = testing::NewTempDir("pgtmp.");
  const char* old_tmpdir = getenv("TMPDIR");
  const std::string saved = old_tmpdir ? old_tmpdir : "";
  setenv("TMPDIR", tmp.c_str(), 1);
  absl::StatusOr<std::unique_ptr<Database>> db =
      OpenPostgresqlDatabase(Url("pwuser", kPassword), {});
  if (old_tmpdir) {
    setenv("TMPDIR", saved.c_str(), 1);
  } else {
    unsetenv("TMPDIR");
  }
  ASSERT_TRUE(db.ok()) << db.status();
  absl::StatusOr<std::vector<Row>> rows = (*db)->Query("SELECT current_user");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ((*rows)[0][0], "pwuser");
  EXPECT_TRUE(Entries(tmp).empty());
}

// With /tmp read-only (a mount namespace of a child's own) the connection
// is made all the same: nothing is written on the way.
TEST_F(PostgresqlDatabaseTest, AnyPasswordConnectsWithTmpReadOnly) {
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (unshare(CLONE_NEWNS) != 0 ||
        mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
        mount("tmpfs", "/tmp", "tmpfs", MS_RDONLY, nullptr) != 0) {
      _exit(77);
    }
    setenv("TMPDIR", "/tmp", 1);
    absl::StatusOr<std::unique_ptr<Database>> db =
        OpenPostgresqlDatabase(Url("pwuser", kPassword), {});
    _exit(db.ok() && (*db)->Query("SELECT 1").ok() ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 77) GTEST_SKIP() << "no mount namespace here";
  EXPECT_EQ(WEXITSTATUS(status), 0) << "cannot connect with /tmp read-only";
}

TEST_F(PostgresqlDatabaseTest, AWrongPasswordIsAccessDenied) {
  absl::StatusOr<std::unique_ptr<Database>> db = OpenPostgresqlDatabase(Url("pwuser", "a b'c"), {});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(CategoryOf(db.status()), ErrorCategory::kAccessDenied) << db.status();
}

TEST_F(PostgresqlDatabaseTest, NoServerIsCannotConnect) {
  config::ConnectionUrl url = Url();
  url.port = 1;  // nothing listens there
  absl::StatusOr<std::unique_ptr<Database>> db = OpenPostgresqlDatabase(url, {});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(CategoryOf(db.status()), ErrorCategory::kCannotConnect) << db.status();
}

TEST_F(PostgresqlDatabaseTest, AUniqueViolationIsADuplicate) {
  std::unique_ptr<Database> db = Open();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->Execute("CREATE TABLE uniq (id INT PRIMARY KEY)").ok());
  ASSERT_TRUE(db->Execute("INSERT INTO uniq VALUES (?)", {int64_t{1}}).ok());
  absl::Status st = db->Execute("INSERT INTO uniq VALUES (?)", {int64_t{1}});
  EXPECT_EQ(CategoryOf(st), ErrorCategory::kDuplicate) << st;
  EXPECT_EQ(ServerCode(st), "23505");
  st = db->Execute("INSERT INTO uniq VALUES (1)");  // no parameters
  EXPECT_EQ(CategoryOf(st), ErrorCategory::kDuplicate) << st;
}

TEST_F(PostgresqlDatabaseTest, ALockWaitPastLockTimeoutIsALockWaitTimeout) {
  std::unique_ptr<Database> holder = Open();
  std::unique_ptr<Database> waiter = Open({.lock_wait_timeout_seconds = 1});
  ASSERT_NE(holder, nullptr);
  ASSERT_NE(waiter, nullptr);
  ASSERT_TRUE(holder->Execute("CREATE TABLE locked (id INT)").ok());
  ASSERT_TRUE(holder->Begin().ok());
  ASSERT_TRUE(holder->Execute("LOCK TABLE locked IN ACCESS EXCLUSIVE MODE").ok());
  absl::StatusOr<std::vector<Row>> rows =
      waiter->Query("SELECT id FROM locked WHERE id = ?", {int64_t{1}});
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(CategoryOf(rows.status()), ErrorCategory::kLockWaitTimeout) << rows.status();
  EXPECT_EQ(ServerCode(rows.status()), "55P03");
  EXPECT_TRUE(holder->Rollback().ok());
}

TEST_F(PostgresqlDatabaseTest, ASyntaxErrorIsSyntax) {
  std::unique_ptr<Database> db = Open();
  ASSERT_NE(db, nullptr);
  absl::Status st = db->Execute("SELEC 1");
  EXPECT_EQ(CategoryOf(st), ErrorCategory::kSyntax) << st;
  EXPECT_EQ(ServerCode(st), "42601");
  absl::StatusOr<std::vector<Row>> rows = db->Query("SELEC ?", {int64_t{1}});
  EXPECT_EQ(CategoryOf(rows.status()), ErrorCategory::kSyntax) << rows.status();
}

// A missing table is known from the query's own error (42P01), an
// existing one gives its rows, any other failure is the failure.
TEST_F(PostgresqlDatabaseTest, QueryIfTableExistsTellsAMissingTableFromAFailure) {
  std::unique_ptr<Database> db = Open();
  ASSERT_NE(db, nullptr);
  absl::StatusOr<std::optional<std::vector<Row>>> missing =
      QueryIfTableExists(*db, "not_here", {"SELECT id FROM not_here", {}});
  ASSERT_TRUE(missing.ok()) << missing.status();
  EXPECT_FALSE(missing->has_value());
  ASSERT_TRUE(db->Execute("CREATE TABLE here (id INT)").ok());
  ASSERT_TRUE(db->Execute("INSERT INTO here VALUES (7)").ok());
  absl::StatusOr<std::optional<std::vector<Row>>> present =
      QueryIfTableExists(*db, "here", {"SELECT id FROM here", {}});
  ASSERT_TRUE(present.ok()) << present.status();
  ASSERT_TRUE(present->has_value());
  ASSERT_EQ((*present)->size(), 1u);
  EXPECT_EQ((**present)[0][0].value_or(""), "7");
  absl::StatusOr<std::optional<std::vector<Row>>> failed =
      QueryIfTableExists(*db, "here", {"SELECT no_such_column FROM here", {}});
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(ServerCode(failed.status()), "42703");
}

// As MySQL's unknown table (1146): no category of its own, the SQLSTATE
// in the payload and in front of the server's words.
TEST_F(PostgresqlDatabaseTest, AnUnknownTableCarriesItsSqlstate) {
  std::unique_ptr<Database> db = Open();
  ASSERT_NE(db, nullptr);
  absl::StatusOr<std::vector<Row>> rows = db->Query("SELECT * FROM nowhere");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(CategoryOf(rows.status()), ErrorCategory::kOther) << rows.status();
  EXPECT_EQ(ServerCode(rows.status()), "42P01");
  EXPECT_EQ(rows.status().message().substr(0, 8), "(42P01) ");
}

TEST_F(PostgresqlDatabaseTest, ValuesTravelAsParameters) {
  std::unique_ptr<Database> db = Open();
  ASSERT_NE(db, nullptr);
  const std::string hostile = "it's \\ a '?' -- $1 /* ü";
  absl::StatusOr<std::vector<Row>> rows =
      db->Query("SELECT ?::text, '?' /* ? */, $$ ? $$, ? -- ?\n", {hostile, int64_t{-7}});
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0], (Row{hostile, "?", " ? ", "-7"}));
  EXPECT_FALSE(db->Query("SELECT ?", {}).ok());  // a value missing
}

// Booleans read "true" and "false" as they did through Poco Data.
TEST_F(PostgresqlDatabaseTest, ValuesReadAsText) {
  std::unique_ptr<Database> db = Open();
  ASSERT_NE(db, nullptr);
  absl::StatusOr<std::vector<Row>> rows = db->Query(
      "SELECT true, false, 7::int2, 9000000000::int8, 'x'::text, NULL, "
      "2.5::float8, 1.25::numeric, '2024-01-02 03:04:05'::timestamp");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0][0], "true");
  EXPECT_EQ((*rows)[0][1], "false");
  EXPECT_EQ((*rows)[0][2], "7");
  EXPECT_EQ((*rows)[0][3], "9000000000");
  EXPECT_EQ((*rows)[0][4], "x");
  EXPECT_EQ((*rows)[0][5], std::nullopt);
  EXPECT_EQ((*rows)[0][6], "2.5");
  EXPECT_EQ((*rows)[0][7], "1.25");
  // As the server writes it (Poco Data made it 2024-01-02T03:04:05Z).
  EXPECT_EQ((*rows)[0][8], "2024-01-02 03:04:05");
}

TEST_F(PostgresqlDatabaseTest, SeveralStatementsInOneExecute) {
  std::unique_ptr<Database> db = Open();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->Execute("CREATE TABLE two_a (x INT); CREATE TABLE two_b (x INT)").ok());
  absl::StatusOr<std::vector<std::string>> tables = db->ListTables();
  ASSERT_TRUE(tables.ok()) << tables.status();
  EXPECT_TRUE(*db->TableExists("two_a"));
  EXPECT_TRUE(*db->TableExists("two_b"));
}

TEST_F(PostgresqlDatabaseTest, TheServerSessionIdIsTheBackendPid) {
  std::unique_ptr<Database> db = Open();
  ASSERT_NE(db, nullptr);
  absl::StatusOr<std::vector<Row>> rows = db->Query("SELECT pg_backend_pid()");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_TRUE(db->ServerSessionId().has_value());
  EXPECT_EQ(absl::StrCat(*db->ServerSessionId()), (*rows)[0][0].value_or(""));
}

TEST_F(PostgresqlDatabaseTest, AConnectionEndedByTheServerIsLost) {
  std::unique_ptr<Database> db = Open();
  std::unique_ptr<Database> other = Open();
  ASSERT_NE(db, nullptr);
  ASSERT_NE(other, nullptr);
  ASSERT_TRUE(db->ServerSessionId().has_value());
  ASSERT_TRUE(other->Query("SELECT pg_terminate_backend(?::int)", {*db->ServerSessionId()}).ok());
  absl::StatusOr<std::vector<Row>> rows = db->Query("SELECT 1");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(CategoryOf(rows.status()), ErrorCategory::kConnectionLost) << rows.status();
}

TEST_F(PostgresqlDatabaseTest, CancelStopsARunningStatement) {
  std::unique_ptr<Database> db = Open();
  std::unique_ptr<Database> watcher = Open();
  ASSERT_NE(db, nullptr);
  ASSERT_NE(watcher, nullptr);
  ASSERT_TRUE(db->ServerSessionId().has_value());
  const int64_t pid = *db->ServerSessionId();
  absl::Status sleep_status;
  std::thread sleeper([&] { sleep_status = db->Query("SELECT pg_sleep(60)").status(); });
  // Wait until the server runs it (a condition, not a sleep).
  bool running = false;
  for (const absl::Time limit = absl::Now() + absl::Seconds(30); !running && absl::Now() < limit;) {
    absl::StatusOr<std::vector<Row>> rows = watcher->Query(
        "SELECT count(*) FROM pg_stat_activity WHERE pid = ?::int AND "
        "state = 'active' AND query LIKE 'SELECT pg_sleep%'",
        {pid});
    running = rows.ok() && (*rows)[0][0] == "1";
  }
  const absl::Time cancelled = absl::Now();
  absl::Status cancel = db->CancelRunning();
  sleeper.join();
  ASSERT_TRUE(running) << "the statement never started";
  EXPECT_TRUE(cancel.ok()) << cancel;
  // pg_sleep(60) stopped long before its minute, on a loaded machine too.
  EXPECT_LT(absl::Now() - cancelled, absl::Seconds(20));
  EXPECT_EQ(ServerCode(sleep_status), "57014") << sleep_status;
  EXPECT_TRUE(db->Query("SELECT 1").ok());  // the connection stays usable
}

}  // namespace
}  // namespace aos::backend
