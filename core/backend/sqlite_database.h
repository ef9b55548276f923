// sqlite_database.h: the SQLite backend, through Poco Data SQLite. URLs
// sqlite:////absolute/path and sqlite:///relative/path; the file is created
// if missing. DDL is transactional: a step runs in one transaction. Foreign
// keys are enforced, and a writer waits (busy timeout) instead of failing
// when another process holds the file's write lock.
#ifndef AOS_CORE_BACKEND_SQLITE_DATABASE_H_
#define AOS_CORE_BACKEND_SQLITE_DATABASE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/config/connection_url.h"

namespace aos::backend {

absl::StatusOr<std::unique_ptr<Database>> OpenSqliteDatabase(
    const config::ConnectionUrl& url, const SessionOptions& options);

}  // namespace aos::backend

#endif  // AOS_CORE_BACKEND_SQLITE_DATABASE_H_
