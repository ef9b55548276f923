// spelling.cc: one text per meaning (spelling.h).
#include "core/schema/spelling.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace aos::schema {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Whether `s` is a number as MariaDB writes a numeric default (-1, 0.50).
bool LooksNumeric(absl::string_view s) {
  double unused;
  return !s.empty() && absl::SimpleAtod(s, &unused) &&
         s.find_first_not_of("+-.0123456789eE") == absl::string_view::npos;
}

std::string Quote(absl::string_view value) {
  return absl::StrCat("'", absl::StrReplaceAll(value, {{"'", "''"}}), "'");
}

// `s` without parentheses around all of it.
absl::string_view StripOuterParentheses(absl::string_view s) {
  while (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
    int depth = 0;
    bool wraps = true;
    for (size_t i = 0; i + 1 < s.size(); ++i) {
      depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
      if (depth == 0) wraps = false;
    }
    if (!wraps) break;
    s = s.substr(1, s.size() - 2);
  }
  return s;
}

}  // namespace

std::string SqueezeBlanks(absl::string_view s) {
  std::string out;
  bool blank = false;
  char quote = 0;  // inside '...' or "...": kept as written
  for (char c : s) {
    if (quote != 0) {
      out += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (IsBlank(c)) {
      blank = !out.empty();
      continue;
    }
    const bool keep_blank = blank && out.back() != '(' && out.back() != ',' && c != ')' && c != ',';
    if (keep_blank) out += ' ';
    blank = false;
    out += c;
    if (c == '\'' || c == '"') quote = c;
  }
  return out;
}

std::string LowerOutsideQuotes(absl::string_view s) {
  std::string out(s);
  char quote = 0;
  for (char& c : out) {
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else {
      c = absl::ascii_tolower(static_cast<unsigned char>(c));
    }
  }
  return out;
}

std::string CollationCharset(absl::string_view collation) {
  return CharsetName(collation.substr(0, collation.find('_')));
}

bool DefaultsAreExpressions(absl::string_view version) {
  if (!absl::StrContains(absl::AsciiStrToLower(version), "mariadb")) return false;
  std::vector<absl::string_view> parts = absl::StrSplit(version, '.');
  int major = 0, minor = 0, patch = 0;
  if (parts.size() < 3 || !absl::SimpleAtoi(parts[0], &major) ||
      !absl::SimpleAtoi(parts[1], &minor)) {
    return false;
  }
  absl::string_view p = parts[2];
  p = p.substr(0, p.find_first_not_of("0123456789"));
  if (!absl::SimpleAtoi(p, &patch)) patch = 0;
  if (major != 10) return major > 10;
  return minor > 2 || (minor == 2 && patch >= 7);
}

std::string MysqlColumnType(absl::string_view column_type) {
  std::string type = SqueezeBlanks(absl::AsciiStrToLower(column_type));
  for (absl::string_view integer :
       {"tinyint", "smallint", "mediumint", "bigint", "integer", "int", "year"}) {
    if (!absl::StartsWith(type, integer)) continue;
    const size_t open = integer.size();
    if (open < type.size() && type[open] == '(') {
      const size_t close = type.find(')', open);
      if (close != std::string::npos) type.erase(open, close - open + 1);
    }
    break;
  }
  return type;
}

std::string DefaultExpression(absl::string_view expression) {
  std::string e = SqueezeBlanks(LowerOutsideQuotes(expression));
  e = std::string(StripOuterParentheses(e));
  for (absl::string_view now : {"current_timestamp()", "current_timestamp", "now()",
                                "localtimestamp()", "localtimestamp", "localtime()", "localtime"}) {
    if (e == now) return "current_timestamp";
  }
  if (absl::StartsWith(e, "now(")) e = absl::StrCat("current_timestamp", e.substr(3));
  return e;
}

std::string MysqlDefault(bool present, absl::string_view column_default, absl::string_view extra,
                         bool expressions) {
  if (!present) return "";
  if (expressions) {
    if (absl::EqualsIgnoreCase(column_default, "NULL")) return "";
    if (absl::StartsWith(column_default, "'")) return std::string(column_default);
    if (LooksNumeric(column_default)) return Quote(column_default);
    return DefaultExpression(column_default);
  }
  if (absl::StrContains(absl::AsciiStrToLower(extra), "default_generated") ||
      absl::StartsWithIgnoreCase(column_default, "current_timestamp")) {
    return DefaultExpression(column_default);
  }
  return Quote(column_default);
}

std::string MysqlExtra(absl::string_view extra) {
  std::string e = absl::AsciiStrToLower(extra);
  absl::StrReplaceAll({{"default_generated", ""}}, &e);
  std::vector<std::string> out;
  if (absl::StrContains(e, "auto_increment")) out.push_back("auto_increment");
  const size_t on_update = e.find("on update ");
  if (on_update != std::string::npos) {
    absl::string_view rest = absl::string_view(e).substr(on_update + 10);
    rest = rest.substr(0, rest.find(' '));
    out.push_back(absl::StrCat("on update ", DefaultExpression(rest)));
  }
  for (absl::string_view generated : {"generated", "virtual", "persistent", "stored"}) {
    if (absl::StrContains(e, generated)) {
      out.push_back("generated");
      break;
    }
  }
  return absl::StrJoin(out, " ");
}

std::string CharsetName(absl::string_view charset) {
  std::string name = absl::AsciiStrToLower(charset);
  return name == "utf8mb3" ? "utf8" : name;
}

std::string MysqlForeignKey(absl::string_view definition) {
  return absl::StrReplaceAll(SqueezeBlanks(definition),
                             {{"ON UPDATE NO ACTION", "ON UPDATE RESTRICT"},
                              {"ON DELETE NO ACTION", "ON DELETE RESTRICT"}});
}

std::string MysqlCheckClause(absl::string_view clause) {
  std::string c = absl::StrReplaceAll(clause, {{"`", ""}});
  return SqueezeBlanks(StripOuterParentheses(SqueezeBlanks(c)));
}

std::string SqliteType(absl::string_view declared) {
  return SqueezeBlanks(absl::AsciiStrToLower(declared));
}

std::string SqliteDefault(absl::string_view dflt_value) {
  std::string d = SqueezeBlanks(dflt_value);
  if (absl::StartsWith(d, "'") || absl::StartsWith(d, "\"")) return d;
  return DefaultExpression(d);
}

std::string PostgresqlDefinition(absl::string_view definition, absl::string_view schema) {
  std::string d(definition);
  if (!schema.empty()) {
    absl::StrReplaceAll({{absl::StrCat("\"", schema, "\"."), ""}, {absl::StrCat(schema, "."), ""}},
                        &d);
  }
  absl::StrReplaceAll({{"EXECUTE PROCEDURE", "EXECUTE FUNCTION"}}, &d);
  return SqueezeBlanks(d);
}

std::string PostgresqlIndexBody(absl::string_view indexdef, absl::string_view schema) {
  const size_t using_at = indexdef.find(" USING ");
  if (using_at != absl::string_view::npos) indexdef.remove_prefix(using_at + 7);
  return PostgresqlDefinition(indexdef, schema);
}

}  // namespace aos::schema
