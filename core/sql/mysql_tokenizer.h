// mysql_tokenizer.h: the tokens of one MySQL statement, as far as reading
// its shape needs (statement_kind.h, table_change.h): words, quoted
// identifiers, literals and punctuation, each with where it stands in the
// text. Comments are skipped; MySQL's executable comments (/*! ... */)
// read as code.
#ifndef AOS_CORE_SQL_MYSQL_TOKENIZER_H_
#define AOS_CORE_SQL_MYSQL_TOKENIZER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace aos::sql {

// A word (keyword or bare identifier, upper-cased in `upper`), a `quoted`
// identifier, a literal, or one punctuation character.
struct Token {
  enum class Type { kWord, kQuoted, kLiteral, kPunct } type;
  std::string text;   // as written (quoted: without the backquotes)
  std::string upper;  // kWord: upper-cased
  size_t begin = 0;   // [begin, end) in the statement
  size_t end = 0;
};

// The first `limit` tokens of `statement`.
std::vector<Token> Tokenize(absl::string_view statement, size_t limit);

// `name` as a MySQL identifier in backquotes (a backquote doubled).
std::string QuoteIdentifier(absl::string_view name);

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_MYSQL_TOKENIZER_H_
