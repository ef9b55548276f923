// column_narrowing.h: whether a column's new type (data_dependency.h,
// kColumnType) can hold fewer values than its current one (conflict_query.h,
// ColumnFacts), and then the condition that finds the values that do not
// fit: a string longer than the new length, an integer out of the new
// range, a decimal with more integer digits than the new precision leaves.
// Any other change of type is not judged here. For the archive (issue 27)
// it also says, where it can, what MySQL/MariaDB in a non-strict sql_mode
// stores of a value that does not fit: the first characters of a string,
// an integer clamped to the new range.
#ifndef AOS_CORE_SQL_COLUMN_NARROWING_H_
#define AOS_CORE_SQL_COLUMN_NARROWING_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "core/sql/conflict_query.h"
#include "core/sql/data_dependency.h"

namespace aos::sql {

struct Narrowing {
  std::string condition;   // true for a value that does not fit
  std::string in_the_way;  // "values longer than 10 characters"
  // MySQL: the value a non-strict sql_mode stores instead (`LEFT(c, 10)`,
  // `LEAST(GREATEST(c, -32768), 32767)`); "" when not said.
  std::string stored;
};

// The condition over `column_sql` (the column as the query names it), or
// nullopt when every current value fits (`*why` says so) or the change is
// not one this judges.
std::optional<Narrowing> NarrowingCondition(const ColumnType& to,
                                            const ColumnFacts& current,
                                            absl::string_view column_sql,
                                            absl::string_view dialect,
                                            std::string* why);

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_COLUMN_NARROWING_H_
