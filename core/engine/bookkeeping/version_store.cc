#include "core/engine/bookkeeping/version_store.h"

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/engine/bookkeeping/bookkeeping_tables.h"

namespace aos::engine {

backend::BoundStatement VersionQuery(const std::string& repository_id) {
  return {"SELECT version FROM migrate_version WHERE repository_id = ?",
          {repository_id}};
}

absl::StatusOr<int64_t> ParseVersion(const std::vector<backend::Row>& rows,
                                     const std::string& repository_id,
                                     bool* row_exists) {
  if (row_exists) *row_exists = !rows.empty();
  if (rows.empty() || !rows[0][0]) return 0;
  int64_t version = 0;
  if (!absl::SimpleAtoi(*rows[0][0], &version)) {
    return absl::DataLossError(absl::StrCat(
        "migrate_version holds '", *rows[0][0], "' for ", repository_id,
        ", which is not a version number"));
  }
  return version;
}

absl::StatusOr<int64_t> ReadVersion(backend::Database& db,
                                    const std::string& repository_id,
                                    bool* row_exists) {
  if (row_exists) *row_exists = false;
  absl::StatusOr<std::optional<std::vector<backend::Row>>> rows =
      backend::QueryIfTableExists(db, kVersionTable, VersionQuery(repository_id));
  if (!rows.ok()) return rows.status();
  if (!*rows) return 0;
  return ParseVersion(**rows, repository_id, row_exists);
}

absl::Status CheckUnversionedIsEmpty(backend::Database& db,
                                     const std::string& repository_id,
                                     const std::string& module_id) {
  absl::StatusOr<std::vector<std::string>> tables = db.ListTables();
  if (!tables.ok()) return tables.status();
  int foreign = 0;
  for (const std::string& t : *tables) {
    if (!IsBookkeepingTable(t)) ++foreign;
  }
  if (foreign == 0) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "the database has ", foreign, " tables but no version for ",
      repository_id, "; record its real version with -n ", module_id,
      " --mark-version N"));
}

absl::Status EnsureVersionTable(backend::Database& db) {
  return db.Execute(
      "CREATE TABLE IF NOT EXISTS migrate_version ("
      "repository_id VARCHAR(250) NOT NULL, repository_path TEXT, "
      "version INTEGER, PRIMARY KEY (repository_id))",
      {});
}

backend::BoundStatement VersionInsert(const std::string& repository_id,
                                      const std::string& repository_path,
                                      int64_t version) {
  return {"INSERT INTO migrate_version (repository_id, repository_path, "
          "version) VALUES (?, ?, ?)",
          {repository_id, repository_path, version}};
}

absl::Status WriteVersion(backend::Database& db,
                          const std::string& repository_id,
                          const std::string& repository_path, int64_t version) {
  if (absl::Status st = EnsureVersionTable(db); !st.ok()) return st;
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query(
      "SELECT COUNT(*) FROM migrate_version WHERE repository_id = ?",
      {repository_id});
  if (!rows.ok()) return rows.status();
  bool present = !rows->empty() && (*rows)[0][0] && *(*rows)[0][0] != "0";
  if (present) {
    return db.Execute(
        "UPDATE migrate_version SET version = ? WHERE repository_id = ?",
        {version, repository_id});
  }
  backend::BoundStatement insert =
      VersionInsert(repository_id, repository_path, version);
  return db.Execute(insert.sql, insert.params);
}

backend::BoundStatement VersionUpdate(const std::string& repository_id,
                                      int64_t version) {
  return {"UPDATE migrate_version SET version = ? WHERE repository_id = ?",
          {version, repository_id}};
}

}  // namespace aos::engine
