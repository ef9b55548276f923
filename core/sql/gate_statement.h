// gate_statement.h: what one statement of a pending step may do to the
// module's tables, as the DDL gate (engine/ddl_cost.h) needs to know it:
// read once, from the statement's tokens (the one lexer, through
// mysql_tokenizer.h), never from its text.
//
//  - kTableChange: ALTER TABLE, CREATE INDEX, DROP INDEX (table_change.h):
//    tried on empty clones where it can be, its cost the server's answer.
//  - kMaintenance: OPTIMIZE, REPAIR and CHECK TABLE, ANALYZE TABLE ...
//    PERSISTENT, FLUSH TABLES: each rebuilds, reads whole or locks the
//    tables it names, and is never tried; its cost is "unknown".
//  - kOpaque: what the reader cannot follow to the tables it changes: a
//    compound block (BEGIN NOT ATOMIC ... END, IF, WHILE, ...), dynamic SQL
//    (EXECUTE IMMEDIATE, EXECUTE of a prepared statement), CALL, SET
//    STATEMENT ... FOR, LOAD DATA, an event, and every statement the reader
//    does not know: "unknown", reaching any table of the database.
//  - kCreateTable, kFill, kRename, kDrop: what makes, fills, renames and
//    drops tables, for the gate to follow the tables through the run (a
//    table made by CREATE TABLE ... AS SELECT holds what its SELECT reads).
//  - kNone: what cannot rebuild or lock a table (rows changed by DML, a
//    SELECT, SET, a view, a routine's or a trigger's definition, ...).
#ifndef AOS_CORE_SQL_GATE_STATEMENT_H_
#define AOS_CORE_SQL_GATE_STATEMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/sql/statement_kind.h"
#include "core/sql/table_change.h"

namespace aos::sql {

struct GateStatement {
  enum class Kind {
    kNone,
    kTableChange,
    kMaintenance,
    kOpaque,
    kCreateTable,
    kFill,
    kRename,
    kDrop,
  } kind = Kind::kNone;
  // kTableChange.
  std::optional<TableChange> change;
  // kCreateTable, kFill: the table made or filled. kMaintenance, kDrop:
  // the tables named (kMaintenance: none for every table, FLUSH TABLES).
  TableName table;
  std::vector<TableName> tables;
  bool temporary = false;  // CREATE/DROP TEMPORARY TABLE
  // kCreateTable, kFill: the tables its SELECT reads (FROM, JOIN);
  // `reads_unnamed` when it reads what no table name says (a table
  // function, a derived row source the reader does not know).
  std::vector<TableName> sources;
  bool selects = false;       // filled by a SELECT
  bool reads_unnamed = false;
  int64_t rows = 0;  // kFill: the rows of VALUES (1 for INSERT ... SET)
  // kCreateTable: LIKE t, or an ENGINE that may keep its rows elsewhere
  // (`foreign_engine`: what it says).
  std::string foreign_engine;
  // kRename: in order; also ALTER TABLE ... RENAME TO (kTableChange).
  std::vector<TableRename> renames;
  // kMaintenance, kOpaque: what the statement is, for the reason shown
  // ("OPTIMIZE TABLE rebuilds the table", "a compound block (BEGIN NOT
  // ATOMIC ... END)"); kOpaque: `writes` when it may make or fill tables.
  std::string why;
  bool writes = false;
};

GateStatement ReadGateStatement(absl::string_view statement,
                                ChangeDialect dialect);

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_GATE_STATEMENT_H_
