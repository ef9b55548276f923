#include "core/engine/schema_fingerprint.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/engine/history_store.h"

namespace aos::engine {
namespace {

// The WHERE clause picking the targets out of an information_schema view
// (whose schema and table columns are named `schema_column`, `table_column`),
// with its parameters appended to `params`.
std::string TargetFilter(
    const std::optional<std::vector<sql::TableName>>& targets,
    absl::string_view schema_column, absl::string_view table_column,
    std::vector<backend::SqlValue>* params) {
  if (!targets) {
    return absl::StrCat(schema_column, " = DATABASE()");
  }
  std::vector<std::string> ors;
  for (const sql::TableName& t : *targets) {
    ors.push_back(absl::StrCat("(", schema_column,
                               " = COALESCE(NULLIF(?, ''), DATABASE()) AND ",
                               table_column, " = ?)"));
    params->push_back(t.schema);
    params->push_back(t.name);
  }
  if (ors.empty()) return "FALSE";
  return absl::StrCat("(", absl::StrJoin(ors, " OR "), ")");
}

backend::BoundStatement Select(
    absl::string_view columns, absl::string_view view,
    absl::string_view schema_column, absl::string_view table_column,
    absl::string_view order,
    const std::optional<std::vector<sql::TableName>>& targets) {
  backend::BoundStatement q;
  q.sql = absl::StrCat(
      "SELECT ", columns, " FROM information_schema.", view, " WHERE ",
      TargetFilter(targets, schema_column, table_column, &q.params),
      " ORDER BY ", order);
  return q;
}

}  // namespace

absl::StatusOr<std::string> SchemaFingerprint(
    backend::Database& db,
    const std::optional<std::vector<sql::TableName>>& targets) {
  std::vector<backend::BoundStatement> queries = {
      Select("table_schema, table_name, table_type, engine, create_options, "
             "table_collation",
             "tables", "table_schema", "table_name", "1, 2", targets),
      Select("table_schema, table_name, column_name, ordinal_position, "
             "column_type, is_nullable, column_default, extra, "
             "collation_name",
             "columns", "table_schema", "table_name", "1, 2, 4", targets),
      Select("table_schema, table_name, index_name, seq_in_index, "
             "column_name, non_unique, sub_part, index_type",
             "statistics", "table_schema", "table_name", "1, 2, 3, 4",
             targets),
      Select("constraint_schema, table_name, constraint_name, "
             "constraint_type",
             "table_constraints", "constraint_schema", "table_name",
             "1, 2, 3", targets),
      Select("table_schema, table_name, view_definition", "views",
             "table_schema", "table_name", "1, 2", targets),
  };
  if (!targets) {
    queries.push_back(Select(
        "trigger_schema, trigger_name, event_object_table, action_timing, "
        "event_manipulation, action_statement",
        "triggers", "trigger_schema", "trigger_name", "1, 2", std::nullopt));
    queries.push_back(Select(
        "routine_schema, routine_name, routine_type, routine_definition",
        "routines", "routine_schema", "routine_name", "1, 2", std::nullopt));
  }
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
