// postgresql_database.h: the PostgreSQL backend, on libpq directly. URLs
// postgresql://, postgresql+psycopg2://, postgres://; "?host=" or
// "?unix_socket=" names the socket directory.
//
// The connection is opened from keyword/value arrays (PQconnectdbParams,
// no connection string parsed): a user, password, host or database name
// holding any character (space, quotes, backslash, '=') reaches the server
// as it is, and nothing is written to disk on the way; only a NUL, which no
// C string carries, is refused. Statements with values go through
// PQexecParams, '?' numbered $1, $2, ... (sql_placeholders.h), the values
// never in the text; a statement without values goes through PQexec as it
// is (several statements in one text are allowed there). Failures are
// typed by their SQLSTATE (postgresql_error.h). DDL is transactional: a
// step runs in one transaction. ServerSessionId() is the backend pid
// (PQbackendPID), CancelRunning() is PQcancel.
#ifndef AOS_CORE_BACKEND_POSTGRESQL_DATABASE_H_
#define AOS_CORE_BACKEND_POSTGRESQL_DATABASE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/config/connection_url.h"

namespace aos::backend {

absl::StatusOr<std::unique_ptr<Database>> OpenPostgresqlDatabase(const config::ConnectionUrl& url,
                                                                 const SessionOptions& options);

}  // namespace aos::backend

#endif  // AOS_CORE_BACKEND_POSTGRESQL_DATABASE_H_
