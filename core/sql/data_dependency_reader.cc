#include "core/sql/data_dependency_reader.h"

#include "absl/strings/ascii.h"

namespace aos::sql::internal {

bool Span::Is(absl::string_view word) const {
  if (Done()) return false;
  const Token& t = At(0);
  if (word.size() == 1 && !absl::ascii_isalpha(word[0])) {
    return t.IsPunct(word[0]);
  }
  return t.IsWord(word);
}

bool Span::Take(absl::string_view word) {
  if (!Is(word)) return false;
  ++pos_;
  return true;
}

bool Span::IsName(size_t i) const {
  if (pos_ + i >= end_) return false;
  const Token& t = (*t_)[pos_ + i];
  return t.type == Token::Type::kWord || t.type == Token::Type::kQuoted;
}

void Span::SkipIfExists() {
  if (Take("IF")) {
    Take("NOT");
    Take("EXISTS");
  }
}

std::optional<TableName> Span::Name() {
  if (!IsName(0)) return std::nullopt;
  TableName name{"", Next().text};
  if (Is(".") && IsName(1)) {
    Next();
    name.schema = std::move(name.name);
    name.name = Next().text;
  }
  return name;
}

size_t Span::Closing(size_t open) const {
  int depth = 0;
  for (size_t i = open; i < end_; ++i) {
    const Token& t = (*t_)[i];
    if (t.IsPunct('(')) ++depth;
    if (t.IsPunct(')') && --depth == 0) return i;
  }
  return end_;
}

std::optional<Span> Span::Group() {
  if (!Is("(")) return std::nullopt;
  const size_t close = Closing(pos_);
  if (close >= end_) return std::nullopt;
  Span inside(text_, t_, pos_ + 1, close);
  pos_ = close + 1;
  return inside;
}

std::optional<std::vector<Span>> Span::Parenthesised() {
  std::optional<Span> inside = Group();
  if (!inside) return std::nullopt;
  return inside->SplitTopLevel(',');
}

std::vector<Span> Span::SplitTopLevel(char c) const {
  std::vector<Span> items;
  int depth = 0;
  size_t start = pos_;
  for (size_t i = pos_; i < end_; ++i) {
    const Token& t = (*t_)[i];
    if (t.IsPunct('(')) ++depth;
    if (t.IsPunct(')')) --depth;
    if (depth == 0 && t.IsPunct(c)) {
      items.push_back(Span(text_, t_, start, i));
      start = i + 1;
    }
  }
  items.push_back(Span(text_, t_, start, end_));
  return items;
}

void Span::DropTrailing(std::initializer_list<absl::string_view> words) {
  if (Done()) return;
  for (absl::string_view w : words) {
    if ((*t_)[end_ - 1].IsWord(w)) {
      --end_;
      return;
    }
  }
}

absl::string_view Span::Text() const {
  if (Done()) return "";
  const size_t begin = (*t_)[pos_].begin;
  return text_.substr(begin, (*t_)[end_ - 1].end - begin);
}

bool Span::Has(absl::string_view word) const {
  for (size_t i = pos_; i < end_; ++i) {
    if ((*t_)[i].IsWord(word)) return true;
  }
  return false;
}

bool Span::Contains(absl::string_view a, absl::string_view b) const {
  for (size_t i = pos_; i + 1 < end_; ++i) {
    if ((*t_)[i].IsWord(a) && (*t_)[i + 1].IsWord(b)) return true;
  }
  return false;
}

}  // namespace aos::sql::internal
