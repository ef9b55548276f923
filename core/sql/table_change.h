// table_change.h: a MySQL DDL statement that changes an existing table
// where it stands (ALTER TABLE, CREATE INDEX, DROP INDEX), read far enough
// to run it elsewhere: on an empty clone of the table to learn its cost
// (engine/ddl_cost.h), with the algorithm the server accepted written into
// it, or through pt-online-schema-change (engine/online_alter.h).
#ifndef AOS_CORE_SQL_TABLE_CHANGE_H_
#define AOS_CORE_SQL_TABLE_CHANGE_H_

#include <cstddef>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "core/sql/statement_kind.h"

namespace aos::sql {

struct TableChange {
  enum class Form { kAlterTable, kCreateIndex, kDropIndex } form;
  TableName table;
  // The table's name in the statement, [name_begin, name_end), with its
  // schema when it has one.
  size_t name_begin = 0;
  size_t name_end = 0;
  // The author wrote ALGORITHM= or LOCK=: that choice stands.
  bool names_algorithm = false;
  // ALTER TABLE ... RENAME [TO|AS] u: the table gets another name.
  bool renames_table = false;
  // Whether an ALGORITHM/LOCK clause can be written in at `clause_at`
  // (not before partitioning clauses, whose grammar is apart).
  bool rewritable = false;
  size_t clause_at = 0;
  // ALTER TABLE: what follows the name (and WAIT n), pt-osc's --alter.
  std::string alter_spec;
};

// nullopt for every other statement, and for one whose shape it does not
// know.
std::optional<TableChange> ParseTableChange(absl::string_view statement);

// The statement with the table's name replaced by `name` (bare when it is
// a plain identifier, else backquoted).
std::string OnTable(absl::string_view statement, const TableChange& change,
                    absl::string_view name);

// The statement with ALGORITHM=`algorithm` (and LOCK=`lock` unless empty)
// written in; unchanged when it cannot be, or names its own.
std::string WithAlgorithm(absl::string_view statement,
                          const TableChange& change,
                          absl::string_view algorithm, absl::string_view lock);

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_TABLE_CHANGE_H_
