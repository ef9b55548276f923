#include "core/sql/session_control.h"

#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace aos::sql {
namespace {

// The statement's words, upper-cased, up to `limit`: identifiers, with
// '@@' and '.' kept inside a word (SET @@session.autocommit); comments
// skipped except MySQL's executable ones, whose content is code.
std::vector<std::string> LeadingWords(absl::string_view s, size_t limit) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(absl::AsciiStrToUpper(word));
    word.clear();
  };
  size_t i = 0;
  while (i < s.size() && words.size() < limit) {
    char c = s[i];
    if (c == '/' && i + 2 < s.size() && s[i + 1] == '*' && s[i + 2] == '!') {
      flush();
      i += 3;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      flush();
      size_t end = s.find("*/", i + 2);
      i = end == absl::string_view::npos ? s.size() : end + 2;
    } else if (c == '*' && i + 1 < s.size() && s[i + 1] == '/') {
      flush();  // the end of an executable comment
      i += 2;
    } else if ((c == '-' && i + 1 < s.size() && s[i + 1] == '-') || c == '#') {
      flush();
      size_t end = s.find('\n', i);
      i = end == absl::string_view::npos ? s.size() : end + 1;
    } else if (c == '\'' || c == '"') {
      flush();  // a literal: never a keyword
      size_t end = s.find(c, i + 1);
      i = end == absl::string_view::npos ? s.size() : end + 1;
      words.push_back("'");
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
               c == '@' || c == '.' || c == '$') {
      word += c;
      ++i;
    } else {
      flush();
      if (c == '=' || c == ';' || c == '(' || c == ',') {
        words.push_back(std::string(1, c));
      }
      ++i;
    }
  }
  flush();
  return words;
}

// SET ... autocommit in any spelling: SET autocommit, SET SESSION
// autocommit, SET @@autocommit, SET @@session.autocommit, SET LOCAL ...
bool SetsAutocommit(const std::vector<std::string>& w) {
  for (size_t i = 1; i < w.size(); ++i) {
    const std::string& v = w[i];
    if (v == "AUTOCOMMIT" || v == "@@AUTOCOMMIT" ||
        v == "@@SESSION.AUTOCOMMIT" || v == "@@LOCAL.AUTOCOMMIT" ||
        v == "SESSION.AUTOCOMMIT") {
      return true;
    }
  }
  return false;
}

std::string TransactionWords(const std::vector<std::string>& w,
                             absl::string_view dialect) {
  const std::string& first = w[0];
  const std::string second = w.size() > 1 ? w[1] : "";
  if (first == "BEGIN") {
    // MariaDB's anonymous block, BEGIN NOT ATOMIC ... END, is a statement.
    if (dialect == "mysql" && second == "NOT") return "";
    return "BEGIN";
  }
  if (first == "START" && second == "TRANSACTION") return "START TRANSACTION";
  if (first == "COMMIT" || first == "ROLLBACK" || first == "SAVEPOINT" ||
      first == "RELEASE" || first == "XA") {
    return first;
  }
  if (dialect != "mysql" && (first == "END" || first == "ABORT")) return first;
  if (dialect == "postgresql" && first == "PREPARE" &&
      second == "TRANSACTION") {
    return "PREPARE TRANSACTION";
  }
  return "";
}

std::string SessionWords(const std::vector<std::string>& w,
                         absl::string_view dialect) {
  const std::string& first = w[0];
  const std::string second = w.size() > 1 ? w[1] : "";
  if (first == "SET" && SetsAutocommit(w)) return "SET AUTOCOMMIT";
  if (dialect == "mysql") {
    if (first == "USE") return "USE";
    if (first == "LOCK" && (second == "TABLES" || second == "TABLE")) {
      return "LOCK TABLES";
    }
    if (first == "UNLOCK") return "UNLOCK TABLES";
  }
  if (dialect == "postgresql" && first == "SET") {
    size_t name = (second == "SESSION" || second == "LOCAL") ? 2 : 1;
    if (w.size() > name && (w[name] == "SEARCH_PATH" || w[name] == "SCHEMA")) {
      return "SET SEARCH_PATH";
    }
  }
  if (dialect == "sqlite" && (first == "ATTACH" || first == "DETACH")) {
    return first;
  }
  return "";
}

}  // namespace

std::string SessionControlWords(absl::string_view statement,
                                absl::string_view dialect) {
  std::vector<std::string> words = LeadingWords(statement, 12);
  if (words.empty()) return "";
  std::string found = TransactionWords(words, dialect);
  if (found.empty()) found = SessionWords(words, dialect);
  return found;
}

absl::Status CheckNoSessionControl(const std::vector<Statement>& statements,
                                   absl::string_view dialect) {
  for (size_t i = 0; i < statements.size(); ++i) {
    std::string words = SessionControlWords(statements[i].text, dialect);
    if (words.empty()) continue;
    return absl::InvalidArgumentError(absl::StrCat(
        "statement ", i + 1, " (line ", statements[i].line, ") is ", words,
        ": the tool owns transactions and the session (it runs each step in "
        "its own transaction where the engine allows, and records versions "
        "on that session); remove it from the ",
        dialect, " script"));
  }
  return absl::OkStatus();
}

}  // namespace aos::sql
