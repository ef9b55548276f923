#include "core/sql/lexing_mode.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace aos::sql {
namespace {

// A value's text, upper-cased: a word as written, a literal unquoted.
std::string ValueText(const Token& t) {
  if (t.type == Token::Type::kLiteral) {
    return absl::AsciiStrToUpper(LiteralValue(t, "mysql"));
  }
  return t.type == Token::Type::kWord ? t.upper : "";
}

bool IsSqlMode(const Token& t) {
  return t.IsWord("SQL_MODE") || t.IsWord("@@SQL_MODE");
}

bool IsCharsetSetting(const Token& t) {
  return t.IsWord("NAMES") || t.IsWord("CHARSET") || t.IsWord("CHARACTER") ||
         t.IsWord("CHARACTER_SET_CLIENT") ||
         t.IsWord("@@CHARACTER_SET_CLIENT");
}

}  // namespace

std::string ChangesLexing(absl::Span<const Token> statement) {
  if (statement.empty() || !statement[0].IsWord("SET")) return "";
  // SET STATEMENT ... FOR <statement>: read as one, before it runs.
  if (statement.size() > 1 && statement[1].IsWord("STATEMENT")) return "";
  bool sql_mode = false;
  bool charset = false;
  for (const Token& t : statement) {
    sql_mode = sql_mode || IsSqlMode(t);
    charset = charset || IsCharsetSetting(t);
    const std::string value = ValueText(t);
    if (value.empty()) continue;
    if (sql_mode) {
      for (const char* mode : {"NO_BACKSLASH_ESCAPES", "ANSI", "ORACLE",
                               "POSTGRESQL", "MSSQL", "DB2", "MAXDB"}) {
        if (absl::StrContains(value, mode)) {
          return absl::StrCat(
              "it sets sql_mode to ", mode,
              ", after which the server reads quotes and backslashes (or its "
              "grammar) differently from how the tool splits them; use "
              "SET STATEMENT sql_mode = ... FOR <statement>");
        }
      }
    }
    if (charset) {
      for (const char* set : {"BIG5", "CP932", "GBK", "SJIS"}) {
        if (value == set) {
          return absl::StrCat(
              "it sets the client character set to ", absl::AsciiStrToLower(set),
              ", whose characters may hold a backslash byte the tool cannot "
              "tell from an escape; use utf8mb4");
        }
      }
    }
  }
  return "";
}

}  // namespace aos::sql
