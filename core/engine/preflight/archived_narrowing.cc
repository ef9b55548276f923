#include "core/engine/preflight/archived_narrowing.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/sql/column_narrowing.h"
#include "core/sql/conflict_query.h"
#include "core/sql/sql_lexer.h"

namespace aos::engine {

absl::StatusOr<bool> CutsSilently(backend::Database& db) {
  if (db.dialect() != "mysql") return false;
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query("SELECT @@SESSION.sql_mode");
  if (!rows.ok()) return rows.status();
  if (rows->empty() || rows->at(0).empty() || !rows->at(0)[0]) return false;
  const std::string mode = absl::AsciiStrToUpper(*rows->at(0)[0]);
  return !absl::StrContains(mode, "STRICT_TRANS_TABLES") &&
         !absl::StrContains(mode, "STRICT_ALL_TABLES");
}

absl::StatusOr<std::optional<sql::Destruction>> NarrowingToKeep(backend::Database& db,
                                                                const sql::DataDependency& d) {
  if (db.dialect() != "mysql" || d.kind != sql::DataDependency::Kind::kColumnType ||
      d.columns.empty() || !d.table.schema.empty()) {
    return std::nullopt;
  }
  absl::StatusOr<std::vector<backend::Row>> rows =
      db.Query(sql::ColumnsQuery("mysql", false), {d.table.name});
  if (!rows.ok()) return rows.status();
  for (const sql::ColumnFacts& c : sql::ReadColumnFacts(*rows)) {
    if (!absl::EqualsIgnoreCase(c.name, d.columns[0])) continue;
    std::string why;
    std::optional<sql::Narrowing> n =
        sql::NarrowingCondition(d.type, c, sql::QuoteName(c.name, "mysql"), "mysql", &why);
    if (!n || n->stored.empty()) return std::nullopt;
    sql::Destruction kept{sql::Destruction::Kind::kNarrowColumn, d.table, {c.name}};
    kept.lost_where = absl::StrCat("(", n->condition, ")");
    kept.stored = n->stored;
    return kept;
  }
  return std::nullopt;
}

bool SetsSqlModeBefore(const std::vector<sql::Statement>& statements, size_t index) {
  for (size_t i = 0; i < index && i < statements.size(); ++i) {
    for (const sql::Token& t : sql::LexTolerant(statements[i].text, "mysql")) {
      if (t.IsWord("SQL_MODE")) return true;
    }
  }
  return false;
}

}  // namespace aos::engine
