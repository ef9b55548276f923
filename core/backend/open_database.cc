#include "core/backend/open_database.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/backend/backend_module.h"
#include "core/backend/mysql_database.h"

namespace aos::backend {

// Linked in when a program depends on :postgresql_database or
// :sqlite_database (alwayslink: aos-plugin-check, tests); otherwise null,
// and the backend is loaded from its shared object (backend_module.h).
__attribute__((weak)) absl::StatusOr<std::unique_ptr<Database>>
OpenPostgresqlDatabase(const config::ConnectionUrl& url,
                       const SessionOptions& options);
__attribute__((weak)) absl::StatusOr<std::unique_ptr<Database>>
OpenSqliteDatabase(const config::ConnectionUrl& url,
                   const SessionOptions& options);

namespace {

absl::StatusOr<std::unique_ptr<Database>> OpenThroughModule(
    const config::ConnectionUrl& url, const SessionOptions& options) {
  absl::StatusOr<BackendOpenFn> open = LoadBackendModule(url.dialect);
  if (!open.ok()) return open.status();  // the operator can fix it: shown
  absl::StatusOr<std::unique_ptr<Database>> db =
      absl::InternalError("the backend returned nothing");
  (*open)(url, options, &db);
  return db;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(
    const config::ConnectionUrl& url, const SessionOptions& options) {
  if (url.dialect == "mysql") return OpenMysqlDatabase(url, options);
  if (url.dialect == "sqlite") {
    if (&OpenSqliteDatabase != nullptr) return OpenSqliteDatabase(url, options);
    return OpenThroughModule(url, options);
  }
  if (url.dialect == "postgresql") {
    if (&OpenPostgresqlDatabase != nullptr) {
      return OpenPostgresqlDatabase(url, options);
    }
    return OpenThroughModule(url, options);
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unsupported database dialect '", url.dialect,
      "' (supported: mysql, postgresql, sqlite)"));
}

}  // namespace aos::backend
