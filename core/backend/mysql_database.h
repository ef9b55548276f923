// mysql_database.h: the MySQL/MariaDB backend, on libmariadb's C API.
//
// Every statement and query goes through the text protocol, parameters put
// in by the driver's own escaping (sql_placeholders.h): one round trip each,
// no server-side prepared statements, and ExecuteAll sends its statements
// together in one round trip. A "?unix_socket=" in the URL is the socket of
// this connection only. User, password and database are passed to the
// driver as they are; only a NUL, which no C string carries, is refused.
#ifndef AOS_CORE_BACKEND_MYSQL_DATABASE_H_
#define AOS_CORE_BACKEND_MYSQL_DATABASE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/config/connection_url.h"

namespace aos::backend {

absl::StatusOr<std::unique_ptr<Database>> OpenMysqlDatabase(
    const config::ConnectionUrl& url, const SessionOptions& options);

// What the C API says of one column of a result (MYSQL_FIELD): its type
// (enum_field_types: MYSQL_TYPE_LONGLONG 8, MYSQL_TYPE_DOUBLE 5,
// MYSQL_TYPE_NEWDECIMAL 246, strings and blobs), decimals, the number of
// its character set as sent, and whether it is UNSIGNED.
struct ColumnInfo {
  int type = 0;
  unsigned int decimals = 0;
  unsigned int charset = 0;
  bool is_unsigned = false;
};

// A query's rows with its columns described, and what the server said of
// the session after it (SERVER_STATUS_IN_TRANS, SERVER_STATUS_AUTOCOMMIT).
struct DescribedRows {
  std::vector<ColumnInfo> columns;
  std::vector<Row> rows;
  bool in_transaction = false;
  bool autocommit = false;
};

// MySQL only (kUnimplemented on another engine): runs one query on `db`
// in one round trip and returns its rows described.
absl::StatusOr<DescribedRows> QueryDescribed(Database& db,
                                             const std::string& sql);

}  // namespace aos::backend

#endif  // AOS_CORE_BACKEND_MYSQL_DATABASE_H_
