#include "core/sql/mysql_tokenizer.h"

#include <algorithm>
#include <cctype>

#include "absl/strings/ascii.h"

namespace aos::sql {

std::vector<Token> Tokenize(absl::string_view s, size_t limit) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size() && out.size() < limit) {
    const char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '/' && i + 2 < s.size() && s[i + 1] == '*' &&
               s[i + 2] == '!') {
      i += 3;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
        ++i;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      size_t end = s.find("*/", i + 2);
      i = end == absl::string_view::npos ? s.size() : end + 2;
    } else if (c == '*' && i + 1 < s.size() && s[i + 1] == '/') {
      i += 2;  // the end of an executable comment
    } else if ((c == '-' && i + 2 < s.size() && s[i + 1] == '-' &&
                std::isspace(static_cast<unsigned char>(s[i + 2]))) ||
               c == '#') {
      size_t end = s.find('\n', i);
      i = end == absl::string_view::npos ? s.size() : end + 1;
    } else if (c == '`') {
      std::string name;
      size_t j = i + 1;
      while (j < s.size()) {
        if (s[j] == '`' && j + 1 < s.size() && s[j + 1] == '`') {
          name += '`';
          j += 2;
        } else if (s[j] == '`') {
          break;
        } else {
          name += s[j++];
        }
      }
      out.push_back(
          {Token::Type::kQuoted, name, "", i, std::min(j + 1, s.size())});
      i = j + 1;
    } else if (c == '\'' || c == '"') {
      size_t j = i + 1;
      while (j < s.size() && s[j] != c) j += s[j] == '\\' ? 2 : 1;
      out.push_back(
          {Token::Type::kLiteral, "", "", i, std::min(j + 1, s.size())});
      i = j + 1;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
               c == '$' || c == '@') {
      size_t j = i;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) ||
                              s[j] == '_' || s[j] == '$' || s[j] == '@')) {
        ++j;
      }
      std::string word(s.substr(i, j - i));
      out.push_back(
          {Token::Type::kWord, word, absl::AsciiStrToUpper(word), i, j});
      i = j;
    } else {
      out.push_back({Token::Type::kPunct, std::string(1, c), "", i, i + 1});
      ++i;
    }
  }
  return out;
}

std::string QuoteIdentifier(absl::string_view name) {
  std::string q = "`";
  for (char c : name) q += c == '`' ? std::string("``") : std::string(1, c);
  return q + "`";
}

}  // namespace aos::sql
