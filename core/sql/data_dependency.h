// data_dependency.h: what a DDL statement asks of the rows already in its
// table: the changes whose success depends on the data (a key over
// duplicates, NOT NULL over NULLs, a foreign key over orphans, a column
// narrowed below its values, a CHECK that old rows violate, a character set
// some values cannot be written in), read with the one lexer (sql_lexer.h)
// in the grammar of MySQL/MariaDB, PostgreSQL or SQLite. The engine's
// pre-flight (engine/preflight.h) asks the live table whether any row is in
// the way (conflict_query.h).
//
// Read:
//  - ALTER TABLE t ADD [CONSTRAINT [c]] PRIMARY KEY (...) / UNIQUE [INDEX |
//    KEY] [i] (...) / FOREIGN KEY [i] (...) REFERENCES p [(...)] /
//    CHECK (expr); PostgreSQL's NOT VALID and MySQL's NOT ENFORCED ask
//    nothing of the rows.
//  - MySQL MODIFY [COLUMN] c <definition>, CHANGE [COLUMN] c d
//    <definition>: the column's new type (the engine compares it with the
//    current one), NOT NULL, CHARACTER SET, an inline PRIMARY KEY/UNIQUE.
//  - PostgreSQL ALTER [COLUMN] c SET NOT NULL, ALTER [COLUMN] c [SET DATA]
//    TYPE t (not with USING: the values are rewritten), ADD [COLUMN] c ...
//    NOT NULL without a DEFAULT (the table must be empty).
//  - MySQL CONVERT TO CHARACTER SET cs (every text column of t).
//  - CREATE UNIQUE INDEX i ON t (...) [WHERE ...] on every engine.
//  - SQLite's table rebuild (CREATE TABLE x ...; INSERT INTO x SELECT ...
//    FROM t) is read across the step's statements by table_rebuild.h: its
//    dependencies carry `into` (below) until the pre-flight maps them onto
//    t's columns.
// Everything else asks nothing (an empty list).
#ifndef AOS_CORE_SQL_DATA_DEPENDENCY_H_
#define AOS_CORE_SQL_DATA_DEPENDENCY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/sql/statement_kind.h"

namespace aos::sql {

// One part of a key: a column, a MySQL prefix of one (`c(10)`), or an
// expression (`lower(c)`, `c COLLATE NOCASE`) as written.
struct KeyPart {
  std::string column;      // "" for an expression that is not one column
  int64_t prefix = 0;      // MySQL: the key holds the first `prefix` chars
  std::string expression;  // as written; "" for a plain column
};

// A column's new type as the statement writes it: "VARCHAR" (10),
// "DECIMAL" (8, 2), "INT" unsigned.
struct ColumnType {
  std::string name;  // upper-cased; "" when not given
  std::vector<int64_t> args;
  bool is_unsigned = false;
};

struct DataDependency {
  enum class Kind {
    kUnique,      // `parts` must not repeat (NULLs aside, unless primary)
    kNotNull,     // `columns[0]` must hold no NULL
    kForeignKey,  // `columns` must name rows of `parent`
    kColumnType,  // `columns[0]`'s values must fit `type`
    kCheck,       // no row may make `check` false
    kCharset,     // values must convert to `charset` (all text columns
                  // when `columns` is empty)
    kEmpty,       // the table must hold no row
  } kind = Kind::kUnique;
  TableName table;
  // What the statement adds, as an operator reads it: "UNIQUE (v)",
  // "PRIMARY KEY (id)", "FOREIGN KEY fk_p (p_id) REFERENCES p (id)",
  // "c NOT NULL", "c VARCHAR(10)", "CHECK (n > 0)", "CHARACTER SET ascii".
  std::string what;
  std::vector<std::string> columns;
  std::vector<KeyPart> parts;  // kUnique
  bool nulls_distinct = true;  // kUnique: PostgreSQL NULLS NOT DISTINCT
  std::string where;           // kUnique: a partial index's predicate
  TableName parent;            // kForeignKey
  std::vector<std::string> parent_columns;  // empty: the parent's key
  ColumnType type;                          // kColumnType
  std::string check;                        // kCheck: the expression as written
  std::string charset;                      // kCharset
  // SQLite's table rebuild (table_rebuild.h): the rows of `table` are
  // copied into `into`, whose column into_columns[i] (declared
  // into_types[i]) takes `table`'s column from_columns[i] ("" for an
  // expression the reader does not map; from_columns empty: `table`'s
  // i-th column, SELECT *). Until OnSourceRows maps them, `columns`,
  // `parts`, `check` (and a self-reference's `parent_columns`) name
  // `into`'s columns. Empty `into.name` for every other dependency.
  TableName into;
  std::vector<std::string> into_columns;
  std::vector<std::string> into_types;
  std::vector<std::string> from_columns;
  bool self_reference = false;  // kForeignKey: `parent` is `into` itself
  bool strict = false;  // kColumnType: `into` is STRICT (type.name: INT,
                        // INTEGER, REAL, TEXT or BLOB)
};

// What `statement` (in `dialect`: "mysql", "postgresql", "sqlite") asks of
// the rows already in its table, in the order it says it.
std::vector<DataDependency> DataDependencies(absl::string_view statement,
                                             absl::string_view dialect);

// "unique key", "NOT NULL", "foreign key", "column type", "CHECK",
// "character set", "empty table": the kind as a message names it.
const char* DependencyKindName(DataDependency::Kind kind);

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_DATA_DEPENDENCY_H_
