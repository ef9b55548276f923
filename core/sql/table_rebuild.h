// table_rebuild.h: SQLite's table rebuild as the pre-flight reads it.
// SQLite has no ALTER for NOT NULL, CHECK, FOREIGN KEY or a key over
// existing columns, so a migration makes them by the pattern of
// sqlite.org/lang_altertable.html ("Making Other Kinds Of Table Schema
// Changes"):
//
//   CREATE TABLE t_new (... stricter constraints ...);
//   INSERT INTO t_new [(cols)] SELECT <cols or *> FROM t;
//   DROP TABLE t;
//   ALTER TABLE t_new RENAME TO t;
//
// The INSERT is the statement that fails on t's rows. For an INSERT INTO x
// [(cols)] SELECT [ALL] <plain columns or *> FROM [s.]t [[AS] a] [ORDER BY
// ...], where x was created earlier in the step (table_definition.h), its
// dependencies are x's NOT NULL columns, CHECKs, UNIQUE / PRIMARY KEY
// constraints, FOREIGN KEYs (a reference to x itself, or to t, reads t's
// rows as x will hold them) and, for a STRICT x, each column's type; plus a
// NOT NULL column the copy leaves out without a DEFAULT (t must then be
// empty). The table a dependency asks is t; the change names x.
//
// Not asked (the statement then meets the rows, and the conformance kit's
// data walk shows any disagreement): a column copied from an expression,
// a constraint over a column the copy leaves out, a SELECT with WHERE,
// DISTINCT, a join or GROUP BY, INSERT OR IGNORE / OR REPLACE (only its
// foreign keys are asked), a constraint with ON CONFLICT IGNORE/REPLACE, a
// deferred foreign key, a key, CHECK or foreign key over a column whose
// type affinity the copy changes (the values may convert: '01' into an
// INTEGER column is 1), and a VARCHAR(n) narrower than t's values (SQLite
// does not enforce lengths: such a copy cannot fail).
#ifndef AOS_CORE_SQL_TABLE_REBUILD_H_
#define AOS_CORE_SQL_TABLE_REBUILD_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/sql/conflict_query.h"
#include "core/sql/data_dependency.h"
#include "core/sql/table_definition.h"

namespace aos::sql {

// The dependencies of `statement` when it copies rows into one of
// `created` (the step's tables created before it, by name), in x's terms
// (`into` set); empty for anything else.
std::vector<DataDependency> RebuildDependencies(
    absl::string_view statement, const std::vector<TableDefinition>& created);

// `d` (a rebuild's, `into` set) over the copied table's columns `source`:
// its columns, key parts, CHECK and a self-reference's parent columns
// renamed to the source's; nullopt with `*skipped` set when a column it
// needs is not a plain copy or its affinity changes.
std::optional<DataDependency> OnSourceRows(
    const DataDependency& d, const std::vector<ColumnFacts>& source,
    absl::string_view dialect, std::string* skipped);

// SQLite: the condition over `column_sql` true for a value a STRICT column
// of `type` (INT, INTEGER, REAL, TEXT, BLOB) refuses once its affinity has
// converted it; "" for ANY or another type.
std::string StrictTypeCondition(absl::string_view type,
                                absl::string_view column_sql);

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_TABLE_REBUILD_H_
