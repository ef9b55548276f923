// destructive_statement.h: what a statement destroys of the values stored
// in its tables (issue 27), read with the one lexer (sql_lexer.h) in the
// grammar of MySQL/MariaDB, PostgreSQL or SQLite, so that the engine can
// keep a copy first (engine/archive/archive_plan.h):
//  - ALTER TABLE [IF EXISTS] [ONLY] t ... DROP [COLUMN] [IF EXISTS] c ...:
//    the columns it drops (DROP INDEX, KEY, PRIMARY KEY, FOREIGN KEY,
//    CONSTRAINT, CHECK destroy no value);
//  - DROP TABLE [IF EXISTS] a [, b ...] (not TEMPORARY);
//  - TRUNCATE [TABLE] [ONLY] a [, b ...];
//  - MariaDB's CREATE OR REPLACE TABLE t (it drops t first).
// A statement that destroys values in a way it does not read (DROP or
// TRUNCATE PARTITION, TRUNCATE ... CASCADE, DROP SCHEMA/DATABASE, an
// executable comment around any of the above, a name it cannot read)
// comes back with `unread` saying why: the engine refuses rather than
// guess. Everything else destroys nothing (an empty reading).
// A column change that would lose values (a narrowed type) is found by
// the pre-flight (engine/preflight/preflight.h), which hands it to the
// archive as a kNarrowColumn where the server would cut the values
// silently, and refuses it otherwise.
#ifndef AOS_CORE_SQL_DESTRUCTIVE_STATEMENT_H_
#define AOS_CORE_SQL_DESTRUCTIVE_STATEMENT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/sql/statement_kind.h"

namespace aos::sql {

struct Destruction {
  enum class Kind { kDropColumn, kDropTable, kTruncate, kNarrowColumn } kind;
  TableName table;
  // kDropColumn: the columns dropped; kNarrowColumn: the column narrowed.
  std::vector<std::string> columns;
  bool if_exists = false;  // nothing to keep when it is absent
  // kNarrowColumn: the rows whose value does not fit (SQL over the table's
  // columns), and what the column holds of such a value after the change.
  std::string lost_where;
  std::string stored;
};

struct DestructionReading {
  std::vector<Destruction> destroys;  // in the order the statement says
  std::string unread;                 // "" or why it cannot be read
};

DestructionReading ReadDestructions(absl::string_view statement,
                                    absl::string_view dialect);

// "DROP COLUMN", "DROP TABLE", "TRUNCATE", "a column change".
const char* DestructionKindName(Destruction::Kind kind);

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_DESTRUCTIVE_STATEMENT_H_
