// table_definition.h: what a SQLite CREATE TABLE declares of the rows its
// table will accept, for the pre-flight's reading of a table rebuild
// (table_rebuild.h): each column's declared type, NOT NULL, DEFAULT,
// collation and whether it is generated; the table's UNIQUE and PRIMARY
// KEY constraints, CHECKs and FOREIGN KEYs (inline or as table
// constraints) as data dependencies over the new table's own columns
// (data_dependency.h); STRICT and WITHOUT ROWID.
//
// Left out, since the rows never fail on them: a constraint with ON
// CONFLICT IGNORE or REPLACE, and a DEFERRABLE INITIALLY DEFERRED foreign
// key (asked at COMMIT, after the step's later statements). A PRIMARY KEY
// of a rowid table admits NULLs in SQLite (each distinct): it asks only
// for distinct values; WITHOUT ROWID adds NOT NULL. CREATE TABLE ... AS
// SELECT declares nothing (nullopt); it is read as a copy (ReadTableCopy)
// when it is `AS SELECT * FROM t`.
#ifndef AOS_CORE_SQL_TABLE_DEFINITION_H_
#define AOS_CORE_SQL_TABLE_DEFINITION_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/sql/data_dependency.h"
#include "core/sql/statement_kind.h"

namespace aos::sql {

struct DefinedColumn {
  std::string name;
  std::string type;  // as declared, words upper-cased: "VARCHAR", "INTEGER"
  bool not_null = false;  // and no ON CONFLICT IGNORE/REPLACE
  bool has_default = false;
  bool generated = false;  // GENERATED ALWAYS AS / AS (...)
  std::string collation;   // "" for the default (BINARY)
};

struct TableDefinition {
  TableName name;
  std::vector<DefinedColumn> columns;
  // kNotNull, kUnique, kCheck, kForeignKey and (STRICT) kColumnType, over
  // the new table's column names; `table` is the new table.
  std::vector<DataDependency> constraints;
  std::vector<std::string> primary_key;  // in key order
  bool strict = false;
  bool without_rowid = false;

  const DefinedColumn* Column(absl::string_view name) const;
};

// The definition `statement` (a CREATE TABLE in SQLite's grammar) makes;
// nullopt for any other statement or one this cannot read.
std::optional<TableDefinition> ReadTableDefinition(absl::string_view statement);

// A table filled as a copy of another, `CREATE [TEMP] TABLE s AS SELECT *
// FROM t` (the variant of the rebuild that copies t aside, drops it,
// creates it anew and copies the rows back from s): s and t.
struct TableCopy {
  TableName table;
  TableName source;
};
std::optional<TableCopy> ReadTableCopy(absl::string_view statement);

// The table a CREATE [TEMP] TABLE statement creates (with columns, or AS
// SELECT): the only table whose rows it writes; nullopt for anything else.
std::optional<TableName> CreatedTable(absl::string_view statement);

// SQLite's type affinity of a declared type (sqlite.org/datatype3.html
// 3.1): "INTEGER", "TEXT", "BLOB", "REAL" or "NUMERIC".
std::string TypeAffinity(absl::string_view declared_type);

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_TABLE_DEFINITION_H_
