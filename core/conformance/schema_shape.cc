#include "core/conformance/schema_shape.h"

#include <cctype>
#include <functional>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "core/engine/bookkeeping/bookkeeping_tables.h"

namespace aos::conformance {
namespace {

using backend::Row;

std::string V(const std::optional<std::string>& v) { return v ? *v : ""; }

std::string Squeeze(const std::string& s) {
  return absl::StrJoin(
      absl::StrSplit(s, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty()), " ");
}

// Runs `sql` and hands each row to `add`, skipping rows whose first column
// names a bookkeeping table.
absl::Status ForRows(backend::Database& db, const std::string& sql,
                     const std::function<void(const Row&)>& add) {
  absl::StatusOr<std::vector<Row>> rows = db.Query(sql, {});
  if (!rows.ok()) return rows.status();
  for (const Row& r : *rows) {
    if (engine::IsBookkeepingTable(V(r[0]))) continue;
    add(r);
  }
  return absl::OkStatus();
}

// Adds `column` to the constraint `key` of `table` (created with `kind` and
// `name` on its first column).
ConstraintShape& Constraint(SchemaShape* s, const std::string& table,
                            const std::string& key, const std::string& kind,
                            const std::string& name) {
  ConstraintShape& c = s->tables[table].constraints[key];
  if (c.name.empty()) {
    c.name = name;
    c.kind = kind;
  }
  return c;
}

// The columns of `table` that the clause names (a check's columns).
std::vector<std::string> NamedColumns(const TableShape& table,
                                      const std::string& clause) {
  std::set<std::string> found;
  for (absl::string_view word :
       absl::StrSplit(clause, absl::ByAnyChar(" \t\r\n()`\"'[],.=<>!+-*/%|&;:"),
                      absl::SkipEmpty())) {
    for (const auto& [name, column] : table.columns) {
      if (absl::EqualsIgnoreCase(word, name)) found.insert(name);
    }
  }
  return {found.begin(), found.end()};
}

// Fills the columns of every check constraint from its definition.
void ResolveCheckColumns(SchemaShape* s) {
  for (auto& [name, table] : s->tables) {
    for (auto& [key, c] : table.constraints) {
      if (c.kind == "check") c.columns = NamedColumns(table, c.definition);
    }
  }
}

absl::Status ReadMysql(backend::Database& db, SchemaShape* s) {
  absl::Status st = ForRows(
      db,
      "SELECT table_name, table_type FROM information_schema.tables WHERE "
      "table_schema = DATABASE()",
      [&](const Row& r) { s->tables[V(r[0])].view = V(r[1]) == "VIEW"; });
  if (st.ok()) {
    st = ForRows(
        db,
        "SELECT table_name, column_name, column_type, is_nullable, "
        "column_default, extra FROM information_schema.columns WHERE "
        "table_schema = DATABASE()",
        [&](const Row& r) {
          ColumnShape& c = s->tables[V(r[0])].columns[V(r[1])];
          c.type = absl::AsciiStrToLower(V(r[2]));
          c.nullable = V(r[3]) != "NO";
          c.default_value = V(r[4]);
          const std::string extra = absl::AsciiStrToLower(V(r[5]));
          c.has_default = r[4].has_value() ||
                          extra.find("auto_increment") != std::string::npos ||
                          extra.find("generated") != std::string::npos;
        });
  }
  std::map<std::pair<std::string, std::string>, std::vector<std::string>>
      parts;  // each index's columns with their prefix lengths
  if (st.ok()) {
    st = ForRows(
        db,
        "SELECT table_name, index_name, non_unique, column_name, sub_part, "
        "index_type FROM information_schema.statistics WHERE table_schema = "
        "DATABASE() ORDER BY table_name, index_name, seq_in_index",
        [&](const Row& r) {
          const std::string name = V(r[1]);
          const std::string kind = name == "PRIMARY" ? "primary key"
                                   : V(r[2]) == "0"  ? "unique index"
                                                     : "index";
          ConstraintShape& c =
              Constraint(s, V(r[0]), "index " + name, kind, name);
          const std::string column =
              r[3] ? *r[3] : std::string("(expression)");
          c.columns.push_back(column);
          std::vector<std::string>& p = parts[{V(r[0]), name}];
          p.push_back(r[4] ? absl::StrCat(column, "(", *r[4], ")") : column);
          c.definition =
              absl::StrCat(kind, " ", V(r[5]), " (", absl::StrJoin(p, ", "), ")");
        });
  }
  if (st.ok()) {
    st = ForRows(
        db,
        "SELECT k.table_name, k.constraint_name, k.column_name, "
        "k.referenced_table_name, k.referenced_column_name, rc.update_rule, "
        "rc.delete_rule FROM information_schema.key_column_usage k JOIN "
        "information_schema.referential_constraints rc ON "
        "rc.constraint_schema = k.constraint_schema AND rc.constraint_name = "
        "k.constraint_name AND rc.table_name = k.table_name WHERE "
        "k.table_schema = DATABASE() ORDER BY k.table_name, "
        "k.constraint_name, k.ordinal_position",
        [&](const Row& r) {
          ConstraintShape& c = Constraint(s, V(r[0]), "constraint " + V(r[1]),
                                          "foreign key", V(r[1]));
          c.columns.push_back(V(r[2]));
          absl::StrAppend(&c.definition, c.definition.empty() ? "" : "; ",
                          V(r[2]), " -> ", V(r[3]), ".", V(r[4]),
                          " ON UPDATE ", V(r[5]), " ON DELETE ", V(r[6]));
        });
  }
  if (st.ok()) {
    st = ForRows(
        db,
        "SELECT table_name, constraint_name, check_clause FROM "
        "information_schema.check_constraints WHERE constraint_schema = "
        "DATABASE()",
        [&](const Row& r) {
          Constraint(s, V(r[0]), "constraint " + V(r[1]), "check", V(r[1]))
              .definition = Squeeze(V(r[2]));
        });
  }
  if (st.ok()) {
    st = ForRows(
        db,
        "SELECT event_object_table, trigger_name, action_timing, "
        "event_manipulation, action_statement FROM "
        "information_schema.triggers WHERE trigger_schema = DATABASE()",
        [&](const Row& r) {
          s->tables[V(r[0])].triggers[V(r[1])] = absl::StrCat(
              V(r[2]), " ", V(r[3]), " ", Squeeze(V(r[4])));
        });
  }
  return st;
}

absl::Status ReadPostgresql(backend::Database& db, SchemaShape* s) {
  absl::Status st = ForRows(
      db,
      "SELECT table_name::text, table_type::text FROM "
      "information_schema.tables WHERE table_schema = current_schema()",
      [&](const Row& r) { s->tables[V(r[0])].view = V(r[1]) == "VIEW"; });
  if (st.ok()) {
    st = ForRows(
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
          c.has_default = r[7].has_value() || V(r[8]) == "YES" ||
                          V(r[9]) == "ALWAYS";
        });
  }
  if (st.ok()) {
    st = ForRows(
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
  if (st.ok()) {
    // Primary keys and unique constraints are their indexes, above.
    st = ForRows(
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
          ConstraintShape& c =
              Constraint(s, V(r[0]), "constraint " + V(r[1]),
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
  if (st.ok()) {
    st = ForRows(
        db,
        "SELECT c.relname::text, t.tgname::text, pg_get_triggerdef(t.oid) "
        "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT "
        "t.tgisinternal AND c.relnamespace = current_schema()::regnamespace",
        [&](const Row& r) { s->tables[V(r[0])].triggers[V(r[1])] = V(r[2]); });
  }
  if (st.ok()) {
    st = ForRows(
        db,
        "SELECT '', p.proname::text || '(' || "
        "pg_get_function_identity_arguments(p.oid) || ')', "
        "pg_get_functiondef(p.oid) FROM pg_proc p WHERE p.pronamespace = "
        "current_schema()::regnamespace AND p.prokind IN ('f', 'p')",
        [&](const Row& r) {
          s->others["function " + V(r[1])] = Squeeze(V(r[2]));
        });
  }
  if (st.ok()) {
    st = ForRows(
        db,
        "SELECT '', sequence_name::text FROM information_schema.sequences "
        "WHERE sequence_schema = current_schema() AND sequence_name NOT LIKE "
        "'aos\\_migration\\_%'",
        [&](const Row& r) { s->others["sequence " + V(r[1])] = ""; });
  }
  return st;
}

absl::Status ReadSqlite(backend::Database& db, SchemaShape* s) {
  absl::Status st = ForRows(
      db,
      "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') "
      "AND name NOT LIKE 'sqlite_%'",
      [&](const Row& r) { s->tables[V(r[0])].view = V(r[1]) == "view"; });
  std::map<std::string, int> key_columns;  // table -> columns of its key
  std::map<std::string, std::string> first_key;  // table -> that column
  if (st.ok()) {
    st = ForRows(
        db,
        "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk "
        "FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type "
        "IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%'",
        [&](const Row& r) {
          ColumnShape& c = s->tables[V(r[0])].columns[V(r[1])];
          c.type = absl::AsciiStrToLower(V(r[2]));
          c.nullable = V(r[3]) == "0";
          c.default_value = V(r[4]);
          c.has_default = r[4].has_value();
          if (V(r[5]) != "0") {
            ++key_columns[V(r[0])];
            if (V(r[5]) == "1") first_key[V(r[0])] = V(r[1]);
          }
        });
  }
  // INTEGER PRIMARY KEY is the rowid: the engine gives it a value.
  for (const auto& [table, n] : key_columns) {
    ColumnShape& c = s->tables[table].columns[first_key[table]];
    if (n == 1 && c.type == "integer") c.has_default = true;
  }
  if (st.ok()) {
    st = ForRows(
        db,
        "SELECT m.name, il.name, il.\"unique\", il.origin, ii.name, "
        "il.partial FROM sqlite_master m JOIN pragma_index_list(m.name) il "
        "JOIN pragma_index_info(il.name) ii WHERE m.type = 'table' AND m.name "
        "NOT LIKE 'sqlite_%' ORDER BY m.name, il.name, ii.seqno",
        [&](const Row& r) {
          const std::string kind = V(r[3]) == "pk"   ? "primary key"
                                   : V(r[2]) == "1" ? "unique index"
                                                    : "index";
          ConstraintShape& c =
              Constraint(s, V(r[0]), "index " + V(r[1]), kind, V(r[1]));
          const std::string column =
              r[4] ? *r[4] : std::string("(expression)");
          c.columns.push_back(column);
          c.definition = absl::StrCat(kind, V(r[5]) == "1" ? " partial" : "",
                                      " (", absl::StrJoin(c.columns, ", "), ")");
        });
  }
  if (st.ok()) {
    // Foreign keys have no name: known by what they link.
    struct Fk {
      std::vector<std::string> from, to;
      std::string table, rules;
    };
    std::map<std::pair<std::string, std::string>, Fk> fks;
    st = ForRows(
        db,
        "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, "
        "f.on_delete FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) "
        "f WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY "
        "m.name, f.id, f.seq",
        [&](const Row& r) {
          Fk& fk = fks[{V(r[0]), V(r[1])}];
          fk.from.push_back(V(r[3]));
          fk.to.push_back(V(r[4]));
          fk.table = V(r[2]);
          fk.rules = absl::StrCat(" ON UPDATE ", V(r[5]), " ON DELETE ", V(r[6]));
        });
    for (const auto& [key, fk] : fks) {
      const std::string name =
          absl::StrCat("(", absl::StrJoin(fk.from, ", "), ") -> ", fk.table,
                       "(", absl::StrJoin(fk.to, ", "), ")");
      ConstraintShape& c = Constraint(s, key.first, "constraint " + name,
                                      "foreign key", name);
      c.columns = fk.from;
      c.definition = name + fk.rules;
    }
  }
  if (st.ok()) {
    st = ForRows(db,
                 "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = "
                 "'trigger'",
                 [&](const Row& r) {
                   s->tables[V(r[0])].triggers[V(r[1])] = Squeeze(V(r[2]));
                 });
  }
  return st;
}

}  // namespace

absl::StatusOr<SchemaShape> ReadSchemaShape(backend::Database& db) {
  SchemaShape s;
  absl::Status st = db.dialect() == "mysql"        ? ReadMysql(db, &s)
                    : db.dialect() == "postgresql" ? ReadPostgresql(db, &s)
                                                   : ReadSqlite(db, &s);
  if (!st.ok()) return st;
  ResolveCheckColumns(&s);
  return s;
}

}  // namespace aos::conformance
