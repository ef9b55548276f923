// schema_shape_postgresql.cc: a PostgreSQL schema's shape (the current
// schema), read from information_schema and pg_catalog, one catalog at a
// time.
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/schema/schema_shape_readers.h"

namespace aos::schema::shape {
namespace {

using backend::Row;

absl::Status ReadServer(backend::Database& db, SchemaShape* s) {
  absl::StatusOr<std::vector<Row>> rows =
      db.Query("SELECT current_schema()::text", {});
  if (!rows.ok()) return rows.status();
  if (!rows->empty()) s->schema_name = V((*rows)[0][0]);
  return absl::OkStatus();
}

absl::Status ReadTables(backend::Database& db, SchemaShape* s) {
  return ForRows(
      db,
      "SELECT table_name::text, table_type::text FROM "
      "information_schema.tables WHERE table_schema = current_schema()",
      [&](const Row& r) { s->tables[V(r[0])].view = V(r[1]) == "VIEW"; });
}

absl::Status ReadColumns(backend::Database& db, SchemaShape* s) {
  return ForRows(
      db,
      "SELECT table_name::text, column_name::text, CASE WHEN data_type IN "
      "('USER-DEFINED', 'ARRAY') THEN udt_name::text ELSE data_type::text "
      "END, character_maximum_length::text, numeric_precision::text, "
      "numeric_scale::text, is_nullable::text, column_default::text, "
      "is_identity::text, is_generated::text FROM "
      "information_schema.columns WHERE table_schema = current_schema()",
      [&](const Row& r) {
        ColumnShape& c = s->tables[V(r[0])].columns[V(r[1])];
        c.type = V(r[2]);
        if (r[3]) {
          c.type = absl::StrCat(c.type, "(", *r[3], ")");
        } else if (c.type == "numeric" && r[4]) {
          c.type = absl::StrCat(c.type, "(", *r[4], ",", V(r[5]), ")");
        }
        c.nullable = V(r[6]) != "NO";
        c.default_value = V(r[7]);
        c.extra = V(r[8]) == "YES"      ? "identity"
                  : V(r[9]) == "ALWAYS" ? "generated"
                                        : "";
        c.has_default = r[7].has_value() || !c.extra.empty();
      });
}

absl::Status ReadIndexes(backend::Database& db, SchemaShape* s) {
  return ForRows(
      db,
      "SELECT t.relname::text, i.relname::text, ix.indisunique::text, "
      "ix.indisprimary::text, COALESCE(a.attname::text, '(expression)'), "
      "pg_get_indexdef(ix.indexrelid) FROM pg_index ix JOIN pg_class i ON "
      "i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid CROSS "
      "JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, "
      "ord) LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = "
      "k.attnum WHERE t.relnamespace = current_schema()::regnamespace "
      "ORDER BY 1, 2, k.ord",
      [&](const Row& r) {
        const std::string kind = V(r[3]) == "true"   ? "primary key"
                                 : V(r[2]) == "true" ? "unique index"
                                                     : "index";
        ConstraintShape& c =
            Constraint(s, V(r[0]), "index " + V(r[1]), kind, V(r[1]));
        c.columns.push_back(V(r[4]));
        c.definition = V(r[5]);
      });
}

// Foreign keys, checks and exclusions. Primary keys and unique constraints
// are their indexes (ReadIndexes).
absl::Status ReadConstraints(backend::Database& db, SchemaShape* s) {
  return ForRows(
      db,
      "SELECT c.relname::text, con.conname::text, con.contype::text, "
      "pg_get_constraintdef(con.oid), COALESCE((SELECT "
      "string_agg(a.attname::text, ',' ORDER BY a.attnum) FROM pg_attribute "
      "a WHERE a.attrelid = con.conrelid AND a.attnum = ANY(con.conkey)), "
      "'') FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid "
      "WHERE con.connamespace = current_schema()::regnamespace AND "
      "con.contype IN ('f', 'c', 'x')",
      [&](const Row& r) {
        const std::string type = V(r[2]);
        ConstraintShape& c = Constraint(s, V(r[0]), "constraint " + V(r[1]),
                                        type == "f"   ? "foreign key"
                                        : type == "c" ? "check"
                                                      : "exclusion",
                                        V(r[1]));
        c.definition = V(r[3]);
        if (type != "c") {
          c.columns = absl::StrSplit(V(r[4]), ',', absl::SkipEmpty());
        }
      });
}

absl::Status ReadTriggers(backend::Database& db, SchemaShape* s) {
  return ForRows(
      db,
      "SELECT c.relname::text, t.tgname::text, pg_get_triggerdef(t.oid) "
      "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT "
      "t.tgisinternal AND c.relnamespace = current_schema()::regnamespace",
      [&](const Row& r) { s->tables[V(r[0])].triggers[V(r[1])] = V(r[2]); });
}

absl::Status ReadFunctions(backend::Database& db, SchemaShape* s) {
  return ForRows(
      db,
      "SELECT '', p.proname::text || '(' || "
      "pg_get_function_identity_arguments(p.oid) || ')', "
      "pg_get_functiondef(p.oid) FROM pg_proc p WHERE p.pronamespace = "
      "current_schema()::regnamespace AND p.prokind IN ('f', 'p')",
      [&](const Row& r) {
        s->others["function " + V(r[1])] = Squeeze(V(r[2]));
      });
}

absl::Status ReadSequences(backend::Database& db, SchemaShape* s) {
  return ForRows(
      db,
      "SELECT '', sequence_name::text FROM information_schema.sequences "
      "WHERE sequence_schema = current_schema() AND sequence_name NOT LIKE "
      "'aos\\_migration\\_%'",
      [&](const Row& r) { s->others["sequence " + V(r[1])] = ""; });
}

}  // namespace

absl::Status ReadPostgresql(backend::Database& db, SchemaShape* s) {
  return ReadInOrder(db, s,
                     {ReadServer, ReadTables, ReadColumns, ReadIndexes, ReadConstraints,
                      ReadTriggers, ReadFunctions, ReadSequences});
}

}  // namespace aos::schema::shape
