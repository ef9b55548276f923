#include "core/sql/statement_kind.h"

#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace aos::sql {
namespace {

// A token of a MySQL statement: a word (keyword or bare identifier,
// upper-cased in `upper`), a `quoted` identifier, a literal, or one
// punctuation character. Comments are skipped, MySQL's executable
// comments (/*! ... */) read as code.
struct Token {
  enum class Type { kWord, kQuoted, kLiteral, kPunct } type;
  std::string text;   // as written (quoted: without the backquotes)
  std::string upper;  // kWord: upper-cased
};

std::vector<Token> Tokenize(absl::string_view s, size_t limit) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size() && out.size() < limit) {
    const char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '/' && i + 2 < s.size() && s[i + 1] == '*' && s[i + 2] == '!') {
      i += 3;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
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
      out.push_back({Token::Type::kQuoted, name, ""});
      i = j + 1;
    } else if (c == '\'' || c == '"') {
      size_t j = i + 1;
      while (j < s.size() && s[j] != c) j += s[j] == '\\' ? 2 : 1;
      out.push_back({Token::Type::kLiteral, "", ""});
      i = j + 1;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
               c == '$' || c == '@') {
      size_t j = i;
      while (j < s.size() &&
             (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_' ||
              s[j] == '$' || s[j] == '@')) {
        ++j;
      }
      std::string word(s.substr(i, j - i));
      out.push_back({Token::Type::kWord, word, absl::AsciiStrToUpper(word)});
      i = j;
    } else {
      out.push_back({Token::Type::kPunct, std::string(1, c), ""});
      ++i;
    }
  }
  return out;
}

