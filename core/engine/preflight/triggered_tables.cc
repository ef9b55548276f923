#include "core/engine/preflight/triggered_tables.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "core/sql/statement_kind.h"

namespace aos::engine {

bool TriggeredTables::Has(absl::string_view table) const {
  return all || names.count(absl::AsciiStrToLower(table)) > 0;
}

void TriggeredTables::NoteCreated(absl::string_view statement) {
  if (sql::ClassifyStatement(statement) != sql::StatementKind::kDdl) return;
  const std::vector<std::string> ids = sql::IdentifiersIn(statement);
  if (ids.empty() || !absl::EqualsIgnoreCase(ids[0], "CREATE")) return;
  size_t trigger = 1;
  while (trigger < ids.size() && trigger < 6 &&
         !absl::EqualsIgnoreCase(ids[trigger], "TRIGGER")) {
    ++trigger;  // OR REPLACE, DEFINER = ..., TEMP
  }
  if (trigger >= ids.size() || trigger >= 6) return;
  // CREATE TRIGGER name {BEFORE|AFTER|INSTEAD OF} event [OF cols] ON table
  for (size_t i = trigger + 1; i + 1 < ids.size(); ++i) {
    if (absl::EqualsIgnoreCase(ids[i], "ON")) {
      names.insert(absl::AsciiStrToLower(ids[i + 1]));
      return;
    }
  }
  all = true;
}

std::string TriggeredTablesQuery(absl::string_view dialect) {
  if (dialect == "mysql") {
    // By the table's schema (a trigger's own is always its table's): the
    // view is filled from the schema its event_object_schema names, and
    // from every schema of the server when only trigger_schema is given.
    return "SELECT DISTINCT event_object_table FROM "
           "information_schema.triggers WHERE event_object_schema = "
           "DATABASE()";
  }
  if (dialect == "postgresql") {
    return "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON "
           "c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
           "WHERE NOT t.tgisinternal AND n.nspname = current_schema()";
  }
  return "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger'";
}

TriggeredTables TriggeredTablesFrom(
    const absl::StatusOr<std::vector<backend::Row>>& rows) {
  TriggeredTables out;
  if (!rows.ok()) {
    out.all = true;
    return out;
  }
  for (const backend::Row& r : *rows) {
    if (!r.empty() && r[0]) out.names.insert(absl::AsciiStrToLower(*r[0]));
  }
  return out;
}

}  // namespace aos::engine
