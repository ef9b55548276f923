// sql_placeholders.h: the '?' placeholders of a statement, found by the one
// SQL lexer (core/sql/sql_lexer.h) as the server reads the text: a '?' in a
// quoted string or name, a comment, or (PostgreSQL) a dollar quote or an
// E'...' string is no placeholder.
//
// Two uses: MySQL puts the values into the text (BindPlaceholders: its
// driver's text protocol, one round trip, no server-side prepared
// statement); PostgreSQL numbers the placeholders $1, $2, ... and sends the
// values apart (NumberPlaceholders, then PQexecParams).
#ifndef AOS_CORE_BACKEND_SQL_PLACEHOLDERS_H_
#define AOS_CORE_BACKEND_SQL_PLACEHOLDERS_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/backend/database.h"

namespace aos::backend {

// Where the placeholders of `sql` are, read in `dialect` ("mysql",
// "postgresql", "sqlite"). Fails (InvalidArgument) when a quote or comment
// is left open.
absl::StatusOr<std::vector<size_t>> FindPlaceholders(absl::string_view sql,
                                                     absl::string_view dialect);

// A string value as a complete SQL literal, quotes included.
using QuoteFn = std::function<std::string(const std::string&)>;

// MySQL: `sql` with each '?' replaced by its value, integers in decimal,
// strings as `quote` renders them (the driver's own escaping, which knows
// the connection's character set and SQL mode). Fails (InvalidArgument)
// when the numbers of placeholders and values differ, or a quote or
// comment is left open.
absl::StatusOr<std::string> BindPlaceholders(absl::string_view sql,
                                             const std::vector<SqlValue>& params,
                                             const QuoteFn& quote);

// PostgreSQL: `sql` with its '?' numbered $1, $2, ... in order, for
// `count` values sent apart. Fails as BindPlaceholders does.
absl::StatusOr<std::string> NumberPlaceholders(absl::string_view sql, size_t count);

}  // namespace aos::backend

#endif  // AOS_CORE_BACKEND_SQL_PLACEHOLDERS_H_
