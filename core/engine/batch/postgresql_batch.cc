#include "core/engine/batch/postgresql_batch.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

namespace aos::engine {
namespace {

// The schema: the one named, else the connection's current one.
constexpr char kSchemaIs[] = "n.nspname = COALESCE(NULLIF(?::text, ''), current_schema())";

}  // namespace

std::string PostgresqlQuote(absl::string_view name) {
  return absl::StrCat("\"", absl::StrReplaceAll(name, {{"\"", "\"\""}}), "\"");
}

absl::StatusOr<std::string> ReadPostgresqlIntegerKey(backend::Database& db,
                                                     absl::string_view schema,
                                                     absl::string_view table) {
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query(
      absl::StrCat("SELECT a.attname, t.typname, format_type(a.atttypid, a.atttypmod) FROM "
                   "pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON "
                   "n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND "
                   "a.attnum = ANY (i.indkey) JOIN pg_type t ON t.oid = a.atttypid WHERE "
                   "i.indisprimary AND c.relname = ?::text AND ",
                   kSchemaIs, " ORDER BY array_position(i.indkey::int2[], a.attnum)"),
      {std::string(table), std::string(schema)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) {
    return absl::FailedPreconditionError(absl::StrCat(table, " has no primary key to range over"));
  }
  if (rows->size() > 1) {
    std::vector<std::string> columns;
    for (const backend::Row& r : *rows) columns.push_back(r[0].value_or(""));
    return absl::FailedPreconditionError(
        absl::StrCat(table, "'s primary key (", absl::StrJoin(columns, ", "),
                     ") has more than one column; chunks range over a one-column key only"));
  }
  const backend::Row& r = (*rows)[0];
  const std::string type = r[1].value_or("");
  if (type != "int2" && type != "int4" && type != "int8") {
    return absl::FailedPreconditionError(
        absl::StrCat(table, "'s primary key ", r[0].value_or(""), " is ", r[2].value_or(type),
                     ", not an integer the chunks can range over"));
  }
  return r[0].value_or("");
}

std::string PostgresqlTriggersOf(backend::Database& db, absl::string_view schema,
                                 absl::string_view table) {
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query(
      absl::StrCat("SELECT (SELECT tg.tgname FROM pg_trigger tg WHERE tg.tgrelid = c.oid AND NOT "
                   "tg.tgisinternal ORDER BY tg.tgname LIMIT 1), c.relhasrules FROM pg_class c "
                   "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = ?::text AND ",
                   kSchemaIs),
      {std::string(table), std::string(schema)});
  if (!rows.ok()) {
    return absl::StrCat("its table's triggers cannot be read: ", rows.status().message());
  }
  if (rows->empty() || (*rows)[0].size() != 2) return "";
  const backend::Row& r = (*rows)[0];
  if (r[0]) {
    return absl::StrCat(table, " has triggers (", *r[0], "), which may read it or move a row's key");
  }
  if (r[1].value_or("f") == "t") {
    return absl::StrCat(table, " has rules, which may rewrite what a chunk does");
  }
  return "";
}

std::string PostgresqlOverLoad(backend::Database& db, const BatchSettings& settings) {
  if (settings.max_threads_running <= 0) return "";
  absl::StatusOr<std::vector<backend::Row>> rows =
      db.Query("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND backend_type = "
               "'client backend'");
  int64_t active = 0;
  if (!rows.ok() || rows->empty() || (*rows)[0].empty() || !(*rows)[0][0] ||
      !absl::SimpleAtoi(*(*rows)[0][0], &active)) {
    return "";  // nothing to read it by: no wait
  }
  if (active <= settings.max_threads_running) return "";
  return absl::StrCat(active, " active backends (pg_stat_activity) > ",
                      settings.max_threads_running, " (batch_max_threads_running)");
}

std::string PostgresqlKeyRangeQuery(const std::string& quoted_key,
                                    const std::string& quoted_table) {
  return absl::StrCat("SELECT MIN(", quoted_key, ")::bigint - 1, MAX(", quoted_key, ") FROM ",
                      quoted_table);
}

std::string PostgresqlBatchesTable() {
  return "CREATE TABLE IF NOT EXISTS aos_migration_batches ("
         "repository_id VARCHAR(250) NOT NULL PRIMARY KEY"
         ", version INTEGER NOT NULL"
         ", direction VARCHAR(16) NOT NULL"
         ", statement INTEGER NOT NULL"
         ", digest VARCHAR(64) NOT NULL"
         ", done_key BIGINT NOT NULL"
         ", rows_done BIGINT NOT NULL"
         ", chunks BIGINT NOT NULL"
         ", key_columns TEXT NULL"
         ", done_after TEXT NULL)";
}

std::string PostgresqlBatchesColumns() {
  return "ALTER TABLE aos_migration_batches ADD COLUMN IF NOT EXISTS key_columns TEXT NULL, "
         "ADD COLUMN IF NOT EXISTS done_after TEXT NULL";
}

std::string PostgresqlBatchUpsert() {
  return "INSERT INTO aos_migration_batches (repository_id, version, direction, statement, "
         "digest, done_key, rows_done, chunks, key_columns, done_after) VALUES (?, ?, ?, ?, ?, "
         "?, ?, ?, ?, ?) ON CONFLICT (repository_id) DO UPDATE SET version = EXCLUDED.version, "
         "direction = EXCLUDED.direction, statement = EXCLUDED.statement, digest = "
         "EXCLUDED.digest, done_key = EXCLUDED.done_key, rows_done = EXCLUDED.rows_done, chunks "
         "= EXCLUDED.chunks, key_columns = EXCLUDED.key_columns, done_after = "
         "EXCLUDED.done_after";
}

}  // namespace aos::engine
