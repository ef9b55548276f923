#include "core/sql/data_dependency_reader.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

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

// A key's parts: `(a, b(10), lower(c) DESC)`; `s` at its '('.
std::optional<std::vector<KeyPart>> ReadKeyParts(Span& s) {
  std::optional<std::vector<Span>> items = s.Parenthesised();
  if (!items || items->empty()) return std::nullopt;
  std::vector<KeyPart> parts;
  for (Span item : *items) {
    item.DropTrailing({"ASC", "DESC"});
    KeyPart part;
    if (item.size() == 1 && item.IsName(0)) {
      part.column = item.At(0).text;
    } else if (item.size() == 4 && item.IsName(0) && item.At(1).IsPunct('(') &&
               item.At(3).IsPunct(')') &&
               absl::SimpleAtoi(item.At(2).text, &part.prefix)) {
      part.column = item.At(0).text;  // MySQL: a prefix of the column
    } else {
      if (item.size() >= 1 && item.IsName(0)) part.column = item.At(0).text;
      if (item.size() > 1 && !(item.At(1).IsWord("COLLATE"))) {
        part.column.clear();  // an expression over whatever it names
      }
      part.expression = std::string(item.Text());
    }
    parts.push_back(std::move(part));
  }
  return parts;
}

std::string PartsText(const std::vector<KeyPart>& parts) {
  std::vector<std::string> shown;
  for (const KeyPart& p : parts) {
    shown.push_back(!p.expression.empty() ? p.expression
                    : p.prefix > 0 ? absl::StrCat(p.column, "(", p.prefix, ")")
                                   : p.column);
  }
  return absl::StrCat("(", absl::StrJoin(shown, ", "), ")");
}

std::optional<std::vector<std::string>> ReadColumns(Span& s) {
  std::optional<std::vector<KeyPart>> parts = ReadKeyParts(s);
  if (!parts) return std::nullopt;
  std::vector<std::string> columns;
  for (const KeyPart& p : *parts) {
    if (p.column.empty() || !p.expression.empty()) return std::nullopt;
    columns.push_back(p.column);
  }
  return columns;
}

}  // namespace aos::sql::internal
