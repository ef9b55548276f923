// sql_lexer.h: the one lexer of the SQL a migration script holds, for every
// reader of a statement (the splitter, the statement kinds, the session
// control check, the DDL readers): comments, quotes, identifiers and the
// executable comments of MySQL and MariaDB read as the server reads them.
//
//  - Comments: "/* */" (nested in PostgreSQL), "#" (MySQL), "-- " (MySQL:
//    "--" followed by a blank, a control character or the end; elsewhere
//    any "--").
//  - Quotes: '...' and "..." with doubled quotes, and backslash escapes in
//    MySQL (and in PostgreSQL's E'...'); `...` identifiers (MySQL, SQLite);
//    PostgreSQL's $tag$...$tag$.
//  - Executable comments (MySQL dialect): "/*!NNNNN ... */" is code when
//    the server's version is at least NNNNN (5 or 6 digits; no digits:
//    always), "/*M!NNNNNN ... */" the same on MariaDB only; MariaDB also
//    ignores "/*!" versions 50700-99999 (MySQL 5.7+ syntax). A comment that
//    is not run is a comment, which may hold one nested comment. Code in an
//    executable comment yields tokens like any other; the comment's opening
//    and closing marks are tokens of their own (kCommentOpen, kCommentClose)
//    so that a statement can start at its opening mark.
#ifndef AOS_CORE_SQL_SQL_LEXER_H_
#define AOS_CORE_SQL_SQL_LEXER_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace aos::sql {

// The server whose executable comments decide what is code. The default
// reads every executable comment as code, whichever server's: what the
// splitter and the checks use, so that a script means one list of
// statements on any server (one the server then finds empty, it calls an
// empty query, and the step connection takes that for nothing to run).
struct ServerFlavour {
  bool every = true;
  // With every = false: this server's version (e.g. 101119), and whether
  // it is MariaDB.
  int64_t version = std::numeric_limits<int64_t>::max();
  bool mariadb = true;
  // Whether a comment "/*!NNNNN" (mariadb_only: "/*M!NNNNN") is code.
  bool Runs(int64_t comment_version, bool mariadb_only) const;
};

// Whether `word` is one of `words`: the keyword sets of every reader of a
// statement. string_view literals carry their length, so most words are
// told apart by it alone.
inline bool OneOf(absl::string_view word,
                  std::initializer_list<absl::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](absl::string_view w) { return word == w; });
}

// A word (keyword or bare identifier, upper-cased in `upper`; '@' and '$'
// are word characters, so "@n" and "@@session" are words), a `quoted`
// identifier, a literal (a string or dollar quote), one punctuation
// character, or the marks around an executable comment's code.
struct Token {
  enum class Type { kWord, kQuoted, kLiteral, kPunct, kCommentOpen,
                    kCommentClose } type;
  std::string text;   // as written (kQuoted: the name, unquoted)
  std::string upper;  // kWord: upper-cased
  size_t begin = 0;   // [begin, end) in the text lexed
  size_t end = 0;
  int line = 1;       // 1-based line of `begin`

  bool IsWord(absl::string_view word) const {
    return type == Type::kWord && upper == word;
  }
  bool IsWordIn(std::initializer_list<absl::string_view> words) const {
    return type == Type::kWord && OneOf(upper, words);
  }
  bool IsPunct(char c) const {
    return type == Type::kPunct && text.size() == 1 && text[0] == c;
  }
};

// All tokens of `text` in `dialect` ("mysql", "postgresql", "sqlite").
// Fails, naming the line, on an unterminated quote or comment.
absl::StatusOr<std::vector<Token>> Lex(absl::string_view text,
                                       absl::string_view dialect,
                                       const ServerFlavour& server = {});

// The same, up to where `text` is cut short (an unterminated quote or
// comment ends the tokens): for readers of one statement's shape.
std::vector<Token> LexTolerant(absl::string_view text,
                               absl::string_view dialect,
                               const ServerFlavour& server = {});

// The text of a literal token, unquoted and unescaped ('it''s' -> it's).
std::string LiteralValue(const Token& literal, absl::string_view dialect);

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_SQL_LEXER_H_
