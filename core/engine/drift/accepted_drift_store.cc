#include "core/engine/drift/accepted_drift_store.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "core/engine/bookkeeping/bookkeeping_tables.h"
#include "core/util/host_identity.h"

namespace aos::engine {
namespace {

// The server's time in seconds since the epoch, in each dialect.
const char* Now(absl::string_view dialect) {
  if (dialect == "mysql") return "UNIX_TIMESTAMP()";
  if (dialect == "postgresql") return "CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)";
  return "CAST(strftime('%s', 'now') AS INTEGER)";
}

}  // namespace

absl::Status AcceptedDriftStore::EnsureTable() {
  std::string sql = absl::StrCat("CREATE TABLE IF NOT EXISTS ", kDriftAcceptedTable,
                                 " (repository_id VARCHAR(250) NOT NULL"
                                 ", object VARCHAR(500) NOT NULL"
                                 ", kind VARCHAR(16) NOT NULL"
                                 ", expected TEXT NOT NULL"
                                 ", actual TEXT NOT NULL"
                                 ", accepted_at BIGINT NOT NULL"
                                 ", accepted_by VARCHAR(255) NOT NULL"
                                 ", PRIMARY KEY (repository_id, object))");
  if (db_.dialect() == "mysql") sql += " ENGINE=InnoDB";
  return db_.Execute(sql);
}

absl::StatusOr<std::vector<report::DriftItem>> AcceptedDriftStore::Load() {
  absl::StatusOr<std::optional<std::vector<backend::Row>>> rows = backend::QueryIfTableExists(
      db_, kDriftAcceptedTable,
      {absl::StrCat("SELECT object, kind, expected, actual FROM ", kDriftAcceptedTable,
                    " WHERE repository_id = ? ORDER BY object"),
       {repository_id_}});
  if (!rows.ok()) return rows.status();
  std::vector<report::DriftItem> items;
  if (!*rows) return items;
  for (const backend::Row& row : **rows) {
    if (row.size() < 4) continue;
    items.push_back(
        {row[0].value_or(""), row[1].value_or(""), row[2].value_or(""), row[3].value_or(""), true});
  }
  return items;
}

absl::Status AcceptedDriftStore::Replace(const std::vector<report::DriftItem>& items) {
  if (items.empty()) {  // nothing to record: no table made for it
    absl::StatusOr<bool> exists = db_.TableExists(kDriftAcceptedTable);
    if (!exists.ok() || !*exists) return exists.status();
  }
  if (absl::Status st = EnsureTable(); !st.ok()) return st;
  std::vector<backend::BoundStatement> statements;
  statements.push_back({"BEGIN", {}});
  statements.push_back(
      {absl::StrCat("DELETE FROM ", kDriftAcceptedTable, " WHERE repository_id = ?"),
       {repository_id_}});
  const std::string host = util::HostName();
  for (const report::DriftItem& item : items) {
    statements.push_back(
        {absl::StrCat("INSERT INTO ", kDriftAcceptedTable,
                      " (repository_id, object, kind, expected, actual, "
                      "accepted_at, accepted_by) VALUES (?, ?, ?, ?, ?, ",
                      Now(db_.dialect()), ", ?)"),
         {repository_id_, item.object, item.kind, item.expected, item.actual, host}});
  }
  statements.push_back({"COMMIT", {}});
  absl::Status st = db_.ExecuteAll(statements);
  if (!st.ok()) (void)db_.Rollback();
  return st;
}

void MarkAccepted(const std::vector<report::DriftItem>& accepted,
                  std::vector<report::DriftItem>& items) {
  for (report::DriftItem& item : items) {
    for (const report::DriftItem& a : accepted) {
      if (a.object == item.object && a.kind == item.kind && a.expected == item.expected &&
          a.actual == item.actual) {
        item.accepted = true;
        break;
      }
    }
  }
}

}  // namespace aos::engine
