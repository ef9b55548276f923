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

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_STATEMENT_KIND_H_
