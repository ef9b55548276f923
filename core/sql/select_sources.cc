#include "core/sql/select_sources.h"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

namespace aos::sql {
namespace {

// A word that ends a table reference rather than naming its alias.
bool EndsReference(const Token& k) {
  return k.type == Token::Type::kWord &&
         OneOf(k.upper, {"WHERE", "GROUP", "ORDER", "LIMIT", "HAVING",
                         "WINDOW", "JOIN", "INNER", "LEFT", "RIGHT", "CROSS",
                         "NATURAL", "STRAIGHT_JOIN", "FULL", "OUTER", "ON",
                         "USING", "UNION", "EXCEPT", "INTERSECT", "FOR",
                         "LOCK", "INTO", "USE", "IGNORE", "FORCE",
                         "PARTITION", "RETURNING", "WITH", "SELECT", "VALUES",
                         "OFFSET", "FETCH", "MINUS"});
}

bool IsName(const Token& k) {
  return k.type == Token::Type::kWord || k.type == Token::Type::kQuoted;
}

class SourceReader {
 public:
  explicit SourceReader(const std::vector<Token>& t) : t_(t) {}

  // Every FROM and JOIN, and a ',' of a FROM clause after a join's ON or
  // USING condition (FROM a JOIN b USING (k), c): the FROM clause lasts
  // until a word that ends it at its depth, or its parenthesis closes.
  SelectSources Read(size_t from) {
    std::vector<int> clauses;  // depths of the FROM clauses open
    int depth = 0;
    for (i_ = from; i_ < t_.size();) {
      const Token& k = t_[i_++];
      if (k.IsPunct('(')) ++depth;
      if (k.IsPunct(')')) {
        --depth;
        while (!clauses.empty() && clauses.back() > depth) clauses.pop_back();
      }
      const bool in_from = !clauses.empty() && clauses.back() == depth;
      if (in_from && k.type == Token::Type::kWord &&
          OneOf(k.upper, {"WHERE", "GROUP", "ORDER", "HAVING", "LIMIT",
                          "UNION", "EXCEPT", "INTERSECT", "WINDOW", "SELECT",
                          "RETURNING", "INTO", "FOR", "LOCK", "VALUES",
                          "SET", "UPDATE"})) {
        clauses.pop_back();
      }
      if (k.IsWord("FROM")) clauses.push_back(depth);
      if (k.IsWord("FROM") || k.IsWord("JOIN") || k.IsWord("STRAIGHT_JOIN") ||
          (in_from && k.IsPunct(','))) {
        List();
      }
    }
    return out_;
  }

 private:
  bool Punct(char c) const { return i_ < t_.size() && t_[i_].IsPunct(c); }

  // A FROM's list of references: name [alias] [hints], ...
  void List() {
    do {
      if (Punct('(')) return;  // a subquery or a nested join: read inside
      if (i_ >= t_.size() || !IsName(t_[i_])) {
        out_.unnamed = true;
        return;
      }
      TableName name{"", t_[i_++].text};
      if (Punct('.') && i_ + 1 < t_.size() && IsName(t_[i_ + 1])) {
        name = TableName{name.name, t_[i_ + 1].text};
        i_ += 2;
      }
      if (Punct('(')) {  // JSON_TABLE(...) and the like
        out_.unnamed = true;
        return;
      }
      if (name.schema.empty() && t_[i_ - 1].IsWord("DUAL")) return;
      out_.tables.push_back(name);
      SkipAliasAndHints();
    } while (Punct(',') && (++i_, true));
  }

  void SkipParens() {
    if (!Punct('(')) return;
    for (int depth = 0; i_ < t_.size();) {
      const Token& k = t_[i_++];
      if (k.IsPunct('(')) ++depth;
      if (k.IsPunct(')') && --depth == 0) return;
    }
  }

  void SkipAliasAndHints() {
    if (i_ < t_.size() && t_[i_].IsWord("PARTITION")) {
      ++i_;
      SkipParens();
    }
    if (i_ < t_.size() && t_[i_].IsWord("AS")) ++i_;
    if (i_ < t_.size() && IsName(t_[i_]) && !EndsReference(t_[i_])) ++i_;
    while (i_ < t_.size() && (t_[i_].IsWord("USE") || t_[i_].IsWord("IGNORE") ||
                              t_[i_].IsWord("FORCE"))) {
      while (i_ < t_.size() && !t_[i_].IsPunct('(')) ++i_;
      SkipParens();
    }
  }

  const std::vector<Token>& t_;
  size_t i_ = 0;
  SelectSources out_;
};

}  // namespace

SelectSources ReadSelectSources(const std::vector<Token>& tokens, size_t from) {
  return SourceReader(tokens).Read(from);
}

}  // namespace aos::sql
