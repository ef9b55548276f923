#include "core/backend/sql_placeholders.h"

#include "absl/strings/str_cat.h"

namespace aos::backend {
namespace {

// The end of the quoted run that starts at `at` (a quote character), or npos.
// Inside, a backslash escapes the next character and a doubled quote stands
// for itself (MySQL's rules; `...` knows only the doubling).
size_t EndOfQuoted(absl::string_view sql, size_t at) {
  const char q = sql[at];
  for (size_t i = at + 1; i < sql.size(); ++i) {
    if (sql[i] == '\\' && q != '`') {
      ++i;
    } else if (sql[i] == q) {
      if (i + 1 < sql.size() && sql[i + 1] == q) {
        ++i;
      } else {
        return i + 1;
      }
    }
  }
  return absl::string_view::npos;
}

}  // namespace

absl::StatusOr<std::string> BindPlaceholders(absl::string_view sql,
                                             const std::vector<SqlValue>& params,
                                             const QuoteFn& quote) {
  std::string out;
  out.reserve(sql.size() + 16 * params.size());
  size_t used = 0;
  size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    size_t end = i + 1;
    if (c == '\'' || c == '"' || c == '`') {
      end = EndOfQuoted(sql, i);
      if (end == absl::string_view::npos) {
        return absl::InvalidArgumentError("unterminated quote in a statement");
      }
    } else if (c == '#' ||
               (c == '-' && sql.substr(i, 2) == "--" &&
                (i + 2 == sql.size() || sql[i + 2] == ' ' ||
                 sql[i + 2] == '\t' || sql[i + 2] == '\n'))) {
      end = sql.find('\n', i);
      if (end == absl::string_view::npos) end = sql.size();
    } else if (c == '/' && sql.substr(i, 2) == "/*") {
      end = sql.find("*/", i + 2);
      if (end == absl::string_view::npos) {
        return absl::InvalidArgumentError("unterminated comment in a statement");
      }
      end += 2;
    } else if (c == '?') {
      if (used == params.size()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "a statement has more placeholders than its ", params.size(),
            " values"));
      }
      const SqlValue& v = params[used++];
      if (const int64_t* n = std::get_if<int64_t>(&v)) {
        absl::StrAppend(&out, *n);
      } else {
        out += quote(std::get<std::string>(v));
      }
      ++i;
      continue;
    }
    out.append(sql.data() + i, end - i);
    i = end;
  }
  if (used != params.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "a statement has ", used, " placeholders for ", params.size(),
        " values"));
  }
  return out;
}

}  // namespace aos::backend
