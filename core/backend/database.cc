#include "core/backend/database.h"

#include "absl/strings/str_cat.h"
#include "core/backend/database_error.h"

namespace aos::backend {

absl::Status Database::SetLockWaitTimeout(int seconds) {
  return Execute(absl::StrCat("SET SESSION lock_wait_timeout = ", seconds));
}

absl::Status Database::ExecuteAll(
    const std::vector<BoundStatement>& statements) {
  for (const BoundStatement& s : statements) {
    if (absl::Status st = Execute(s.sql, s.params); !st.ok()) return st;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::vector<Row>>> Database::QueryAll(
    const std::vector<BoundStatement>& queries) {
  std::vector<std::vector<Row>> results;
  for (const BoundStatement& q : queries) {
    absl::StatusOr<std::vector<Row>> rows = Query(q.sql, q.params);
    if (!rows.ok()) return rows.status();
    results.push_back(*std::move(rows));
  }
  return results;
}

absl::StatusOr<std::optional<std::vector<Row>>> QueryIfTableExists(
    Database& db, absl::string_view table, const BoundStatement& query) {
  absl::StatusOr<std::vector<Row>> rows = db.Query(query.sql, query.params);
  if (!rows.ok()) {
    const std::optional<DatabaseErrorInfo> error = GetDatabaseError(rows.status());
    if (error && (error->server_code == "1146" || error->server_code == "42P01")) {
      return std::optional<std::vector<Row>>();  // no such table
    }
    absl::StatusOr<bool> exists = db.TableExists(table);
    if (exists.ok() && !*exists) return std::optional<std::vector<Row>>();
    if (exists.ok()) rows = db.Query(query.sql, query.params);
    if (!rows.ok()) return rows.status();
  }
  return std::optional<std::vector<Row>>(*std::move(rows));
}

bool IsDatabaseError(const absl::Status& status) {
  return GetDatabaseError(status).has_value();
}

}  // namespace aos::backend
