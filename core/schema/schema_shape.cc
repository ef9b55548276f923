// schema_shape.cc: ReadSchemaShape and the helpers every engine's reader
// shares (schema_shape_readers.h).
#include "core/schema/schema_shape.h"

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "core/schema/schema_shape_readers.h"
#include "core/engine/bookkeeping/bookkeeping_tables.h"

namespace aos::schema {
namespace shape {

absl::Status ReadInOrder(backend::Database& db, SchemaShape* s,
                         std::initializer_list<CatalogReader> readers) {
  for (CatalogReader read : readers) {
    if (absl::Status st = read(db, s); !st.ok()) return st;
  }
  return absl::OkStatus();
}

std::string V(const std::optional<std::string>& v) { return v ? *v : ""; }

std::string Squeeze(const std::string& s) {
  return absl::StrJoin(
      absl::StrSplit(s, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty()), " ");
}

absl::Status ForRows(backend::Database& db, const std::string& sql,
                     const std::function<void(const backend::Row&)>& add) {
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query(sql, {});
  if (!rows.ok()) return rows.status();
  for (const backend::Row& r : *rows) {
    if (engine::IsBookkeepingTable(V(r[0]))) continue;
    add(r);
  }
  return absl::OkStatus();
}

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

}  // namespace shape

namespace {

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

}  // namespace

absl::StatusOr<SchemaShape> ReadSchemaShape(backend::Database& db) {
  SchemaShape s;
  absl::Status st = db.dialect() == "mysql" ? shape::ReadMysql(db, &s)
                    : db.dialect() == "postgresql"
                        ? shape::ReadPostgresql(db, &s)
                        : shape::ReadSqlite(db, &s);
  if (!st.ok()) return st;
  ResolveCheckColumns(&s);
  return s;
}

}  // namespace aos::schema
