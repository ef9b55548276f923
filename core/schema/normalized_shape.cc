// normalized_shape.cc: NormalizeShape, engine by engine: columns and
// tables first (every engine alike), then each engine's indexes and
// constraints, triggers and other objects.
#include "core/schema/normalized_shape.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/schema/spelling.h"

namespace aos::schema {
namespace {

std::string Joined(std::initializer_list<std::string> parts) {
  std::vector<std::string> kept;
  for (const std::string& p : parts) {
    if (!p.empty()) kept.push_back(p);
  }
  return absl::StrJoin(kept, " ");
}

std::string MysqlColumn(const SchemaShape& shape, const TableShape& table, const ColumnShape& c) {
  const std::string extra = MysqlExtra(c.extra);
  const bool engine_made =
      absl::StrContains(extra, "auto_increment") || absl::StrContains(extra, "generated");
  const bool present = c.has_default && !(c.default_value.empty() && engine_made);
  const std::string dflt =
      MysqlDefault(present, c.default_value, c.extra, DefaultsAreExpressions(shape.server_version));
  // A column's character set means something where it is not its table's
  // (the table's own follows the database's default, the operator's).
  const bool own_charset = !c.charset.empty() && !table.collation.empty() &&
                           CharsetName(c.charset) != CollationCharset(table.collation);
  return Joined({MysqlColumnType(c.type),
                 own_charset ? "character set " + CharsetName(c.charset) : "",
                 c.nullable ? "" : "not null", dflt.empty() ? "" : "default " + dflt, extra});
}

std::string ColumnText(const SchemaShape& shape, absl::string_view dialect, const TableShape& table,
                       const ColumnShape& c) {
  if (dialect == "mysql") return MysqlColumn(shape, table, c);
  const bool postgresql = dialect == "postgresql";
  std::string dflt;
  if (!c.default_value.empty()) {
    dflt = postgresql ? PostgresqlDefinition(c.default_value, shape.schema_name)
                      : SqliteDefault(c.default_value);
  }
  return Joined({postgresql ? SqueezeBlanks(c.type) : SqliteType(c.type),
                 c.nullable ? "" : "not null", dflt.empty() ? "" : "default " + dflt, c.extra});
}

// MariaDB makes a JSON column a longtext with a check json_valid(column)
// named as the column; MySQL 8 has a json type.
bool IsMariadbJsonCheck(const TableShape& table, const ConstraintShape& c) {
  if (c.kind != "check" || !table.columns.count(c.name)) return false;
  return MysqlCheckClause(c.definition) == absl::StrCat("json_valid(", c.name, ")");
}

// The index MySQL creates for a foreign key that has none: named as the
// key or its first column, on exactly its columns.
bool IsImplicitForeignKeyIndex(const TableShape& table, const ConstraintShape& c) {
  if (c.kind != "index") return false;
  for (const auto& [key, fk] : table.constraints) {
    if (fk.kind == "foreign key" && fk.columns == c.columns &&
        (c.name == fk.name || (!fk.columns.empty() && c.name == fk.columns[0]))) {
      return true;
    }
  }
  return false;
}

void AddMysqlTable(const std::string& t, const TableShape& table, SchemaObjects* out) {
  for (const auto& [key, c] : table.constraints) {
    auto column = out->find(absl::StrCat("column ", t, ".", c.name));
    if (IsMariadbJsonCheck(table, c) && column != out->end() &&
        absl::StartsWith(column->second, "longtext")) {
      column->second.replace(0, 8, "json");
    } else if (c.kind == "foreign key") {
      (*out)[absl::StrCat("foreign key ", t, ".", c.name)] = MysqlForeignKey(c.definition);
    } else if (c.kind == "check") {
      (*out)[absl::StrCat("check ", t, ".", c.name)] = MysqlCheckClause(c.definition);
    } else if (!IsImplicitForeignKeyIndex(table, c)) {
      (*out)[absl::StrCat("index ", t, ".", c.name)] =
          SqueezeBlanks(absl::AsciiStrToLower(c.definition));
    }
  }
  for (const auto& [name, body] : table.triggers) {
    (*out)[absl::StrCat("trigger ", t, ".", name)] = SqueezeBlanks(body);
  }
}

// pg_get_triggerdef without "CREATE [CONSTRAINT] TRIGGER name ".
std::string PostgresqlTrigger(const std::string& def, const std::string& name,
                              const std::string& schema) {
  std::string body = def;
  const size_t at = body.find(absl::StrCat(" ", name, " "));
  if (at != std::string::npos) body = body.substr(at + name.size() + 2);
  return PostgresqlDefinition(body, schema);
}

void AddPostgresqlTable(const std::string& t, const TableShape& table, const std::string& schema,
                        SchemaObjects* out) {
  for (const auto& [key, c] : table.constraints) {
    if (absl::StartsWith(key, "index ")) {
      const std::string name = c.kind == "primary key" ? "PRIMARY" : c.name;
      (*out)[absl::StrCat("index ", t, ".", name)] =
          absl::StrCat(c.kind, " ", PostgresqlIndexBody(c.definition, schema));
    } else {
      (*out)[absl::StrCat(c.kind, " ", t, ".", c.name)] =
          PostgresqlDefinition(c.definition, schema);
    }
  }
  for (const auto& [name, def] : table.triggers) {
    (*out)[absl::StrCat("trigger ", t, ".", name)] = PostgresqlTrigger(def, name, schema);
  }
}

void AddSqliteTable(const std::string& t, const TableShape& table, SchemaObjects* out) {
  if (!table.primary_key.empty()) {
    (*out)[absl::StrCat("index ", t, ".PRIMARY")] =
        absl::StrCat("primary key (", absl::StrJoin(table.primary_key, ","), ")");
  }
  for (const auto& [key, c] : table.constraints) {
    if (c.kind == "primary key") continue;  // the table's key, above
    std::string name = c.name;
    if (absl::StartsWith(name, "sqlite_autoindex_")) {  // numbered by position
      name = absl::StrCat("unique(", absl::StrJoin(c.columns, ","), ")");
    }
    const std::string kind = c.kind == "foreign key" ? "foreign key" : "index";
    (*out)[absl::StrCat(kind, " ", t, ".", name)] = SqueezeBlanks(c.definition);
  }
  for (const auto& [name, sql] : table.triggers) {
    (*out)[absl::StrCat("trigger ", t, ".", name)] = SqueezeBlanks(sql);
  }
}

}  // namespace

SchemaObjects NormalizeShape(const SchemaShape& shape, absl::string_view dialect) {
  SchemaObjects out;
  for (const auto& [t, table] : shape.tables) {
    out[absl::StrCat(table.view ? "view " : "table ", t)] = table.view ? "view" : "table";
    for (const auto& [name, c] : table.columns) {
      out[absl::StrCat("column ", t, ".", name)] = ColumnText(shape, dialect, table, c);
    }
    if (dialect == "mysql") {
      AddMysqlTable(t, table, &out);
    } else if (dialect == "postgresql") {
      AddPostgresqlTable(t, table, shape.schema_name, &out);
    } else {
      AddSqliteTable(t, table, &out);
    }
  }
  for (const auto& [name, def] : shape.others) {
    out[name] = absl::StartsWith(name, "sequence ") ? "sequence"
                                                    : PostgresqlDefinition(def, shape.schema_name);
  }
  return out;
}

}  // namespace aos::schema
