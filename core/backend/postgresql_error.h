// postgresql_error.h: libpq's failures as classified database errors
// (database_error.h): the SQLSTATE read from the result
// (PQresultErrorField(PG_DIAG_SQLSTATE)), never out of a message.
#ifndef AOS_CORE_BACKEND_POSTGRESQL_ERROR_H_
#define AOS_CORE_BACKEND_POSTGRESQL_ERROR_H_

#include <libpq-fe.h>

#include "absl/status/status.h"

namespace aos::backend {

// A statement's failure: "(SQLSTATE) the server's words" for people, the
// SQLSTATE and its category as the payload. `result` may be null (libpq
// could not even make one: out of memory, the connection gone); a
// connection libpq found dead is kConnectionLost whatever the SQLSTATE.
absl::Status PostgresqlResultError(PGconn* conn, const PGresult* result);

// A failed connect: kAccessDenied or kCannotConnect. libpq keeps no
// SQLSTATE of a refused connection for its caller, so the kind is told by
// libpq's own flags and, last, by the word "authentication" the server's
// refusal holds (28P01, 28000).
absl::Status PostgresqlConnectError(PGconn* conn);

}  // namespace aos::backend

#endif  // AOS_CORE_BACKEND_POSTGRESQL_ERROR_H_
