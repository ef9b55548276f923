// open_database.h: connects to the database a URL names, choosing the
// backend by the URL's dialect.
#ifndef AOS_CORE_BACKEND_OPEN_DATABASE_H_
#define AOS_CORE_BACKEND_OPEN_DATABASE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/config/connection_url.h"

namespace aos::backend {

absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(
    const config::ConnectionUrl& url, const SessionOptions& options);

}  // namespace aos::backend

#endif  // AOS_CORE_BACKEND_OPEN_DATABASE_H_
