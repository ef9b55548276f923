#include "core/backend/sql_placeholders.h"

#include "absl/strings/str_cat.h"
#include "core/sql/sql_lexer.h"

namespace aos::backend {
namespace {

absl::Status CountMismatch(size_t placeholders, size_t values) {
  return absl::InvalidArgumentError(
      absl::StrCat("a statement has ", placeholders, " placeholders for ", values, " values"));
}

// `sql` with the placeholder at each of `at` replaced by what `render`
// gives for its 0-based index.
std::string Replaced(absl::string_view sql, const std::vector<size_t>& at,
                     const std::function<std::string(size_t)>& render) {
  std::string out;
  out.reserve(sql.size() + 16 * at.size());
  size_t copied = 0;
  for (size_t n = 0; n < at.size(); ++n) {
    out.append(sql.data() + copied, at[n] - copied);
    out += render(n);
    copied = at[n] + 1;
  }
  out.append(sql.data() + copied, sql.size() - copied);
  return out;
}

}  // namespace

absl::StatusOr<std::vector<size_t>> FindPlaceholders(absl::string_view sql,
                                                     absl::string_view dialect) {
  absl::StatusOr<std::vector<sql::Token>> tokens = sql::Lex(sql, dialect);
  if (!tokens.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot read a statement's placeholders: ", tokens.status().message()));
  }
  std::vector<size_t> at;
  for (const sql::Token& t : *tokens) {
    if (t.IsPunct('?')) at.push_back(t.begin);
  }
  return at;
}

absl::StatusOr<std::string> BindPlaceholders(absl::string_view sql,
                                             const std::vector<SqlValue>& params,
                                             const QuoteFn& quote) {
  absl::StatusOr<std::vector<size_t>> at = FindPlaceholders(sql, "mysql");
  if (!at.ok()) return at.status();
  if (at->size() != params.size()) return CountMismatch(at->size(), params.size());
  return Replaced(sql, *at, [&](size_t n) {
    if (const int64_t* i = std::get_if<int64_t>(&params[n])) {
      return absl::StrCat(*i);
    }
    return quote(std::get<std::string>(params[n]));
  });
}

absl::StatusOr<std::string> NumberPlaceholders(absl::string_view sql, size_t count) {
  absl::StatusOr<std::vector<size_t>> at = FindPlaceholders(sql, "postgresql");
  if (!at.ok()) return at.status();
  if (at->size() != count) return CountMismatch(at->size(), count);
  return Replaced(sql, *at, [](size_t n) { return absl::StrCat("$", n + 1); });
}

}  // namespace aos::backend
