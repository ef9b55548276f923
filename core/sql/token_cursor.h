// token_cursor.h: reads a statement's tokens (the one lexer, sql_lexer.h)
// front to back. The one cursor of the readers of a statement's shape
// (statement_kind.h, table_change.h, gate_statement.h,
// destructive_statement.h); a reader that needs more derives from it.
#ifndef AOS_CORE_SQL_TOKEN_CURSOR_H_
#define AOS_CORE_SQL_TOKEN_CURSOR_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/sql/sql_lexer.h"
#include "core/sql/statement_kind.h"

namespace aos::sql {

class TokenCursor {
 public:
  explicit TokenCursor(std::vector<Token> tokens) : t_(std::move(tokens)) {}
  // Whether the token `ahead` of the next one is the keyword (upper case).
  bool Is(absl::string_view keyword, size_t ahead = 0) const {
    return pos_ + ahead < t_.size() && t_[pos_ + ahead].IsWord(keyword);
  }
  bool Take(absl::string_view keyword) {
    if (!Is(keyword)) return false;
    ++pos_;
    return true;
  }
  bool IsPunct(char c) const { return pos_ < t_.size() && t_[pos_].IsPunct(c); }
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
  // One part of a name: a word or a quoted identifier.
  std::optional<std::string> Part() {
    if (Done()) return std::nullopt;
    const Token& t = t_[pos_];
    if (t.type != Token::Type::kWord && t.type != Token::Type::kQuoted) {
      return std::nullopt;
    }
    ++pos_;
    return t.text;
  }
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
  // IF EXISTS only (not IF NOT EXISTS): whether it was there.
  bool TakeIfExists() {
    if (!Is("IF") || !Is("EXISTS", 1)) return false;
    pos_ += 2;
    return true;
  }
  // Skips to past the next ',' outside parentheses; false at the end.
  bool NextItem() {
    int depth = 0;
    for (; pos_ < t_.size(); ++pos_) {
      if (t_[pos_].IsPunct('(')) ++depth;
      if (t_[pos_].IsPunct(')')) --depth;
      if (depth == 0 && t_[pos_].IsPunct(',')) {
        ++pos_;
        return true;
      }
    }
    return false;
  }
  // Whether the keyword stands anywhere in the statement.
  bool HasWord(absl::string_view word) const {
    for (const Token& t : t_) {
      if (t.IsWord(word)) return true;
    }
    return false;
  }

 protected:
  std::vector<Token> t_;
  size_t pos_ = 0;
};

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_TOKEN_CURSOR_H_
