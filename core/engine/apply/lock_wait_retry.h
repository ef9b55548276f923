// lock_wait_retry.h: a DDL statement (or, on PostgreSQL, a step holding
// one) that waits for a lock makes every later query on its table wait
// behind it. So it waits a few seconds at a time and is tried again with
// backoff, up to the configured total, naming between attempts and in its
// failure who holds the table (lock_holders.h).
#ifndef AOS_CORE_ENGINE_APPLY_LOCK_WAIT_RETRY_H_
#define AOS_CORE_ENGINE_APPLY_LOCK_WAIT_RETRY_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/backend/database.h"
#include "core/sql/statement_splitter.h"

namespace aos::engine {

struct LockWaitRetry {
  int total_seconds = 60;           // lock_wait_timeout, in all
  int attempt_seconds = 3;          // one attempt's wait; >= total: one attempt
  std::vector<std::string> tables;  // what it waits for
  backend::Database* observer = nullptr;  // asks who holds them
  std::function<void(const std::string&)> progress;
  std::string after;  // what became of it: "nothing ... took effect"
};

// Runs `attempt` until it does not fail with a lock wait timeout, or the
// time is up; a last lock wait timeout says how long it waited and who
// holds the tables.
absl::Status RetryOnLockWait(const LockWaitRetry& how,
                             const std::function<absl::Status()>& attempt);

// MySQL: one DDL statement on `session`, each attempt waiting
// how.attempt_seconds (SetLockWaitTimeout) for the tables it names. The
// caller gives how.total_seconds back (OweLockWaitTimeout) once it has
// read what it reads right after.
absl::Status RunDdlWithLockRetries(backend::Database& session,
                                   const std::string& statement,
                                   LockWaitRetry how);

// The tables the DDL statements among `statements` change, each once.
std::vector<std::string> DdlTables(
    const std::vector<sql::Statement>& statements);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_APPLY_LOCK_WAIT_RETRY_H_
