// schema_shape_sqlite.cc: an SQLite database's shape, read from
// sqlite_master and the table pragmas, one catalog at a time.
#include <map>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/schema/schema_shape_readers.h"

namespace aos::schema::shape {
namespace {

using backend::Row;

absl::Status ReadTables(backend::Database& db, SchemaShape* s) {
  return ForRows(
      db,
      "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') "
      "AND name NOT LIKE 'sqlite_%'",
      [&](const Row& r) { s->tables[V(r[0])].view = V(r[1]) == "view"; });
}

absl::Status ReadColumns(backend::Database& db, SchemaShape* s) {
  std::map<std::string, int> key_columns;        // table -> columns of its key
  std::map<std::string, std::string> first_key;  // table -> that column
  absl::Status st = ForRows(
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
          std::vector<std::string>& key = s->tables[V(r[0])].primary_key;
          size_t at = 0;
          if (absl::SimpleAtoi(V(r[5]), &at) && at > 0) {
            if (key.size() < at) key.resize(at);
            key[at - 1] = V(r[1]);
          }
          ++key_columns[V(r[0])];
          if (V(r[5]) == "1") first_key[V(r[0])] = V(r[1]);
        }
      });
  // INTEGER PRIMARY KEY is the rowid: the engine gives it a value.
  for (const auto& [table, n] : key_columns) {
    ColumnShape& c = s->tables[table].columns[first_key[table]];
    if (n == 1 && c.type == "integer") c.has_default = true;
  }
  return st;
}

absl::Status ReadIndexes(backend::Database& db, SchemaShape* s) {
  return ForRows(
      db,
      "SELECT m.name, il.name, il.\"unique\", il.origin, ii.name, "
      "il.partial FROM sqlite_master m JOIN pragma_index_list(m.name) il "
      "JOIN pragma_index_info(il.name) ii WHERE m.type = 'table' AND m.name "
      "NOT LIKE 'sqlite_%' ORDER BY m.name, il.name, ii.seqno",
      [&](const Row& r) {
        const std::string kind = V(r[3]) == "pk"  ? "primary key"
                                 : V(r[2]) == "1" ? "unique index"
                                                  : "index";
        ConstraintShape& c =
            Constraint(s, V(r[0]), "index " + V(r[1]), kind, V(r[1]));
        const std::string column = r[4] ? *r[4] : std::string("(expression)");
        c.columns.push_back(column);
        c.definition = absl::StrCat(kind, V(r[5]) == "1" ? " partial" : "",
                                    " (", absl::StrJoin(c.columns, ", "), ")");
      });
}

// Foreign keys have no name: known by what they link.
absl::Status ReadForeignKeys(backend::Database& db, SchemaShape* s) {
  struct Fk {
    std::vector<std::string> from, to;
    std::string table, rules;
  };
  std::map<std::pair<std::string, std::string>, Fk> fks;
  absl::Status st = ForRows(
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
        absl::StrCat("(", absl::StrJoin(fk.from, ", "), ") -> ", fk.table, "(",
                     absl::StrJoin(fk.to, ", "), ")");
    ConstraintShape& c =
        Constraint(s, key.first, "constraint " + name, "foreign key", name);
    c.columns = fk.from;
    c.definition = name + fk.rules;
  }
  return st;
}

absl::Status ReadTriggers(backend::Database& db, SchemaShape* s) {
  return ForRows(
      db,
      "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'trigger'",
      [&](const Row& r) {
        s->tables[V(r[0])].triggers[V(r[1])] = Squeeze(V(r[2]));
      });
}

}  // namespace

absl::Status ReadSqlite(backend::Database& db, SchemaShape* s) {
  return ReadInOrder(
      db, s,
      {ReadTables, ReadColumns, ReadIndexes, ReadForeignKeys, ReadTriggers});
}

}  // namespace aos::schema::shape
