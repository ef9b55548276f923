#include "core/engine/schema_fingerprint.h"

#include <cctype>

#include "absl/strings/str_cat.h"
#include "core/backend/database_error.h"
#include "core/engine/history_store.h"
#include "core/sql/mysql_tokenizer.h"

namespace aos::engine {
namespace {

// All of one information_schema view's rows for the connected database.
backend::BoundStatement Select(absl::string_view columns,
                               absl::string_view view,
                               absl::string_view schema_column,
                               absl::string_view order) {
  return {
      absl::StrCat("SELECT ", columns, " FROM information_schema.", view,
                   " WHERE ", schema_column, " = DATABASE() ORDER BY ", order),
      {}};
}

// SHOW CREATE TABLE of each target (a view's too; SHOW CREATE TRIGGER of a
// trigger): its whole definition for a fraction of what information_schema
// costs. AUTO_INCREMENT=N, a
// counter the services move, is left out; a missing table reads "absent".
absl::StatusOr<std::string> DefinitionsOf(
    backend::Database& db, const std::vector<sql::TableName>& targets) {
  std::string text;
  for (const sql::TableName& t : targets) {
    std::string name = t.schema.empty()
                           ? sql::QuoteIdentifier(t.name)
                           : absl::StrCat(sql::QuoteIdentifier(t.schema), ".",
                                          sql::QuoteIdentifier(t.name));
    absl::StatusOr<std::vector<backend::Row>> rows = db.Query(absl::StrCat(
        t.trigger ? "SHOW CREATE TRIGGER " : "SHOW CREATE TABLE ", name));
    absl::StrAppend(&text, name, "\n");
    if (!rows.ok()) {
      std::optional<backend::DatabaseErrorInfo> e =
          backend::GetDatabaseError(rows.status());
      // 1146: no such table; 1360: no such trigger; 1049: no such database.
      if (e && (e->server_code == "1146" || e->server_code == "1360" ||
                e->server_code == "1049")) {
        text += "absent\n";
        continue;
      }
      return rows.status();
    }
    for (const backend::Row& row : *rows) {
      // A table's definition is its second column, a trigger's its third
      // (its creation time, later, is left out).
      const size_t column = t.trigger ? 2 : 1;
      std::string definition =
          row.size() > column ? row[column].value_or("") : "";
      size_t at = definition.find(" AUTO_INCREMENT=");
      if (at != std::string::npos) {
        size_t end = at + 16;
        while (end < definition.size() &&
               std::isdigit(static_cast<unsigned char>(definition[end]))) {
          ++end;
        }
        definition.erase(at, end - at);
      }
      absl::StrAppend(&text, definition, "\n");
    }
  }
  return text;
}

}  // namespace

absl::StatusOr<std::string> SchemaFingerprint(
    backend::Database& db,
    const std::optional<std::vector<sql::TableName>>& targets) {
  if (targets) {
    absl::StatusOr<std::string> text = DefinitionsOf(db, *targets);
    if (!text.ok()) return text.status();
    return Sha256Hex(*text);
  }
  std::vector<backend::BoundStatement> queries = {
      Select("table_name, table_type, engine, create_options, "
             "table_collation",
             "tables", "table_schema", "1"),
      Select("table_name, column_name, ordinal_position, column_type, "
             "is_nullable, column_default, extra, collation_name",
             "columns", "table_schema", "1, 3"),
      Select("table_name, index_name, seq_in_index, column_name, "
             "non_unique, sub_part, index_type",
             "statistics", "table_schema", "1, 2, 3"),
      Select("table_name, constraint_name, constraint_type",
             "table_constraints", "constraint_schema", "1, 2"),
      Select("table_name, view_definition", "views", "table_schema", "1"),
      Select("trigger_name, event_object_table, action_timing, "
             "event_manipulation, action_statement",
             "triggers", "trigger_schema", "1"),
      Select("routine_name, routine_type, routine_definition", "routines",
             "routine_schema", "1, 2"),
  };
  absl::StatusOr<std::vector<std::vector<backend::Row>>> results =
      db.QueryAll(queries);
  if (!results.ok()) return results.status();
  std::string text;
  for (size_t q = 0; q < results->size(); ++q) {
    absl::StrAppend(&text, "#", q, "\n");
    for (const backend::Row& row : (*results)[q]) {
      for (const std::optional<std::string>& v : row) {
        // NULL and '' differ; a length prefix keeps values apart.
        if (v) {
          absl::StrAppend(&text, v->size(), ":", *v, "|");
        } else {
          text += "N|";
        }
      }
      text += "\n";
    }
  }
  return Sha256Hex(text);
}

}  // namespace aos::engine
