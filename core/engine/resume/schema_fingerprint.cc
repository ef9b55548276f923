#include "core/engine/resume/schema_fingerprint.h"

#include <algorithm>
#include <cctype>

#include "absl/strings/str_cat.h"
#include "core/backend/database_error.h"
#include "core/engine/bookkeeping/bookkeeping_tables.h"  // issue 27
#include "core/engine/resume/table_identity.h"
#include "core/sql/mysql_tokenizer.h"
#include "core/util/hash.h"

namespace aos::engine {
namespace {

// The rows of one information_schema view of the connected database:
// `columns` of those whose `schema_column` is it (sorted by the caller).
backend::BoundStatement Select(absl::string_view columns,
                               absl::string_view view,
                               absl::string_view schema_column,
                               absl::string_view also = "") {
  return {absl::StrCat("SELECT ", columns, " FROM information_schema.", view,
                       " WHERE ", schema_column, " = DATABASE()", also),
          {}};
}

// Issue 27: a row about an archive of dropped values or its record
// (bookkeeping_tables.h), which is never the module's schema.
bool NamesArchive(const backend::Row& row) {
  for (const std::optional<std::string>& v : row) {
    if (v && IsArchiveTable(*v)) return true;
  }
  return false;
}

// Everything a statement can create or change in the connected database
// (see the header), one query a kind of object. Columns that exist on
// MariaDB 10.6+ and MySQL 8 alike, or `*` of views without volatile ones.
std::vector<backend::BoundStatement> WholeSchemaQueries() {
  return {
      Select("*", "schemata", "schema_name"),
      Select("table_name, table_type, engine, row_format, create_options, "
             "table_collation, table_comment",
             "tables", "table_schema"),
      Select("table_name, column_name, ordinal_position, column_type, "
             "is_nullable, column_default, extra, character_set_name, "
             "collation_name, column_comment, generation_expression",
             "columns", "table_schema"),
      Select("table_name, index_name, seq_in_index, column_name, "
             "non_unique, sub_part, index_type, collation, nullable, "
             "comment, index_comment",
             "statistics", "table_schema"),
      Select("table_name, partition_name, subpartition_name, "
             "partition_ordinal_position, subpartition_ordinal_position, "
             "partition_method, subpartition_method, partition_expression, "
             "subpartition_expression, partition_description, "
             "partition_comment",
             "partitions", "table_schema", " AND partition_name IS NOT NULL"),
      Select("table_name, constraint_name, constraint_type",
             "table_constraints", "constraint_schema"),
      Select("*", "check_constraints", "constraint_schema"),
      Select("constraint_name, table_name, referenced_table_name, "
             "unique_constraint_schema, unique_constraint_name, "
             "match_option, update_rule, delete_rule",
             "referential_constraints", "constraint_schema"),
      Select("constraint_name, table_name, column_name, ordinal_position, "
             "position_in_unique_constraint, referenced_table_schema, "
             "referenced_table_name, referenced_column_name",
             "key_column_usage", "table_schema"),
      Select("*", "views", "table_schema"),
      Select("trigger_name, event_manipulation, event_object_table, "
             "action_order, action_condition, action_statement, "
             "action_orientation, action_timing, sql_mode, definer, "
             "character_set_client, collation_connection, "
             "database_collation",
             "triggers", "event_object_schema"),
      Select("specific_name, routine_name, routine_type, dtd_identifier, "
             "routine_body, routine_definition, external_name, "
             "parameter_style, is_deterministic, sql_data_access, "
             "security_type, sql_mode, routine_comment, definer, "
             "character_set_client, collation_connection, "
             "database_collation",
             "routines", "routine_schema"),
      Select("specific_name, routine_type, ordinal_position, "
             "parameter_mode, parameter_name, dtd_identifier",
             "parameters", "specific_schema"),
      Select("event_name, definer, time_zone, event_body, event_definition, "
             "event_type, execute_at, interval_value, interval_field, "
             "sql_mode, starts, ends, status, on_completion, event_comment, "
             "originator, character_set_client, collation_connection, "
             "database_collation",
             "events", "event_schema"),
  };
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

// One row of a result: NULL and '' differ; a length prefix keeps values
// apart.
void AppendRow(const backend::Row& row, std::string* text) {
  for (const std::optional<std::string>& v : row) {
    if (v) {
      absl::StrAppend(text, v->size(), ":", *v, "|");
    } else {
      *text += "N|";
    }
  }
  *text += "\n";
}

}  // namespace

absl::StatusOr<std::string> SchemaFingerprint(
    backend::Database& db,
    const std::optional<std::vector<sql::TableName>>& targets) {
  if (targets) {
    absl::StatusOr<std::string> text = DefinitionsOf(db, *targets);
    if (!text.ok()) return text.status();
    return util::Sha256Hex(*text);
  }
  absl::StatusOr<std::vector<std::vector<backend::Row>>> results =
      db.QueryAll(WholeSchemaQueries());
  if (!results.ok()) return results.status();
  std::string text;
  for (size_t q = 0; q < results->size(); ++q) {
    absl::StrAppend(&text, "#", q, "\n");
    // Sorted here: no ORDER BY of the server's, and an order that does not
    // hang on which names repeat (CHECK names are per table on MariaDB).
    std::vector<backend::Row>& rows = (*results)[q];
    std::sort(rows.begin(), rows.end());
    for (const backend::Row& row : rows) {
      if (!NamesArchive(row)) AppendRow(row, &text);  // issue 27
    }
  }
  return util::Sha256Hex(text);
}

absl::StatusOr<DdlProof> DdlFingerprint(backend::Database& db,
                                        absl::string_view statement) {
  std::optional<std::vector<sql::TableRename>> renames =
      sql::TableRenames(statement);
  DdlProof proof;
  if (!renames || !sql::RenameReusesNames(*renames)) {
    absl::StatusOr<std::string> f =
        SchemaFingerprint(db, sql::DdlTargets(statement));
    if (!f.ok()) return f.status();
    proof.fingerprint = *std::move(f);
    return proof;
  }
  // A swap: the definitions under every name, and which table is there.
  std::vector<sql::TableName> names;
  for (const sql::TableRename& r : *renames) {
    for (const sql::TableName& n : {r.from, r.to}) {
      if (std::find(names.begin(), names.end(), n) == names.end()) {
        names.push_back(n);
      }
    }
  }
  absl::StatusOr<TableIdentities> ids = ReadTableIdentities(db, names);
  if (!ids.ok()) return ids.status();
  if (!ids->unprovable.empty()) {
    proof.fingerprint = kUnprovableFingerprint;
    proof.unprovable = ids->unprovable;
    return proof;
  }
  absl::StatusOr<std::string> definitions = DefinitionsOf(db, names);
  if (!definitions.ok()) return definitions.status();
  proof.fingerprint = util::Sha256Hex(absl::StrCat(*definitions, ids->text));
  proof.without_identities = util::Sha256Hex(*definitions);
  return proof;
}

std::string WhyUnprovable(int64_t number, const std::string& recorded,
                          const DdlProof& now) {
  // Recorded by a release that took no identities: an equal digest of the
  // definitions then proves nothing.
  const bool without_ids =
      !now.without_identities.empty() && recorded == now.without_identities;
  if (recorded != kUnprovableFingerprint && now.unprovable.empty() &&
      !without_ids) {
    return "";
  }
  return absl::StrCat(
      "statement ", number,
      " renames tables onto names the same statement gives up, so the names "
      "may hold the same definitions whether or not it ran, and only the "
      "tables' identities tell; ",
      !now.unprovable.empty() ? now.unprovable
      : without_ids ? "the release that started it did not record them"
                    : "they could not be read when it started",
      ": the tool will not guess whether it took effect");
}

}  // namespace aos::engine
