// lexing_mode.h: the statements after which the server reads text
// differently from the one lexer (sql_lexer.h), so that the rest of a
// script cannot be split safely and the splitter refuses it:
//  - SET sql_mode naming NO_BACKSLASH_ESCAPES ('a\' is a whole string),
//    ANSI_QUOTES or a mode that holds it (ANSI, ORACLE, POSTGRESQL, MSSQL,
//    DB2, MAXDB: "..." is an identifier, ORACLE another grammar);
//  - SET NAMES / CHARACTER SET / character_set_client with a character set
//    whose multi-byte characters may end in a backslash byte (big5, cp932,
//    gbk, sjis).
// MySQL dialect only.
#ifndef AOS_CORE_SQL_LEXING_MODE_H_
#define AOS_CORE_SQL_LEXING_MODE_H_

#include <string>
#include <vector>

#include "absl/types/span.h"
#include "core/sql/sql_lexer.h"

namespace aos::sql {

// Why the statement of these code tokens changes how the server reads the
// text after it ("" when it does not).
std::string ChangesLexing(absl::Span<const Token> statement);

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_LEXING_MODE_H_
