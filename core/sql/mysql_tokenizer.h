// mysql_tokenizer.h: the code tokens of one MySQL statement, for the
// readers of its shape (statement_kind.h, table_change.h), from the one
// lexer (sql_lexer.h): executable comments read as code, their marks and
// every other comment left out.
#ifndef AOS_CORE_SQL_MYSQL_TOKENIZER_H_
#define AOS_CORE_SQL_MYSQL_TOKENIZER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/sql/sql_lexer.h"

namespace aos::sql {

// The first `limit` code tokens of `statement` (a statement cut short ends
// its tokens where it is cut).
std::vector<Token> Tokenize(absl::string_view statement, size_t limit);

// `name` as a MySQL identifier in backquotes (a backquote doubled).
std::string QuoteIdentifier(absl::string_view name);

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_MYSQL_TOKENIZER_H_
