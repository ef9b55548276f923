// mysql_database.h: the MySQL/MariaDB backend, through Poco Data MySQL.
//
// Poco's MySQL connector takes a "key=value;..." string that it splits on
// ';' and trims; a user, password or database name containing ';', or
// starting or ending with blanks, cannot be carried through it exactly, so
// it is refused with a clear error rather than allowed to inject an option.
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