// Reads tokens front to back.
class Cursor {
 public:
  explicit Cursor(std::vector<Token> tokens) : t_(std::move(tokens)) {}
  bool Is(absl::string_view keyword) const {
    return pos_ < t_.size() && t_[pos_].type == Token::Type::kWord &&
           t_[pos_].upper == keyword;
  }
  bool Take(absl::string_view keyword) {
    if (!Is(keyword)) return false;
    ++pos_;
    return true;
  }
  bool TakePunct(char c) {
    if (pos_ < t_.size() && t_[pos_].type == Token::Type::kPunct &&
        t_[pos_].text[0] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void Skip() { ++pos_; }
  bool Done() const { return pos_ >= t_.size(); }
  // A table name, `db`.`name` or name.
  std::optional<TableName> Name() {
    std::optional<std::string> first = Part();
    if (!first) return std::nullopt;
    if (!TakePunct('.')) return TableName{"", *first};
    std::optional<std::string> second = Part();
    if (!second) return std::nullopt;
    return TableName{*first, *second};
  }
  // TAKE IF NOT EXISTS / IF EXISTS.
  void SkipIfExists() {
    if (Take("IF")) {
      Take("NOT");
      Take("EXISTS");
    }
  }

 private:
  std::optional<std::string> Part() {
    if (pos_ >= t_.size()) return std::nullopt;
    const Token& t = t_[pos_];
    if (t.type != Token::Type::kWord && t.type != Token::Type::kQuoted) {
      return std::nullopt;
    }
    ++pos_;
    return t.text;
  }
  std::vector<Token> t_;
  size_t pos_ = 0;
};

using Names = std::optional<std::vector<TableName>>;

// name [, name ...]
Names NameList(Cursor& c) {
  std::vector<TableName> names;
  do {
    std::optional<TableName> n = c.Name();
    if (!n) return std::nullopt;
    names.push_back(*n);
  } while (c.TakePunct(','));
  return names;
}

// ALTER TABLE t ... [RENAME [TO|AS] u]: t, and u when it is renamed.
Names AlterTargets(Cursor& c) {
  std::optional<TableName> table = c.Name();
  if (!table) return std::nullopt;
  std::vector<TableName> names = {*table};
  while (!c.Done()) {
    if (c.Take("RENAME")) {
      if (c.Is("COLUMN") || c.Is("INDEX") || c.Is("KEY") ||
          c.Is("CONSTRAINT")) {
        continue;
      }
      if (!c.Take("TO")) c.Take("AS");
      if (std::optional<TableName> to = c.Name()) names.push_back(*to);
    } else {
      c.Skip();
    }
  }
  return names;
}

// RENAME TABLE a TO b [, c TO d ...]
Names RenameTargets(Cursor& c) {
  std::vector<TableName> names;
  do {
    std::optional<TableName> from = c.Name();
    if (!from || !c.Take("TO")) return std::nullopt;
    std::optional<TableName> to = c.Name();
    if (!to) return std::nullopt;
    names.push_back(*from);
    names.push_back(*to);
  } while (c.TakePunct(','));
  return names;
}

// CREATE|DROP [UNIQUE|FULLTEXT|SPATIAL] INDEX name [...] ON t
Names IndexTargets(Cursor& c) {
  while (!c.Done() && !c.Is("ON")) c.Skip();
  if (!c.Take("ON")) return std::nullopt;
  std::optional<TableName> table = c.Name();
  if (!table) return std::nullopt;
  return std::vector<TableName>{*table};
}

Names CreateTargets(Cursor& c) {
  if (c.Take("OR")) c.Take("REPLACE");
  c.Take("TEMPORARY");
  if (c.Take("TABLE")) {
    c.SkipIfExists();
    std::optional<TableName> n = c.Name();
    if (!n) return std::nullopt;
    return std::vector<TableName>{*n};
  }
  if (c.Take("UNIQUE") || c.Take("FULLTEXT") || c.Take("SPATIAL") ||
      c.Is("INDEX")) {
    return IndexTargets(c);
  }
  // [ALGORITHM = x] [DEFINER = y] [SQL SECURITY z] VIEW|TRIGGER
  for (int guard = 0;
       guard < 16 && !c.Done() && !c.Is("VIEW") && !c.Is("TRIGGER");
       ++guard) {
    c.Skip();
  }
  const bool trigger = c.Is("TRIGGER");
  if (c.Take("VIEW") || c.Take("TRIGGER")) {
    c.SkipIfExists();
    std::optional<TableName> n = c.Name();
    if (!n) return std::nullopt;
    n->trigger = trigger;
    return std::vector<TableName>{*n};
  }
  return std::nullopt;  // routines, events, databases, ...
}

}  // namespace

StatementKind ClassifyStatement(absl::string_view statement) {
  std::vector<Token> t = Tokenize(statement, 2);
  if (t.empty() || t[0].type != Token::Type::kWord) return StatementKind::kOther;
  const std::string& w = t[0].upper;
  if (w == "INSERT" || w == "UPDATE" || w == "DELETE" || w == "REPLACE") {
    return StatementKind::kDml;
  }
  if (w == "CREATE" || w == "ALTER" || w == "DROP" || w == "RENAME" ||
      w == "TRUNCATE") {
    return StatementKind::kDdl;
  }
  return StatementKind::kOther;
}

const char* StatementKindName(StatementKind kind) {
  switch (kind) {
    case StatementKind::kDml:
      return "dml";
    case StatementKind::kDdl:
      return "ddl";
    case StatementKind::kOther:
      break;
  }
  return "other";
}

std::optional<std::vector<TableName>> DdlTargets(
    absl::string_view statement) {
  Cursor c(Tokenize(statement, 100000));
  if (c.Take("CREATE")) return CreateTargets(c);
  if (c.Take("ALTER")) {
    c.Take("ONLINE");
    c.Take("IGNORE");
    if (!c.Take("TABLE")) return std::nullopt;
    return AlterTargets(c);
  }
  if (c.Take("DROP")) {
    c.Take("TEMPORARY");
    if (c.Take("TABLE") || c.Take("TABLES") || c.Take("VIEW")) {
      c.SkipIfExists();
      return NameList(c);
    }
    if (c.Is("INDEX")) return IndexTargets(c);
    if (c.Take("TRIGGER")) {
      c.SkipIfExists();
      std::optional<TableName> n = c.Name();
      if (!n) return std::nullopt;
      n->trigger = true;
      return std::vector<TableName>{*n};
    }
    return std::nullopt;
  }
  if (c.Take("RENAME")) {
    if (!c.Take("TABLE") && !c.Take("TABLES")) return std::nullopt;
    return RenameTargets(c);
  }
  if (c.Take("TRUNCATE")) {
    c.Take("TABLE");
    std::optional<TableName> n = c.Name();
    if (!n) return std::nullopt;
    return std::vector<TableName>{*n};
  }
  return std::nullopt;
}

}  // namespace aos::sql
