// run_tables.h: the module's tables as a run would leave them, statement
// by statement, for the DDL gate (ddl_cost.h): the tables the run starts
// with, sized by the server's statistics (with their engine on MySQL),
// then followed through every statement of the plan as read by
// sql/gate_statement.h. A rename (RENAME TABLE, ALTER TABLE ... RENAME TO)
// moves a table to its new name, so that a later statement on that name is
// sized, and tried, on the table it is; a table made in the run holds what
// fills it (CREATE TABLE ... AS SELECT, INSERT ... SELECT: the sum of the
// tables read, conservatively; VALUES: its rows); a dropped table is gone.
//
// Next() says what each statement costs the gate: nothing, a table change
// to try on empty clones of the tables it names (as they were before the
// run), or "unknown", with the reason and the size it is gated on. A name
// qualified with the module's own database or schema is that table; one of
// another database is unknown and its size cannot be read (refused). A
// statement the reader cannot follow (a compound block, dynamic SQL, CALL,
// OPTIMIZE, ...) is unknown and sized as the biggest table it could reach;
// a table it may have made is sized as everything it could have read.
#ifndef AOS_CORE_ENGINE_DDL_RUN_TABLES_H_
#define AOS_CORE_ENGINE_DDL_RUN_TABLES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/engine/batch/dml_gate.h"
#include "core/engine/ddl/ddl_cost.h"
#include "core/report/statement_cost.h"
#include "core/sql/gate_statement.h"
#include "core/sql/table_change.h"

namespace aos::engine {

struct TableSize {
  std::optional<int64_t> rows;
  std::optional<int64_t> bytes;
  std::string engine;  // MySQL: information_schema.TABLES.ENGINE
};

// A statistic as a number; nullopt for NULL or garbage.
std::optional<int64_t> StatNumber(const std::optional<std::string>& text);

// A table a change names, and what it was before the run (for its clone).
struct TriedTable {
  sql::TableName written;
  std::string before_run;
  std::string engine;
};

// What the gate makes of one statement.
struct GateTarget {
  enum class Kind {
    kNothing,  // no cost: cannot block, or a table that is new and empty
    kTry,      // a change of tables the run starts with: try it on clones
    kUnknown,  // never tried: `cost` has the reason in its note
  } kind = Kind::kNothing;
  std::optional<sql::TableChange> change;  // a table change (kTry, kUnknown)
  std::vector<TriedTable> tables;          // kTry: its table, then parents
  report::StatementCost cost;  // statement, table, rows, bytes (and note)
};

class RunTables {
 public:
  explicit RunTables(sql::ChangeDialect dialect) : dialect_(dialect) {}

  // The connection's own database (MySQL) or schema (PostgreSQL).
  void SetSchema(const std::string& schema) { schema_ = schema; }
  void Add(const std::string& table, TableSize size);

  // What statement `index` (from 0) of its step, `text`, costs the gate
  // (`where` names it: "statement 2 of migration 5"); then follows what it
  // does to the tables.
  GateTarget Next(const std::string& text, size_t index,
                  const std::string& where);

  // The table `name` stands for now in the run, for the DML gate
  // (batch/dml_gate.h); nullopt when it is no table of this database.
  std::optional<GatedTable> Lookup(const sql::TableName& name);

  // Whether a statement that blocks is refused: its size at or above the
  // limits, or not known at all.
  static bool Refused(const report::StatementCost& cost,
                      const DdlPolicy& policy);

 private:
  struct Table {
    std::optional<int64_t> rows;
    std::optional<int64_t> bytes;
    std::string engine;
    std::string before_run;  // "" when made in the run
    std::string made;        // how the run made it ("" for none)
  };
  struct Found {
    enum class Where { kHere, kOtherDatabase, kMissing } where;
    Table* table = nullptr;   // kHere
    std::string name;         // kHere: its key
    std::string shown;        // as the cost names it
  };

  Found Resolve(const sql::TableName& name);
  std::map<std::string, Table>& MapOf(const std::string& key);
  GateTarget Change(const sql::GateStatement& g, GateTarget out);
  GateTarget Unknown(const sql::GateStatement& g, GateTarget out);
  void Follow(const sql::GateStatement& g, const std::string& where);
  void Move(const std::vector<sql::TableRename>& renames);
  // What a CREATE ... SELECT / INSERT ... SELECT adds: the sum of what it
  // reads (nullopt sizes when any of it is not known); `why` what it read.
  Table Filled(const sql::GateStatement& g, size_t text_size,
               std::string* why);
  // The biggest table of the database (the first of unknown size).
  std::optional<std::string> Biggest();

  const sql::ChangeDialect dialect_;
  std::string schema_;
  std::map<std::string, Table> tables_;
  std::map<std::string, Table> temporary_;  // shadow tables_ while there
  // A statement that may have made or filled any table ("" none yet), and
  // the size of everything there was to read when it ran.
  std::string opaque_;
  Table opaque_size_;
};

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_DDL_RUN_TABLES_H_
