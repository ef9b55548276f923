#include "core/engine/batch/batch_progress.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "core/engine/batch/postgresql_batch.h"

namespace aos::engine {
namespace {

int64_t Int(const std::optional<std::string>& v) {
  int64_t n = 0;
  return v && absl::SimpleAtoi(*v, &n) ? n : 0;
}

}  // namespace

absl::Status BatchProgress::EnsureTable(backend::Database& db) {
  if (db.dialect() == "postgresql") return db.Execute(PostgresqlBatchesTable());
  return db.Execute(
      "CREATE TABLE IF NOT EXISTS aos_migration_batches ("
      "repository_id VARCHAR(250) NOT NULL PRIMARY KEY"
      ", version INTEGER NOT NULL"
      ", direction VARCHAR(16) NOT NULL"
      ", statement INTEGER NOT NULL"
      ", digest VARCHAR(64) NOT NULL"
      ", done_key BIGINT NOT NULL"
      ", rows_done BIGINT NOT NULL"
      ", chunks BIGINT NOT NULL) ENGINE=InnoDB");
}

absl::StatusOr<std::optional<BatchRow>> BatchProgress::Read(backend::Database& db) const {
  absl::StatusOr<std::optional<std::vector<backend::Row>>> rows =
      backend::QueryIfTableExists(db, kBatchesTable,
                                  {"SELECT version, direction, statement, digest, done_key, "
                                   "rows_done, chunks FROM aos_migration_batches WHERE "
                                   "repository_id = ?",
                                   {repository_id_}});
  if (!rows.ok()) return rows.status();
  if (!*rows || (*rows)->empty()) return std::nullopt;
  const backend::Row& r = (**rows)[0];
  BatchRow row;
  row.place = BatchPlace{Int(r[0]), r[1].value_or(""), Int(r[2]), r[3].value_or("")};
  row.done_key = Int(r[4]);
  row.rows_done = Int(r[5]);
  row.chunks = Int(r[6]);
  return row;
}

backend::BoundStatement BatchProgress::Record(const BatchRow& row) const {
  return {
      dialect_ == "postgresql" ? PostgresqlBatchUpsert() :
      "REPLACE INTO aos_migration_batches (repository_id, version, "
      "direction, statement, digest, done_key, rows_done, chunks) VALUES "
      "(?, ?, ?, ?, ?, ?, ?, ?)",
      {repository_id_, row.place.version, row.place.direction, row.place.statement,
       row.place.digest, row.done_key, row.rows_done, row.chunks}};
}

backend::BoundStatement BatchProgress::Clear() const {
  return {"DELETE FROM aos_migration_batches WHERE repository_id = ?", {repository_id_}};
}

}  // namespace aos::engine
