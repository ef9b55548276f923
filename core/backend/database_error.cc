#include "core/backend/database_error.h"

#include <vector>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace aos::backend {
namespace {

constexpr char kPayloadUrl[] = "type.aos/backend.DatabaseError";

struct Named {
  ErrorCategory category;
  absl::string_view name;
};
constexpr Named kNames[] = {
    {ErrorCategory::kConnectionLost, "connection_lost"},
    {ErrorCategory::kCannotConnect, "cannot_connect"},
    {ErrorCategory::kAccessDenied, "access_denied"},
    {ErrorCategory::kLockWaitTimeout, "lock_wait_timeout"},
    {ErrorCategory::kDeadlock, "deadlock"},
    {ErrorCategory::kDuplicate, "duplicate"},
    {ErrorCategory::kSyntax, "syntax"},
    {ErrorCategory::kOther, "other"},
};

ErrorCategory CategoryNamed(absl::string_view name) {
  for (const Named& n : kNames) {
    if (n.name == name) return n.category;
  }
  return ErrorCategory::kOther;
}

bool IsConnectionCategory(ErrorCategory c) {
  return c == ErrorCategory::kConnectionLost ||
         c == ErrorCategory::kCannotConnect;
}

}  // namespace

absl::string_view CategoryName(ErrorCategory category) {
  for (const Named& n : kNames) {
    if (n.category == category) return n.name;
  }
  return "other";
}

absl::Status MakeDatabaseError(const DatabaseErrorInfo& info,
                               absl::string_view message) {
  absl::Status st = IsConnectionCategory(info.category)
                        ? absl::UnavailableError(message)
                        : absl::AbortedError(message);
  // engine NUL code NUL category: none of them can hold a NUL.
  st.SetPayload(kPayloadUrl,
                absl::Cord(absl::StrCat(info.engine, std::string(1, '\0'),
                                        info.server_code, std::string(1, '\0'),
                                        CategoryName(info.category))));
  return st;
}

std::optional<DatabaseErrorInfo> GetDatabaseError(const absl::Status& status) {
  auto payload = status.GetPayload(kPayloadUrl);  // absl::optional
  if (!payload) return std::nullopt;
  std::vector<std::string> parts =
      absl::StrSplit(std::string(*payload), '\0');
  if (parts.size() != 3) return std::nullopt;
  return DatabaseErrorInfo{parts[0], parts[1], CategoryNamed(parts[2])};
}

std::optional<ErrorCategory> CategoryOf(const absl::Status& status) {
  std::optional<DatabaseErrorInfo> info = GetDatabaseError(status);
  if (!info) return std::nullopt;
  return info->category;
}

absl::Status WithContext(const absl::Status& status, absl::string_view prefix,
                         absl::string_view suffix) {
  if (status.ok()) return status;
  absl::Status out(status.code(),
                   absl::StrCat(prefix, status.message(), suffix));
  status.ForEachPayload(
      [&out](absl::string_view url, const absl::Cord& payload) {
        out.SetPayload(url, payload);
      });
  return out;
}

ErrorCategory MysqlCategory(unsigned int code) {
  switch (code) {
    case 2006:  // server has gone away
    case 2013:  // lost connection during query
    case 2055:  // lost connection at '...'
    case 1927:  // connection was killed
    case 4031:  // disconnected by the server for inactivity
      return ErrorCategory::kConnectionLost;
    case 1040:  // too many connections
    case 1049:  // unknown database
    case 2002:  // cannot connect through the socket / to the host
    case 2003:
    case 2005:  // unknown host
    case 2026:  // SSL
      return ErrorCategory::kCannotConnect;
    case 1044:  // access denied to the database
    case 1045:  // access denied (password)
    case 1142:  // command denied on a table
    case 1143:  // command denied on a column
    case 1227:  // needs a privilege
    case 1370:  // routine privilege
    case 1698:  // access denied (auth plugin)
      return ErrorCategory::kAccessDenied;
    case 1205:
      return ErrorCategory::kLockWaitTimeout;
    case 1213:  // deadlock; Galera's certification failure too
      return ErrorCategory::kDeadlock;
    case 1007:  // database exists
    case 1022:  // duplicate key on write
    case 1050:  // table exists
    case 1060:  // duplicate column
    case 1061:  // duplicate key name
    case 1062:  // duplicate entry
    case 1304:  // routine exists
    case 1359:  // trigger exists
    case 1586:  // duplicate entry for a unique key
      return ErrorCategory::kDuplicate;
    case 1064:
    case 1149:
      return ErrorCategory::kSyntax;
    default:
      return ErrorCategory::kOther;
  }
}

ErrorCategory PostgresqlCategory(absl::string_view s) {
  if (s == "57P01" || s == "57P02" || s == "08006" || s == "08003" ||
      s == "08007") {
    return ErrorCategory::kConnectionLost;
  }
  if (absl::StartsWith(s, "08") || s == "57P03" || s == "3D000" ||
      s == "53300") {
    return ErrorCategory::kCannotConnect;
  }
  if (absl::StartsWith(s, "28") || s == "42501") {
    return ErrorCategory::kAccessDenied;
  }
  if (s == "55P03") return ErrorCategory::kLockWaitTimeout;
  if (s == "40P01" || s == "40001") return ErrorCategory::kDeadlock;
  if (s == "23505" || s == "42P07" || s == "42701" || s == "42710" ||
      s == "42P04" || s == "42723") {
    return ErrorCategory::kDuplicate;
  }
  if (s == "42601") return ErrorCategory::kSyntax;
  return ErrorCategory::kOther;
}

ErrorCategory SqliteCategory(int extended_code) {
  switch (extended_code & 0xff) {
    case 5:  // SQLITE_BUSY
    case 6:  // SQLITE_LOCKED
      return ErrorCategory::kLockWaitTimeout;
    case 3:   // SQLITE_PERM
    case 8:   // SQLITE_READONLY
    case 23:  // SQLITE_AUTH
      return ErrorCategory::kAccessDenied;
    case 14:  // SQLITE_CANTOPEN
      return ErrorCategory::kCannotConnect;
    case 19:  // SQLITE_CONSTRAINT: only its unique kinds are duplicates
      return extended_code == 1555 || extended_code == 2067
                 ? ErrorCategory::kDuplicate
                 : ErrorCategory::kOther;
    default:
      return ErrorCategory::kOther;
  }
}

}  // namespace aos::backend
