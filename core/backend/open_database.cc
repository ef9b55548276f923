#include "core/backend/open_database.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/backend/mysql_database.h"

namespace aos::backend {

absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(
    const config::ConnectionUrl& url, int connect_timeout_seconds) {
  if (url.dialect == "mysql") {
    return OpenMysqlDatabase(url, connect_timeout_seconds);
  }
  return absl::UnimplementedError(absl::StrCat(
      "the ", url.dialect, " backend is not available in this build; "
      "supported: mysql"));
}

}  // namespace aos::backend
