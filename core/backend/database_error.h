// database_error.h: what kind of database failure an absl::Status carries.
//
// A backend returns every failure of the database itself (cannot connect,
// a statement refused, a lost connection) as a Status with a payload: the
// engine ("mysql", "postgresql", "sqlite"), the server's own code (MySQL
// error number, PostgreSQL SQLSTATE, SQLite extended result code) and a
// category. Retries, hints, masking and tests decide on the category, never
// on the message text, which is for people only.
//
//   absl::Status st = db.Execute(sql);
//   if (backend::CategoryOf(st) == backend::ErrorCategory::kLockWaitTimeout)
//     ...
//
// The payload survives a change of message only through WithPrefix() (a
// Status rebuilt by hand loses it).
#ifndef AOS_CORE_BACKEND_DATABASE_ERROR_H_
#define AOS_CORE_BACKEND_DATABASE_ERROR_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace aos::backend {

enum class ErrorCategory {
  kConnectionLost,   // the connection died under a statement
  kCannotConnect,    // no connection could be made
  kAccessDenied,     // authentication or privilege
  kLockWaitTimeout,  // waited too long for another session's lock
  kDeadlock,         // deadlock, serialization or Galera certification
  kDuplicate,        // duplicate key, or an object that already exists
  kSyntax,           // the server could not parse the statement
  kOther,
};

// "connection_lost", "cannot_connect", ... (the -f json spelling).
absl::string_view CategoryName(ErrorCategory category);

struct DatabaseErrorInfo {
  std::string engine;       // "mysql", "postgresql", "sqlite"
  std::string server_code;  // "1205", "40P01", "2067"; may be empty
  ErrorCategory category = ErrorCategory::kOther;
};

// A database failure: kUnavailable for the two connection categories (the
// connection is gone or never was), kAborted otherwise. `message` is what a
// person reads ("(1054) Unknown column 'x' in 'field list'").
absl::Status MakeDatabaseError(const DatabaseErrorInfo& info,
                               absl::string_view message);

// The payload of a database failure; nullopt for any other status.
std::optional<DatabaseErrorInfo> GetDatabaseError(const absl::Status& status);

// The category of a database failure; nullopt for any other status.
std::optional<ErrorCategory> CategoryOf(const absl::Status& status);

// `status` with `prefix` before its message and `suffix` after it, every
// payload kept.
absl::Status WithContext(const absl::Status& status, absl::string_view prefix,
                         absl::string_view suffix = "");

// The engines' codes, classified.
ErrorCategory MysqlCategory(unsigned int code);
ErrorCategory PostgresqlCategory(absl::string_view sqlstate);
ErrorCategory SqliteCategory(int extended_code);

}  // namespace aos::backend

#endif  // AOS_CORE_BACKEND_DATABASE_ERROR_H_
