#include "core/backend/open_database.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/backend/mysql_database.h"
#include "core/backend/postgresql_database.h"
#include "core/backend/sqlite_database.h"

namespace aos::backend {

absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(
    const config::ConnectionUrl& url, const SessionOptions& options) {
  if (url.dialect == "mysql") {
    return OpenMysqlDatabase(url, options);
  }
  if (url.dialect == "sqlite") return OpenSqliteDatabase(url, options);
  if (url.dialect == "postgresql") return OpenPostgresqlDatabase(url, options);
  return absl::InvalidArgumentError(absl::StrCat(
      "unsupported database dialect '", url.dialect,
      "' (supported: mysql, postgresql, sqlite)"));
}

}  // namespace aos::backend
