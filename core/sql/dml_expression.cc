// dml_expression.cc: the functions and variables a batched statement may
// use (batchable_dml.h, UnsafeExpression).
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/sql/batchable_dml.h"

namespace aos::sql {
namespace {

// Built-ins that read no table and no session state and give the same
// value for the same arguments in any chunk; the time functions read the
// clock (each chunk its own, as a row written at that time would).
// clang-format off
const std::set<std::string>& SafeFunctions() {
  static const auto* names = new std::set<std::string>{
      "ABS", "CEIL", "CEILING", "FLOOR", "ROUND", "TRUNCATE", "MOD", "SIGN",
      "POW", "POWER", "SQRT", "GREATEST", "LEAST", "COALESCE", "IFNULL",
      "NULLIF", "IF", "ISNULL", "NVL", "CONCAT", "CONCAT_WS", "LOWER",
      "UPPER", "LCASE", "UCASE", "LENGTH", "CHAR_LENGTH", "CHARACTER_LENGTH",
      "OCTET_LENGTH", "BIT_LENGTH", "SUBSTRING", "SUBSTR", "MID",
      "SUBSTRING_INDEX", "LEFT", "RIGHT", "TRIM", "LTRIM", "RTRIM", "REPLACE",
      "LPAD", "RPAD", "REVERSE", "REPEAT", "SPACE", "LOCATE", "INSTR",
      "POSITION", "FIND_IN_SET", "FIELD", "ELT", "HEX", "UNHEX", "MD5", "SHA1",
      "SHA2", "CRC32", "TO_BASE64", "FROM_BASE64", "ASCII", "ORD", "CHAR",
      "FORMAT", "CAST", "CONVERT", "EXTRACT", "INTERVAL", "DATE", "TIME",
      "YEAR", "MONTH", "DAY", "DAYOFMONTH", "DAYOFWEEK", "DAYOFYEAR", "WEEK",
      "HOUR", "MINUTE", "SECOND", "DATE_ADD", "DATE_SUB", "ADDDATE", "SUBDATE",
      "DATEDIFF", "TIMEDIFF", "TIMESTAMPDIFF", "TIMESTAMPADD", "DATE_FORMAT",
      "STR_TO_DATE", "FROM_UNIXTIME", "UNIX_TIMESTAMP", "TIMESTAMP",
      "LAST_DAY", "MAKEDATE", "NOW", "CURRENT_TIMESTAMP", "CURRENT_DATE",
      "CURRENT_TIME", "CURDATE", "CURTIME", "UTC_TIMESTAMP", "UTC_DATE",
      "UTC_TIME", "LOCALTIME", "LOCALTIMESTAMP", "SYSDATE", "JSON_OBJECT",
      "JSON_ARRAY", "JSON_EXTRACT", "JSON_UNQUOTE", "JSON_SET", "JSON_INSERT",
      "JSON_REPLACE", "JSON_REMOVE", "JSON_VALUE", "JSON_QUERY", "JSON_VALID",
      "JSON_CONTAINS", "JSON_LENGTH", "JSON_QUOTE", "INET_ATON", "INET_NTOA",
      "INET6_ATON", "INET6_NTOA", "BIN", "OCT", "CONV", "LN", "LOG", "LOG2",
      "LOG10", "EXP"};
  return *names;
}
// clang-format on

// PostgreSQL's: the built-ins of pg_catalog of the same kind (a name
// that is no built-in there, like IF or FIELD, would call a function of
// the database's own).
// clang-format off
const std::set<std::string>& PostgresqlSafeFunctions() {
  static const auto* names = new std::set<std::string>{
      "ABS", "CEIL", "CEILING", "FLOOR", "ROUND", "TRUNC", "MOD", "SIGN",
      "POWER", "SQRT", "GREATEST", "LEAST", "COALESCE", "NULLIF", "CONCAT",
      "CONCAT_WS", "LOWER", "UPPER", "INITCAP", "LENGTH", "CHAR_LENGTH",
      "CHARACTER_LENGTH", "OCTET_LENGTH", "BIT_LENGTH", "SUBSTRING", "SUBSTR",
      "LEFT", "RIGHT", "TRIM", "BTRIM", "LTRIM", "RTRIM", "REPLACE", "LPAD",
      "RPAD", "REVERSE", "REPEAT", "POSITION", "STRPOS", "SPLIT_PART", "MD5",
      "ASCII", "CHR", "CAST", "EXTRACT", "DATE_PART", "DATE_TRUNC", "NOW",
      "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "LOCALTIME",
      "LOCALTIMESTAMP", "CLOCK_TIMESTAMP", "STATEMENT_TIMESTAMP",
      "TRANSACTION_TIMESTAMP", "JSONB_BUILD_OBJECT", "JSON_BUILD_OBJECT",
      "JSONB_BUILD_ARRAY", "JSON_BUILD_ARRAY", "JSONB_SET", "REGEXP_REPLACE",
      "LN", "LOG", "EXP", "MAKE_DATE"};
  return *names;
}
// clang-format on

// Words a '(' may follow without a call: operators, clause words, and the
// types of CAST(... AS type(n)).
// clang-format off
const std::set<std::string>& NotCalls() {
  static const auto* names = new std::set<std::string>{
      "IN", "EXISTS", "ANY", "ALL", "SOME", "AND", "OR", "NOT", "XOR",
      "WHERE", "WHEN", "THEN", "ELSE", "ON", "SET", "SELECT", "AS", "BETWEEN",
      "LIKE", "IS", "CASE", "FROM", "JOIN", "DIV", "DECIMAL", "DATETIME",
      "FLOAT", "DOUBLE", "NCHAR", "VARCHAR", "BINARY", "SIGNED", "UNSIGNED",
      "INTEGER", "REGEXP", "RLIKE", "ESCAPE", "USING", "NUMERIC", "VARYING",
      "CHARACTER", "TIMESTAMPTZ", "ARRAY", "ROW"};
  return *names;
}
// clang-format on

}  // namespace

std::string UnsafeExpression(const std::vector<Token>& tokens, size_t from, size_t to,
                             absl::string_view dialect) {
  to = std::min(to, tokens.size());
  const bool postgresql = dialect == "postgresql";
  const std::set<std::string>& safe = postgresql ? PostgresqlSafeFunctions() : SafeFunctions();
  for (size_t i = from; i < to; ++i) {
    const Token& k = tokens[i];
    // PostgreSQL has no variables: '@' is an operator there (@>, @@).
    if (!postgresql && k.type == Token::Type::kWord && !k.text.empty() && k.text[0] == '@') {
      return absl::StrCat("it reads the variable ", k.text,
                          ", whose value a chunk cannot be proven to share");
    }
    if (k.type == Token::Type::kWord &&
        (k.upper == "OVER" || k.upper == "NEXTVAL" || k.upper == "LASTVAL" ||
         ((k.upper == "NEXT" || k.upper == "PREVIOUS") && i + 1 < to &&
          tokens[i + 1].IsWord("VALUE")))) {
      return absl::StrCat("it uses ", k.upper);  // a window, a sequence
    }
    const bool call = i + 1 < to && tokens[i + 1].IsPunct('(') &&
                      (k.type == Token::Type::kWord || k.type == Token::Type::kQuoted);
    if (!call) continue;
    const bool qualified = i > 0 && tokens[i - 1].IsPunct('.');
    if (k.type == Token::Type::kWord && !qualified &&
        (safe.count(k.upper) || NotCalls().count(k.upper))) {
      continue;
    }
    return absl::StrCat("it calls ", k.text,
                        "(), which is not one of the built-ins proven to give "
                        "the same rows in chunks");
  }
  return "";
}

}  // namespace aos::sql
