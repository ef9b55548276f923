#include "core/sql/mysql_tokenizer.h"

namespace aos::sql {

std::vector<Token> Tokenize(absl::string_view statement, size_t limit) {
  std::vector<Token> out;
  for (Token& t : LexTolerant(statement, "mysql")) {
    if (out.size() >= limit) break;
    if (t.type == Token::Type::kCommentOpen ||
        t.type == Token::Type::kCommentClose) {
      continue;
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::string QuoteIdentifier(absl::string_view name) {
  std::string q = "`";
  for (char c : name) q += c == '`' ? std::string("``") : std::string(1, c);
  return q + "`";
}

}  // namespace aos::sql
