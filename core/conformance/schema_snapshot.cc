#include "core/conformance/schema_snapshot.h"

#include "core/engine/bookkeeping/bookkeeping_tables.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace aos::conformance {
namespace {

using backend::Row;

std::string V(const std::optional<std::string>& v) {
  return v ? *v : "NULL";
}

// Collapses runs of white space, so reformatting alone is no difference.
std::string Squeeze(const std::string& s) {
  return absl::StrJoin(absl::StrSplit(s, absl::ByAnyChar(" \t\r\n"),
                                      absl::SkipEmpty()),
                       " ");
}

// Runs `sql` and adds one line per row made by `line`, skipping rows whose
// first column names a bookkeeping table.
absl::Status AddLines(backend::Database& db, const std::string& sql,
                      const std::function<std::string(const Row&)>& line,
                      SchemaSnapshot* out) {
  absl::StatusOr<std::vector<Row>> rows = db.Query(sql, {});
  if (!rows.ok()) return rows.status();
  for (const Row& r : *rows) {
    if (engine::IsBookkeepingTable(V(r[0]))) continue;
    out->push_back(line(r));
  }
  return absl::OkStatus();
}

// Indexes: one row per (table, index, column) grouped into one line each.
absl::Status AddGroupedIndexes(backend::Database& db, const std::string& sql,
                               SchemaSnapshot* out) {
  absl::StatusOr<std::vector<Row>> rows = db.Query(sql, {});
  if (!rows.ok()) return rows.status();
  std::map<std::string, std::vector<std::string>> columns;
  std::map<std::string, std::string> kinds;
  for (const Row& r : *rows) {
    if (engine::IsBookkeepingTable(V(r[0]))) continue;
    std::string key = absl::StrCat("index ", V(r[0]), ".", V(r[1]));
    kinds[key] = V(r[2]);
    columns[key].push_back(V(r[3]));
  }
  for (const auto& [key, cols] : columns) {
    out->push_back(absl::StrCat(key, " ", kinds[key], " (",
                                absl::StrJoin(cols, ", "), ")"));
  }
  return absl::OkStatus();
}

// MySQL tables (with their engine) and columns.
absl::Status AddMysqlTablesAndColumns(backend::Database& db,
                                      SchemaSnapshot* out) {
  absl::Status st = AddLines(
      db,
      "SELECT table_name, table_type, engine FROM information_schema.tables "
      "WHERE table_schema = DATABASE()",
      [](const Row& r) {
        return absl::StrCat("table ", V(r[0]), " ", V(r[1]), " ", V(r[2]));
      },
      out);
  if (st.ok()) {
    st = AddLines(
        db,
        "SELECT table_name, column_name, ordinal_position, column_type, "
        "is_nullable, column_default, extra FROM information_schema.columns "
        "WHERE table_schema = DATABASE()",
        [](const Row& r) {
          return absl::StrCat("column ", V(r[0]), ".", V(r[1]), " #", V(r[2]),
                              " ", V(r[3]),
                              V(r[4]) == "NO" ? " NOT NULL" : " NULL",
                              " DEFAULT ", V(r[5]), " ", V(r[6]));
        },
        out);
  }
  return st;
}

// MySQL indexes and foreign keys, each grouped into one line.
absl::Status AddMysqlIndexesAndForeignKeys(backend::Database& db,
                                           SchemaSnapshot* out) {
  absl::Status st = AddGroupedIndexes(
      db,
      "SELECT table_name, index_name, CONCAT(IF(non_unique = 0, 'UNIQUE ', "
      "''), index_type), CONCAT(column_name, IFNULL(CONCAT('(', sub_part, "
      "')'), '')) FROM information_schema.statistics WHERE table_schema = "
      "DATABASE() ORDER BY table_name, index_name, seq_in_index",
      out);
  if (st.ok()) {
    st = AddGroupedIndexes(
        db,
        "SELECT k.table_name, CONCAT('fk ', k.constraint_name), CONCAT('-> ', "
        "k.referenced_table_name, ' ON UPDATE ', rc.update_rule, ' ON DELETE "
        "', rc.delete_rule), CONCAT(k.column_name, '=', "
        "k.referenced_column_name) FROM "
        // Each view bound to this schema by a constant of its own (see
        // core/schema/schema_shape_mysql.cc): joined otherwise, MariaDB
        // fills referential_constraints from every schema of the server.
        "information_schema.referential_constraints rc STRAIGHT_JOIN "
        "information_schema.key_column_usage k ON "
        "rc.constraint_schema = k.constraint_schema AND rc.constraint_name = "
        "k.constraint_name AND rc.table_name = k.table_name WHERE "
        "rc.constraint_schema = DATABASE() AND k.table_schema = DATABASE() "
        "ORDER BY k.table_name, k.constraint_name, k.ordinal_position",
        out);
  }
  return st;
}

// MySQL check constraints and triggers.
absl::Status AddMysqlChecksAndTriggers(backend::Database& db,
                                       SchemaSnapshot* out) {
  absl::Status st = AddLines(
      db,
      "SELECT table_name, constraint_name, check_clause FROM "
      "information_schema.check_constraints WHERE constraint_schema = "
      "DATABASE()",
      [](const Row& r) {
        return absl::StrCat("check ", V(r[0]), ".", V(r[1]), " ", V(r[2]));
      },
      out);
  if (st.ok()) {
    st = AddLines(
        db,
        "SELECT event_object_table, trigger_name, action_timing, "
        "event_manipulation, action_statement FROM information_schema.triggers "
        "WHERE event_object_schema = DATABASE()",
        [](const Row& r) {
          return absl::StrCat("trigger ", V(r[0]), ".", V(r[1]), " ", V(r[2]),
                              " ", V(r[3]), " ", Squeeze(V(r[4])));
        },
        out);
  }
  return st;
}

absl::Status SnapshotMysql(backend::Database& db, SchemaSnapshot* out) {
  absl::Status st = AddMysqlTablesAndColumns(db, out);
  if (st.ok()) st = AddMysqlIndexesAndForeignKeys(db, out);
  if (st.ok()) st = AddMysqlChecksAndTriggers(db, out);
  return st;
}

// PostgreSQL tables and columns.
absl::Status AddPostgresqlTablesAndColumns(backend::Database& db,
                                           SchemaSnapshot* out) {
  absl::Status st = AddLines(
      db,
      "SELECT table_name::text, table_type::text FROM "
      "information_schema.tables WHERE table_schema = current_schema()",
      [](const Row& r) { return absl::StrCat("table ", V(r[0]), " ", V(r[1])); },
      out);
  if (st.ok()) {
    // Column order is left out: PostgreSQL cannot put a re-added column
    // back in its old place.
    st = AddLines(
        db,
        "SELECT table_name::text, column_name::text, data_type::text, "
        "COALESCE(character_maximum_length::text, ''), "
        "COALESCE(numeric_precision::text, ''), is_nullable::text, "
        "column_default::text FROM information_schema.columns WHERE "
        "table_schema = current_schema()",
        [](const Row& r) {
          return absl::StrCat("column ", V(r[0]), ".", V(r[1]), " ", V(r[2]),
                              "(", V(r[3]), V(r[4]), ")",
                              V(r[5]) == "NO" ? " NOT NULL" : " NULL",
                              " DEFAULT ", V(r[6]));
        },
        out);
  }
  return st;
}

// PostgreSQL indexes, constraints and triggers, by their definitions.
absl::Status AddPostgresqlIndexesConstraintsAndTriggers(backend::Database& db,
                                                        SchemaSnapshot* out) {
  absl::Status st = AddLines(
      db,
      "SELECT tablename::text, indexname::text, indexdef::text FROM "
      "pg_indexes WHERE schemaname = current_schema()",
      [](const Row& r) {
        return absl::StrCat("index ", V(r[0]), ".", V(r[1]), " ", V(r[2]));
      },
      out);
  if (st.ok()) {
    st = AddLines(
        db,
        "SELECT conrelid::regclass::text, conname::text, "
        "pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = "
        "current_schema()::regnamespace AND conrelid <> 0",
        [](const Row& r) {
          return absl::StrCat("constraint ", V(r[0]), ".", V(r[1]), " ", V(r[2]));
        },
        out);
  }
  if (st.ok()) {
    st = AddLines(
        db,
        "SELECT tgrelid::regclass::text, tgname::text, pg_get_triggerdef(oid) "
        "FROM pg_trigger WHERE NOT tgisinternal",
        [](const Row& r) {
          return absl::StrCat("trigger ", V(r[0]), ".", V(r[1]), " ", V(r[2]));
        },
        out);
  }
  return st;
}

// PostgreSQL functions and sequences (the tool's own sequences left out).
absl::Status AddPostgresqlFunctionsAndSequences(backend::Database& db,
                                                SchemaSnapshot* out) {
  absl::Status st = AddLines(
      db,
      "SELECT '', p.proname::text, pg_get_functiondef(p.oid) FROM pg_proc p "
      "WHERE p.pronamespace = current_schema()::regnamespace",
      [](const Row& r) {
        return absl::StrCat("function ", V(r[1]), " ", Squeeze(V(r[2])));
      },
      out);
  if (st.ok()) {
    st = AddLines(
        db,
        "SELECT '', sequence_name::text FROM information_schema.sequences "
        "WHERE sequence_schema = current_schema() AND sequence_name NOT LIKE "
        "'aos\\_migration\\_%'",
        [](const Row& r) { return absl::StrCat("sequence ", V(r[1])); }, out);
  }
  return st;
}

absl::Status SnapshotPostgresql(backend::Database& db, SchemaSnapshot* out) {
  absl::Status st = AddPostgresqlTablesAndColumns(db, out);
  if (st.ok()) st = AddPostgresqlIndexesConstraintsAndTriggers(db, out);
  if (st.ok()) st = AddPostgresqlFunctionsAndSequences(db, out);
  return st;
}

absl::Status SnapshotSqlite(backend::Database& db, SchemaSnapshot* out) {
  // Tables by their columns (a rebuild reformats CREATE TABLE text);
  // column order is left out, as on PostgreSQL.
  absl::Status st = AddLines(
      db,
      "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk "
      "FROM sqlite_master m JOIN pragma_table_info(m.name) p "
      "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
      [](const Row& r) {
        return absl::StrCat("column ", V(r[0]), ".", V(r[1]), " ", V(r[2]),
                            V(r[3]) == "1" ? " NOT NULL" : " NULL",
                            " DEFAULT ", V(r[4]), " pk ", V(r[5]));
      },
      out);
  if (st.ok()) {
    st = AddGroupedIndexes(
        db,
        "SELECT m.name, 'fk ' || f.id, '-> ' || f.\"table\" || ' ON UPDATE ' "
        "|| f.on_update || ' ON DELETE ' || f.on_delete, f.\"from\" || '=' || "
        "IFNULL(f.\"to\", '') FROM sqlite_master m JOIN "
        "pragma_foreign_key_list(m.name) f WHERE m.type = 'table' ORDER BY "
        "m.name, f.id, f.seq",
        out);
  }
  if (st.ok()) {
    st = AddLines(
        db,
        "SELECT tbl_name, type, name, sql FROM sqlite_master WHERE type IN "
        "('index', 'trigger', 'view') AND name NOT LIKE 'sqlite_%'",
        [](const Row& r) {
          return absl::StrCat(V(r[1]), " ", V(r[0]), ".", V(r[2]), " ",
                              Squeeze(V(r[3])));
        },
        out);
  }
  if (st.ok()) {
    st = AddLines(
        db,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
        "LIKE 'sqlite_%'",
        [](const Row& r) { return absl::StrCat("table ", V(r[0])); }, out);
  }
  return st;
}

}  // namespace

absl::StatusOr<SchemaSnapshot> TakeSnapshot(backend::Database& db) {
  SchemaSnapshot out;
  absl::Status st = db.dialect() == "mysql"        ? SnapshotMysql(db, &out)
                    : db.dialect() == "postgresql" ? SnapshotPostgresql(db, &out)
                                                   : SnapshotSqlite(db, &out);
  if (!st.ok()) return st;
  std::sort(out.begin(), out.end());
  return out;
}

std::string SchemaDiff(const SchemaSnapshot& before,
                       const SchemaSnapshot& after) {
  std::multiset<std::string> a(before.begin(), before.end());
  std::multiset<std::string> b(after.begin(), after.end());
  std::string diff;
  for (const std::string& line : before) {
    if (!b.count(line)) absl::StrAppend(&diff, "- ", line, "\n");
  }
  for (const std::string& line : after) {
    if (!a.count(line)) absl::StrAppend(&diff, "+ ", line, "\n");
  }
  return diff;
}

}  // namespace aos::conformance
