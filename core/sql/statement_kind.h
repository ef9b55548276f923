// statement_kind.h: what a MySQL statement of a migration does, as far as
// resuming a step after a crash needs to know (engine/resume_point.h).
//
//  - kDml: INSERT, UPDATE, DELETE, REPLACE. InnoDB applies it whole or not
//    at all, and the tool commits it together with its progress record.
//  - kDdl: CREATE, ALTER, DROP, RENAME, TRUNCATE. Atomic on MariaDB 10.6+
//    and MySQL 8; whether it took effect is read off the schema it touches.
//  - kOther: anything else (SET, CALL, GRANT, a SELECT, MariaDB's BEGIN NOT
//    ATOMIC block): nothing proves whether it ran.
//
// DdlTargets names the tables and views (or the trigger) a DDL statement
// touches, or nullopt when the statement's shape is not one it knows (then
// the module's whole schema is compared).
#ifndef AOS_CORE_SQL_STATEMENT_KIND_H_
#define AOS_CORE_SQL_STATEMENT_KIND_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace aos::sql {

enum class StatementKind { kDml, kDdl, kOther };

StatementKind ClassifyStatement(absl::string_view statement);

// "dml", "ddl", "other": how the kind is recorded.
const char* StatementKindName(StatementKind kind);

// A table or view, or (`trigger`) a trigger, a DDL statement touches.
struct TableName {
  std::string schema;  // "" for the connection's database
  std::string name;
  bool trigger = false;
  bool operator==(const TableName& o) const {
    return schema == o.schema && name == o.name && trigger == o.trigger;
  }
};

std::optional<std::vector<TableName>> DdlTargets(absl::string_view statement);

// A table a statement renames, and the name it gets.
struct TableRename {
  TableName from;
  TableName to;
};

// The renames of RENAME TABLE[S] [IF EXISTS] a [WAIT n | NOWAIT] TO b
// [, ...], in order, or of ALTER TABLE a ... RENAME [TO | AS] b; empty
// when it is such a statement whose names this cannot read; nullopt when
// the statement renames no table.
std::optional<std::vector<TableRename>> TableRenames(
    absl::string_view statement);

// Whether a table of `renames` takes a name that one of them gives up (a
// swap through a spare name: a TO tmp, b TO a, tmp TO b). Then the names
// may hold the same definitions before and after, and only the tables'
// identities tell whether it ran. Names compare as loosely as the server
// might: letter case aside, and a name without a database as any with.
// An empty list (names not read) counts as reusing them.
bool RenameReusesNames(const std::vector<TableRename>& renames);

// Every identifier of `statement`: its words (keywords too) and `quoted`
// names, each as written; a superset of the tables, views and routines it
// names, wherever it names them.
std::vector<std::string> IdentifiersIn(absl::string_view statement);

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_STATEMENT_KIND_H_
