// database.h: one open connection to a module's database, whatever the
// engine. The engine, the version bookkeeping and code steps use only this.
//
// Errors: a failure of the database itself (cannot connect, a statement
// refused, a lost connection) is returned as a classified database error
// (database_error.h): the server's code and message as the text ("(1054)
// Unknown column 'x' in 'field list'"), its engine, code and category as
// the payload. Every other status is a mistake the operator can fix, shown
// plainly.
#ifndef AOS_CORE_BACKEND_DATABASE_H_
#define AOS_CORE_BACKEND_DATABASE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace aos::backend {

// How a connection is opened and what its statements may wait for.
struct SessionOptions {
  int connect_timeout_seconds = 10;
  // A statement waiting on a lock (e.g. DDL behind another session's
  // metadata lock) fails after this long instead of hanging.
  int lock_wait_timeout_seconds = 60;
  // MySQL: whether one round trip may carry several statements
  // (CLIENT_MULTI_STATEMENTS). The connection that runs a plugin's
  // statements has it off: a text the splitter took for one statement but
  // the server reads as two is refused by the server, never run in part.
  bool multi_statements = true;
};

// A bound parameter ('?' in the SQL).
using SqlValue = std::variant<int64_t, std::string>;
using Row = std::vector<std::optional<std::string>>;

// One statement with its parameters, for ExecuteAll.
struct BoundStatement {
  std::string sql;
  std::vector<SqlValue> params;
};

class Database {
 public:
  virtual ~Database() = default;

  // "mysql", "postgresql" or "sqlite".
  virtual absl::string_view dialect() const = 0;

  // Whether DDL takes part in transactions (PostgreSQL, SQLite: a failed
  // step can roll back completely) or commits implicitly (MySQL).
  virtual bool transactional_ddl() const = 0;

  // Runs one statement.
  virtual absl::Status Execute(absl::string_view sql,
                               const std::vector<SqlValue>& params = {}) = 0;

  // Runs the statements in order, stopping at the first that fails. It is
  // no transaction by itself: give BEGIN and COMMIT among them for one. A
  // backend may send them in one round trip (MySQL does).
  virtual absl::Status ExecuteAll(const std::vector<BoundStatement>& statements);

  // Runs one query and returns its rows, values as text (nullopt for NULL).
  virtual absl::StatusOr<std::vector<Row>> Query(
      absl::string_view sql, const std::vector<SqlValue>& params = {}) = 0;

  // Runs the queries in order and returns each one's rows, stopping at the
  // first that fails. A backend may send them in one round trip (MySQL does).
  virtual absl::StatusOr<std::vector<std::vector<Row>>> QueryAll(
      const std::vector<BoundStatement>& queries);

  // Whether a table of that name exists in the connected database.
  virtual absl::StatusOr<bool> TableExists(absl::string_view table) = 0;

  // Names of the tables in the connected database.
  virtual absl::StatusOr<std::vector<std::string>> ListTables() = 0;

  // Returns the session to what a new connection has (user variables,
  // session variables, temporary tables, prepared statements gone), where
  // the engine can (MySQL: COM_RESET_CONNECTION); a no-op elsewhere.
  virtual absl::Status ResetSession() { return absl::OkStatus(); }

  // Sets the session's lock_wait_timeout (MySQL) for what runs next. A
  // backend that knows the session has it already sends nothing.
  virtual absl::Status SetLockWaitTimeout(int seconds);
  // The same, owed: set right before the next statement, unless that is a
  // SetLockWaitTimeout (a DDL statement's short wait given back lazily, so
  // that the next DDL statement's costs no round trip). A backend that
  // does not track the session sets it now.
  virtual absl::Status OweLockWaitTimeout(int seconds) {
    return SetLockWaitTimeout(seconds);
  }
  // A statement that may have changed it ran (a plugin's): the next
  // SetLockWaitTimeout sends.
  virtual void ForgetLockWaitTimeout() {}

  // The server's number for this connection's session (PostgreSQL: the
  // backend pid, as pg_backend_pid() gives it), what a session record for
  // resume names; nullopt where the backend does not say (SQLite; MySQL
  // reads CONNECTION_ID() instead). Answered without a round trip.
  virtual std::optional<int64_t> ServerSessionId() const { return std::nullopt; }

  // Asks the server to stop the statement this connection is running now
  // (PostgreSQL: PQcancel). Safe to call from another thread while that
  // statement runs; the statement then fails as cancelled (SQLSTATE 57014)
  // and the connection stays usable. OK when nothing was running.
  // kUnimplemented where the backend has no way (a MySQL statement is
  // ended with KILL from another connection instead).
  virtual absl::Status CancelRunning() {
    return absl::UnimplementedError("this database backend cannot cancel a running statement");
  }

  // Transactions, for engines with transactional DDL.
  absl::Status Begin() { return Execute("BEGIN", {}); }
  absl::Status Commit() { return Execute("COMMIT", {}); }
  absl::Status Rollback() { return Execute("ROLLBACK", {}); }
};

// Runs `query`, which reads `table` alone, and returns its rows, or nullopt
// when the table does not exist. Whether it exists is known only when the
// query failed (the table is there on every run but a module's first): from
// the server's error where it says so (MySQL 1146, PostgreSQL 42P01: the
// one table it reads is missing), else by asking, and then the query is
// tried again when a concurrent session created the table meanwhile.
absl::StatusOr<std::optional<std::vector<Row>>> QueryIfTableExists(
    Database& db, absl::string_view table, const BoundStatement& query);

// Whether `status` is a failure of the database itself (see the file
// comment).
bool IsDatabaseError(const absl::Status& status);

}  // namespace aos::backend

#endif  // AOS_CORE_BACKEND_DATABASE_H_
