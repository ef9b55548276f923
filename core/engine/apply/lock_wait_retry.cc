#include "core/engine/apply/lock_wait_retry.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "core/backend/database_error.h"
#include "core/engine/apply/lock_holders.h"
#include "core/sql/statement_kind.h"
#include "core/util/backoff.h"

namespace aos::engine {

absl::Status RetryOnLockWait(const LockWaitRetry& how,
                             const std::function<absl::Status()>& attempt) {
  const bool retries = how.attempt_seconds < how.total_seconds;
  const absl::Time deadline = absl::Now() + absl::Seconds(how.total_seconds);
  util::Backoff backoff(absl::Milliseconds(500), absl::Seconds(8), deadline);
  const std::string tables = absl::StrJoin(how.tables, ", ");
  for (;;) {
    absl::Status st = attempt();
    if (backend::CategoryOf(st) != backend::ErrorCategory::kLockWaitTimeout) {
      return st;
    }
    const std::string holders =
        how.observer ? DescribeLockHolders(*how.observer, how.tables) : "";
    if (!retries ||
        absl::Now() + backoff.pause() + absl::Seconds(how.attempt_seconds) > deadline) {
      return backend::WithContext(
          st, "",
          absl::StrCat("; it waited lock_wait_timeout (", how.total_seconds,
                       " s) for a lock another session holds on ", tables, ", ",
                       holders.empty()
                           ? "(find that session with SHOW PROCESSLIST, or "
                             "pg_stat_activity on PostgreSQL)"
                           : holders,
                       "; ", how.after));
    }
    if (how.progress) {
      how.progress(absl::StrCat("waiting for a lock on ", tables,
                                holders.empty() ? "" : ", ", holders));
    }
    backoff.Wait();
  }
}

absl::Status RunDdlWithLockRetries(backend::Database& session,
                                   const std::string& statement,
                                   LockWaitRetry how) {
  if (auto targets = sql::DdlTargets(statement)) {
    for (const sql::TableName& t : *targets) how.tables.push_back(t.name);
  }
  if (absl::Status st = session.SetLockWaitTimeout(
          std::min(how.attempt_seconds, how.total_seconds));
      !st.ok()) {
    return st;
  }
  return RetryOnLockWait(how, [&] { return session.Execute(statement); });
}

std::vector<std::string> DdlTables(
    const std::vector<sql::Statement>& statements) {
  std::vector<std::string> tables;
  for (const sql::Statement& st : statements) {
    if (sql::ClassifyStatement(st.text) != sql::StatementKind::kDdl) continue;
    if (auto targets = sql::DdlTargets(st.text)) {
      for (const sql::TableName& t : *targets) {
        if (std::find(tables.begin(), tables.end(), t.name) == tables.end()) {
          tables.push_back(t.name);
        }
      }
    }
  }
  return tables;
}

}  // namespace aos::engine
