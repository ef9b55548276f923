// sql_placeholders.h: puts parameter values into SQL text in place of its
// '?' placeholders, for drivers used through their text protocol (one round
// trip, no server-side prepared statement).
//
// A '?' counts only outside quoted strings ('...', "..."), quoted names
// (`...`) and comments (-- ..., # ..., /* ... */), where MySQL reads it as a
// placeholder too. Integers are written in decimal; strings as the caller's
// `quote` renders them (the driver's own escaping, which knows the
// connection's character set and SQL mode).
#ifndef AOS_CORE_BACKEND_SQL_PLACEHOLDERS_H_
#define AOS_CORE_BACKEND_SQL_PLACEHOLDERS_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/backend/database.h"

namespace aos::backend {

// A string value as a complete SQL literal, quotes included.
using QuoteFn = std::function<std::string(const std::string&)>;

// Fails (InvalidArgument) when the number of placeholders and of values
// differ, or a quote or comment is left open.
absl::StatusOr<std::string> BindPlaceholders(absl::string_view sql,
                                             const std::vector<SqlValue>& params,
                                             const QuoteFn& quote);

}  // namespace aos::backend

#endif  // AOS_CORE_BACKEND_SQL_PLACEHOLDERS_H_
