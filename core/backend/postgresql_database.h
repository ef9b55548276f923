// postgresql_database.h: the PostgreSQL backend, through Poco Data
// PostgreSQL. URLs postgresql://, postgresql+psycopg2://, postgres://.
// Connection values are quoted for libpq, so no character of a user,
// password or database name can add a connection option. DDL is
// transactional: a step runs in one transaction.
#ifndef AOS_CORE_BACKEND_POSTGRESQL_DATABASE_H_
#define AOS_CORE_BACKEND_POSTGRESQL_DATABASE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/config/connection_url.h"

namespace aos::backend {

absl::StatusOr<std::unique_ptr<Database>> OpenPostgresqlDatabase(
    const config::ConnectionUrl& url, const SessionOptions& options);

// A libpq connection-string value, single-quoted with \ and ' escaped.
std::string QuoteLibpqValue(const std::string& value);

}  // namespace aos::backend

#endif  // AOS_CORE_BACKEND_POSTGRESQL_DATABASE_H_
