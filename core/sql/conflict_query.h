// conflict_query.h: for one data-dependent change (data_dependency.h), the
// one bounded, lock-free query per engine that finds the rows in its way,
// and how to read the catalog facts it is built from.
//
// Each query returns at most `limit` rows, each a count (how many rows of
// the table the row stands for: a duplicated key's repetitions, else 1)
// followed by the values shown to the operator. A query reads only the
// columns the statement names (a key's, a foreign key's, a narrowed or
// converted column, those a CHECK names), each cut by the server to
// kValueCut characters so that a huge value never travels; a NOT NULL, an
// empty-table or a whole-table character set check shows no value at all.
// Plain SELECTs: a consistent read on InnoDB and PostgreSQL, no lock.
//
//   duplicates  SELECT COUNT(*), cut(k) FROM t WHERE k IS NOT NULL
//               GROUP BY k HAVING COUNT(*) > 1 LIMIT n
//   NULLs       SELECT 1 FROM t WHERE c IS NULL LIMIT n
//   orphans     SELECT 1, cut(c.k) FROM t c LEFT JOIN p ON p.id = c.k
//               WHERE c.k IS NOT NULL AND p.id IS NULL LIMIT n
//   narrowing   SELECT 1, cut(c) FROM t WHERE CHAR_LENGTH(c) > 10 LIMIT n
//   CHECK       SELECT 1, cut(a), cut(b) FROM t WHERE NOT (expr) LIMIT n
//   STRICT      SELECT 1, cut(c) FROM t WHERE (typeof(c) ...) LIMIT n
//
// A SQLite rebuild's dependency (`into` set, table_rebuild.h) is first
// mapped onto the copied table's columns (OnSourceRows), then asked as
// above of that table.
#ifndef AOS_CORE_SQL_CONFLICT_QUERY_H_
#define AOS_CORE_SQL_CONFLICT_QUERY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/sql/data_dependency.h"

namespace aos::sql {

// Characters of a value the server sends back (one more than is shown, so
// that a cut value is known to be cut).
inline constexpr int kValueCut = 41;

// A column of a table as the catalog describes it.
struct ColumnFacts {
  std::string name;
  std::string data_type;  // lower-case: "varchar", "character varying"
  std::optional<int64_t> max_length;  // characters (strings)
  std::optional<int64_t> precision;   // numerics
  std::optional<int64_t> scale;
  bool is_unsigned = false;
  bool nullable = true;
  std::string charset;  // MySQL; "" elsewhere or for non-text
};

// The catalog query for `table`'s columns in `dialect` (one row each:
// name, data type, max length, precision, scale, full type, nullable
// "YES"/"NO", charset; `?` bound to the table's name), and its rows read.
std::string ColumnsQuery(absl::string_view dialect, bool with_schema);
std::vector<ColumnFacts> ReadColumnFacts(
    const std::vector<std::vector<std::optional<std::string>>>& rows);

// The catalog query for `table`'s primary key columns, in key order (a
// foreign key that names no parent columns references them).
std::string PrimaryKeyQuery(absl::string_view dialect, bool with_schema);

struct ConflictQuery {
  std::string sql;
  // What each row shows after its count: "v", "p_id" (empty: only count).
  std::vector<std::string> shown;
  // What the rows are, after their count: "share a value of (v)".
  std::string in_the_way;
};

// The query for `dependency` on a table whose columns are `columns`
// (empty: the table does not exist), a foreign key's parent's
// `parent_columns` and `parent_key`; nullopt with `*skipped` set when
// nothing needs asking ("v is NOT NULL already", "the table does not
// exist yet") or the tool cannot ask.
std::optional<ConflictQuery> BuildConflictQuery(
    const DataDependency& dependency, absl::string_view dialect,
    const std::vector<ColumnFacts>& columns,
    const std::vector<ColumnFacts>& parent_columns,
    const std::vector<std::string>& parent_key, int64_t limit,
    std::string* skipped);

// `name` as an identifier of `dialect` (`x` or "x").
std::string QuoteName(absl::string_view name, absl::string_view dialect);

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_CONFLICT_QUERY_H_
