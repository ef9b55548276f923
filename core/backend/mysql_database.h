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

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/config/connection_url.h"

namespace aos::backend {

absl::StatusOr<std::unique_ptr<Database>> OpenMysqlDatabase(
    const config::ConnectionUrl& url, const SessionOptions& options);

}  // namespace aos::backend

#endif  // AOS_CORE_BACKEND_MYSQL_DATABASE_H_
