#include "core/engine/batch/batch_progress.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/backend/database_error.h"
#include "core/engine/batch/postgresql_batch.h"

namespace aos::engine {
namespace {

int64_t Int(const std::optional<std::string>& v) {
  int64_t n = 0;
  return v && absl::SimpleAtoi(*v, &n) ? n : 0;
}

constexpr char kColumns[] =
    "SELECT version, direction, statement, digest, done_key, rows_done, chunks";
constexpr char kWhere[] = " FROM aos_migration_batches WHERE repository_id = ?";

}  // namespace

absl::Status BatchProgress::EnsureTable(backend::Database& db) {
  if (db.dialect() == "postgresql") {
    if (absl::Status st = db.Execute(PostgresqlBatchesTable()); !st.ok()) return st;
    return db.Execute(PostgresqlBatchesColumns());  // a table before the columns
  }
  absl::Status created = db.Execute(
      "CREATE TABLE IF NOT EXISTS aos_migration_batches ("
      "repository_id VARCHAR(250) NOT NULL PRIMARY KEY"
      ", version INTEGER NOT NULL"
      ", direction VARCHAR(16) NOT NULL"
      ", statement INTEGER NOT NULL"
      ", digest VARCHAR(64) NOT NULL"
      ", done_key BIGINT NOT NULL"
      ", rows_done BIGINT NOT NULL"
      ", chunks BIGINT NOT NULL"
      ", key_columns TEXT NULL"
      ", done_after BLOB NULL) ENGINE=InnoDB");
  if (!created.ok()) return created;
  // A table of a release before composite keys: the columns are added.
  absl::StatusOr<std::vector<backend::Row>> has = db.Query(
      "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND "
      "TABLE_NAME = 'aos_migration_batches' AND COLUMN_NAME = 'done_after'");
  if (!has.ok()) return has.status();
  if (!has->empty() && (*has)[0][0].value_or("0") != "0") return created;
  return db.Execute(
      "ALTER TABLE aos_migration_batches ADD COLUMN key_columns TEXT NULL, ADD COLUMN "
      "done_after BLOB NULL");
}

absl::StatusOr<std::optional<BatchRow>> BatchProgress::Read(backend::Database& db) const {
  absl::StatusOr<std::optional<std::vector<backend::Row>>> rows = backend::QueryIfTableExists(
      db, kBatchesTable,
      {absl::StrCat(kColumns, ", key_columns, done_after", kWhere), {repository_id_}});
  std::optional<backend::DatabaseErrorInfo> error = backend::GetDatabaseError(rows.status());
  if (error && (error->server_code == "1054" || error->server_code == "42703")) {
    // A table before the columns.
    rows = backend::QueryIfTableExists(db, kBatchesTable,
                                       {absl::StrCat(kColumns, kWhere), {repository_id_}});
  }
  if (!rows.ok()) return rows.status();
  if (!*rows || (*rows)->empty()) return std::nullopt;
  const backend::Row& r = (**rows)[0];
  BatchRow row;
  row.place = BatchPlace{Int(r[0]), r[1].value_or(""), Int(r[2]), r[3].value_or("")};
  row.rows_done = Int(r[5]);
  row.chunks = Int(r[6]);
  if (r.size() < 9 || !r[8]) {  // an earlier release's row: an integer key
    row.done = {absl::StrCat(Int(r[4]))};
    return row;
  }
  row.key = r[7].value_or("");
  if (r[8]->empty()) return row;  // no chunk done (PostgreSQL: where it stands)
  absl::StatusOr<sql::KeyValue> done = sql::DecodeKeyValue(*r[8]);
  if (!done.ok()) {
    return absl::DataLossError(absl::StrCat("aos_migration_batches says statement ",
                                            row.place.statement, " ran in chunks, but ",
                                            done.status().message()));
  }
  row.done = *std::move(done);
  return row;
}

backend::BoundStatement BatchProgress::Record(const BatchRow& row) const {
  int64_t integer = 0;  // done_key, for a release before composite keys
  if (row.done.size() != 1 || !absl::SimpleAtoi(row.done[0], &integer)) integer = 0;
  return {dialect_ == "postgresql"
              ? PostgresqlBatchUpsert()
              : "REPLACE INTO aos_migration_batches (repository_id, version, direction, "
                "statement, digest, done_key, rows_done, chunks, key_columns, done_after) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {repository_id_, row.place.version, row.place.direction, row.place.statement,
           row.place.digest, integer, row.rows_done, row.chunks, row.key,
           sql::EncodeKeyValue(row.done)}};
}

backend::BoundStatement BatchProgress::Clear() const {
  return {"DELETE FROM aos_migration_batches WHERE repository_id = ?", {repository_id_}};
}

}  // namespace aos::engine
