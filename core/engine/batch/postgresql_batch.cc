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

namespace {

// How the range SQL reads and gives back a value of a key column of
// `type` (pg_type.typname; `declared`: format_type, e.g. "numeric(10,2)";
// `collation`: its own when not the database's default); "" in `*why`
// when it can, else why not. Every text here is the same in any session:
// integers, numeric, the string types and uuid print exactly and alike
// whatever the settings; bytea travels as hex (bytea_output would change
// its text).
sql::KeyColumn PostgresqlRanged(const std::string& name, const std::string& type,
                                const std::string& declared, const std::string& collation,
                                std::string* why) {
  const std::string quoted = PostgresqlQuote(name);
  sql::KeyColumn k{name, declared, quoted, quoted, "", false};
  if (type == "int2" || type == "int4" || type == "int8") {
    k.type = "integer";  // as before composite keys: a recorded boundary reads the same
    k.comparand = "CAST(? AS bigint)";
  } else if (type == "numeric") {
    k.comparand = "CAST(? AS numeric)";
  } else if (type == "text" || type == "varchar" || type == "bpchar") {
    k.comparand = absl::StrCat("CAST(? AS ", declared, ")");
    if (!collation.empty()) {
      absl::StrAppend(&k.comparand, " COLLATE ", PostgresqlQuote(collation));
      absl::StrAppend(&k.type, " COLLATE ", collation);
    }
  } else if (type == "uuid") {
    k.comparand = "CAST(? AS uuid)";
  } else if (type == "bytea") {
    k.select = absl::StrCat("encode(", quoted, ", 'hex')");
    k.comparand = "decode(?, 'hex')";
    k.hex = true;
  } else if (type == "date" || type == "timestamp" || type == "timestamptz" || type == "time" ||
             type == "timetz" || type == "interval") {
    *why = "printed by the session's DateStyle (and TimeZone), so its text may not read back as "
           "the same value in another session";
  } else if (type == "float4" || type == "float8") {
    *why = "an approximate number, whose text does not read back exactly";
  } else {
    *why = "not a type the chunks range over (smallint, integer, bigint, numeric, text, varchar, "
           "char, uuid or bytea)";
  }
  return k;
}

}  // namespace

absl::StatusOr<sql::RangeKey> ReadPostgresqlKey(backend::Database& db, absl::string_view schema,
                                                absl::string_view table) {
  // The key's columns in its order, each with its type and, when it is
  // not the database's default, its collation.
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query(
      absl::StrCat("SELECT a.attname, t.typname, format_type(a.atttypid, a.atttypmod), "
                   "CASE WHEN a.attcollation IN (0, 100) THEN '' ELSE co.collname END FROM "
                   "pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON "
                   "n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND "
                   "a.attnum = ANY (i.indkey) JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN "
                   "pg_collation co ON co.oid = a.attcollation WHERE i.indisprimary AND "
                   "c.relname = ?::text AND ",
                   kSchemaIs, " ORDER BY array_position(i.indkey::int2[], a.attnum)"),
      {std::string(table), std::string(schema)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) {
    return absl::FailedPreconditionError(absl::StrCat(table, " has no primary key to range over"));
  }
  sql::RangeKey key;
  key.row_values = true;  // (k1, k2) > (?, ?): an index condition there
  for (const backend::Row& r : *rows) {
    std::string why;
    key.columns.push_back(PostgresqlRanged(r[0].value_or(""), r[1].value_or(""),
                                           r[2].value_or(""), r[3].value_or(""), &why));
    if (!why.empty()) {
      return absl::FailedPreconditionError(absl::StrCat(table, "'s primary key column ",
                                                        r[0].value_or(""), " is ",
                                                        r[2].value_or(""), ", ", why));
    }
  }
  return key;
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
