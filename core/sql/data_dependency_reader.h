// data_dependency_reader.h: a window over the tokens of one statement
// (sql_lexer.h), read front to back, for data_dependency.cc: words,
// names, parenthesised groups and comma lists, the text they cover, and a
// key's parts.
#ifndef AOS_CORE_SQL_DATA_DEPENDENCY_READER_H_
#define AOS_CORE_SQL_DATA_DEPENDENCY_READER_H_

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/sql/data_dependency.h"
#include "core/sql/sql_lexer.h"
#include "core/sql/statement_kind.h"

namespace aos::sql::internal {

class Span {
 public:
  Span(absl::string_view text, const std::vector<Token>& tokens)
      : text_(text), t_(&tokens), pos_(0), end_(tokens.size()) {}

  size_t size() const { return end_ - pos_; }
  bool Done() const { return pos_ >= end_; }
  // The token `i` from here (-1: the one before).
  const Token& At(long i) const { return (*t_)[pos_ + i]; }
  const Token& Next() { return (*t_)[pos_++]; }
  // Whether the next token is the word (or, for one character that is no
  // letter, that punctuation).
  bool Is(absl::string_view word) const;
  bool Take(absl::string_view word);
  // A name (a word or a quoted identifier) at `i` from here.
  bool IsName(size_t i) const;
  void SkipIfExists();
  std::optional<TableName> Name();
  // At '(': what it holds, then past its ')'.
  std::optional<Span> Group();
  // At '(': the comma list it holds, then past its ')'.
  std::optional<std::vector<Span>> Parenthesised();
  // From here up to where `later` (a copy of this span, moved on) is.
  Span Until(const Span& later) const {
    return Span(text_, t_, pos_, later.pos_ < end_ ? later.pos_ : end_);
  }
  // What is left, cut at each `c` outside parentheses.
  std::vector<Span> SplitTopLevel(char c) const;
  // Leaves out a last token that is one of `words`.
  void DropTrailing(std::initializer_list<absl::string_view> words);
  // The text what is left covers, as written.
  absl::string_view Text() const;
  // Whether what is left holds the word, or the words `a b` in a row.
  bool Has(absl::string_view word) const;
  bool Contains(absl::string_view a, absl::string_view b) const;

 private:
  Span(absl::string_view text, const std::vector<Token>* t, size_t pos,
       size_t end)
      : text_(text), t_(t), pos_(pos), end_(end) {}
  // The index of the ')' that closes the '(' at `open`, or end_.
  size_t Closing(size_t open) const;

  absl::string_view text_;
  const std::vector<Token>* t_;
  size_t pos_;
  size_t end_;
};

// A key's parts at `s`'s '(': `(a, b(10), lower(c) DESC)`; then past ')'.
std::optional<std::vector<KeyPart>> ReadKeyParts(Span& s);
// "(a, b(10), lower(c))": the parts as a message names them.
std::string PartsText(const std::vector<KeyPart>& parts);
// A list of plain columns at '(' (nullopt for anything else).
std::optional<std::vector<std::string>> ReadColumns(Span& s);

}  // namespace aos::sql::internal

#endif  // AOS_CORE_SQL_DATA_DEPENDENCY_READER_H_
