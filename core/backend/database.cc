#include "core/backend/database.h"

namespace aos::backend {

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

absl::Status DatabaseError(absl::string_view message) {
  return absl::AbortedError(message);
}

absl::Status ConnectionError(absl::string_view message) {
  return absl::UnavailableError(message);
}

bool IsDatabaseError(const absl::Status& status) {
  return status.code() == absl::StatusCode::kAborted ||
         status.code() == absl::StatusCode::kUnavailable;
}

}  // namespace aos::backend
