// table_change.h: a DDL statement that changes an existing table where it
// stands (ALTER TABLE, CREATE INDEX, MySQL's DROP INDEX), read far enough
// to run it elsewhere: on empty clones of its tables to learn its cost
// (engine/ddl_cost.h), with the algorithm the server accepted written into
// it, or through pt-online-schema-change (engine/online_alter.h).
//
// A statement may be tried on clones only when every table it names can be
// pointed at a clone: its own table and a foreign key's parent
// (`references`), nothing else. The reader reads the whole statement, and
// any of these leaves it untried, with the reason in `not_confined`: a
// second table (EXCHANGE PARTITION ... WITH TABLE, CONVERT TABLE ... TO
// PARTITION, ATTACH/DETACH PARTITION, INHERIT, OF, a MERGE table's UNION),
// a new name or schema for the table (RENAME TO, SET SCHEMA), partition
// maintenance (TRUNCATE, REORGANIZE, DROP, COALESCE, REBUILD, REPAIR,
// OPTIMIZE, ANALYZE, CHECK PARTITION), a tablespace's files (DISCARD,
// IMPORT, DATA/INDEX DIRECTORY), an engine that keeps its rows elsewhere,
// a subquery, a sequence, a variable, a second statement, an executable
// comment or a backslash (whose reading the server's version or sql_mode
// decides), or any clause or token it does not know.
#ifndef AOS_CORE_SQL_TABLE_CHANGE_H_
#define AOS_CORE_SQL_TABLE_CHANGE_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/sql/mysql_tokenizer.h"
#include "core/sql/statement_kind.h"

namespace aos::sql {

// Whose grammar an ALTER TABLE is read with.
enum class ChangeDialect { kMysql, kPostgresql };

// A table named in a statement, [begin, end) its name there (with its
// schema when it has one).
struct NamedTable {
  TableName table;
  size_t begin = 0;
  size_t end = 0;
};

struct TableChange {
  enum class Form { kAlterTable, kCreateIndex, kDropIndex } form;
  TableName table;
  // The table's name in the statement, [name_begin, name_end), with its
  // schema when it has one.
  size_t name_begin = 0;
  size_t name_end = 0;
  // The author wrote ALGORITHM= or LOCK=: that choice stands.
  bool names_algorithm = false;
  // The values of the statement's own ALGORITHM [=] x and LOCK [=] y
  // options (upper-cased, in order), read as options where the grammar has
  // them (an item of ALTER TABLE's list; after CREATE/DROP INDEX's table),
  // never from a string or a name that happens to spell them.
  std::vector<std::string> algorithms;
  std::vector<std::string> locks;
  // ALTER TABLE ... RENAME [TO|AS] u: the table gets another name;
  // `renames_only`: and nothing else changes.
  bool renames_table = false;
  bool renames_only = false;
  // Whether an ALGORITHM/LOCK clause can be written in at `clause_at`
  // (not before partitioning clauses, whose grammar is apart).
  bool rewritable = false;
  size_t clause_at = 0;
  // ALTER TABLE: what follows the name (and WAIT n), pt-osc's --alter.
  std::string alter_spec;
  // The parents its foreign keys name (REFERENCES p), in order.
  std::vector<NamedTable> references;
  // Why it may not be tried on clones (see the file comment); "" when it
  // may, its own table and `references` pointed at clones.
  std::string not_confined;
};

// nullopt for every other statement, and for one whose shape it does not
// know.
std::optional<TableChange> ParseTableChange(
    absl::string_view statement, ChangeDialect dialect = ChangeDialect::kMysql);

// The same, from the statement's tokens (mysql_tokenizer.h, read once by
// the caller).
std::optional<TableChange> ParseTableChange(absl::string_view statement,
                                            const std::vector<Token>& tokens,
                                            ChangeDialect dialect);

// The class a statement that names its own algorithm runs with, from its
// options (`algorithms`, `locks`): "instant", "inplace" (LOCK=NONE),
// "inplace_locks_writes", "copy"; the most blocking when it names several;
// "unknown" when none says (ALGORITHM=DEFAULT, a LOCK other than NONE
// alone, a value the reader does not know).
const char* NamedAlgorithmClass(const TableChange& change);

// The statement with the table's name replaced by `name` (bare when it is
// a plain identifier, else backquoted).
std::string OnTable(absl::string_view statement, const TableChange& change,
                    absl::string_view name);

// The statement with its table and each of `references` named as
// `clone_of` says (the same way).
std::string OnTables(
    absl::string_view statement, const TableChange& change,
    const std::function<std::string(const TableName&)>& clone_of);

// The statement with ALGORITHM=`algorithm` (and LOCK=`lock` unless empty)
// written in; unchanged when it cannot be, or names its own.
std::string WithAlgorithm(absl::string_view statement,
                          const TableChange& change,
                          absl::string_view algorithm, absl::string_view lock);

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_TABLE_CHANGE_H_
