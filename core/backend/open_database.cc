#include "core/backend/open_database.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/backend/mysql_database.h"

namespace aos::backend {

absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(
    const config::ConnectionUrl& url, const SessionOptions& options) {
  if (url.dialect == "mysql") {
    return OpenMysqlDatabase(url, options);
  }
  return absl::UnimplementedError(absl::StrCat(
      "the ", url.dialect, " backend is not available in this build; "
      "supported: mysql"));
}

}  // namespace aos::backend
