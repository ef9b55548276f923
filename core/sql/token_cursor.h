// token_cursor.h: reads the tokens of a MySQL statement (mysql_tokenizer.h)
// front to back, for the readers of a statement's shape (statement_kind.h,
// table_change.h).
#ifndef AOS_CORE_SQL_TOKEN_CURSOR_H_
#define AOS_CORE_SQL_TOKEN_CURSOR_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/sql/mysql_tokenizer.h"
#include "core/sql/statement_kind.h"

namespace aos::sql {

class TokenCursor {
 public:
  explicit TokenCursor(std::vector<Token> tokens) : t_(std::move(tokens)) {}
  bool Is(absl::string_view keyword) const {
    return pos_ < t_.size() && t_[pos_].type == Token::Type::kWord &&
           t_[pos_].upper == keyword;
  }
  bool Take(absl::string_view keyword) {
    if (!Is(keyword)) return false;
    ++pos_;
    return true;
  }
  bool IsPunct(char c) const {
    return pos_ < t_.size() && t_[pos_].type == Token::Type::kPunct &&
           t_[pos_].text[0] == c;
  }
  bool TakePunct(char c) {
    if (!IsPunct(c)) return false;
    ++pos_;
    return true;
  }
  void Skip() { ++pos_; }
  bool Done() const { return pos_ >= t_.size(); }
  // Where the next token starts in the statement (npos when done), and
  // where the one before it ended (0 at the start).
  size_t NextBegin() const {
    return Done() ? absl::string_view::npos : t_[pos_].begin;
  }
  size_t LastEnd() const { return pos_ == 0 ? 0 : t_[pos_ - 1].end; }
  // A table name, `db`.`name` or name.
  std::optional<TableName> Name() {
    std::optional<std::string> first = Part();
    if (!first) return std::nullopt;
    if (!TakePunct('.')) return TableName{"", *first};
    std::optional<std::string> second = Part();
    if (!second) return std::nullopt;
    return TableName{*first, *second};
  }
  // IF NOT EXISTS / IF EXISTS.
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

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_TOKEN_CURSOR_H_
