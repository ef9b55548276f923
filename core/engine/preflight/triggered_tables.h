// triggered_tables.h: the tables of a module's database that have triggers.
// A statement that writes one of them may, through the trigger, write any
// other table; the pre-flight's plan (preflight_plan.h) counts that when it
// decides whether an earlier statement writes the table a check reads.
#ifndef AOS_CORE_ENGINE_PREFLIGHT_TRIGGERED_TABLES_H_
#define AOS_CORE_ENGINE_PREFLIGHT_TRIGGERED_TABLES_H_

#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/backend/database.h"

namespace aos::engine {

struct TriggeredTables {
  std::set<std::string> names;  // lower case
  // Not known (the catalog could not be read): any table may have one.
  bool all = false;

  bool Has(absl::string_view table) const;
  // Adds the table of `statement` when it is a CREATE TRIGGER (all tables
  // when its table cannot be read from it).
  void NoteCreated(absl::string_view statement);
};

// The query that lists the tables with triggers of the database a
// connection is on, from the catalog: MySQL information_schema, PostgreSQL
// pg_trigger without the internal triggers of foreign keys, SQLite
// sqlite_master. Reads only.
std::string TriggeredTablesQuery(absl::string_view dialect);

// Its rows as TriggeredTables; `all` when the query failed.
TriggeredTables TriggeredTablesFrom(
    const absl::StatusOr<std::vector<backend::Row>>& rows);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_PREFLIGHT_TRIGGERED_TABLES_H_
