#include "core/sql/batchable_dml.h"

#include <algorithm>
#include <initializer_list>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "core/sql/mysql_tokenizer.h"
#include "core/sql/select_sources.h"

namespace aos::sql {
namespace {

bool IsName(const Token& k) {
  return k.type == Token::Type::kWord || k.type == Token::Type::kQuoted;
}

// Reads one UPDATE, DELETE or INSERT ... SELECT front to back; every shape
// it does not know leaves a reason in why_not.
class DmlReader {
 public:
  DmlReader(absl::string_view text, std::vector<Token> tokens, bool marks, bool postgresql)
      : text_(text), t_(std::move(tokens)), marks_(marks), postgresql_(postgresql) {
    out_.dialect = postgresql ? "postgresql" : "mysql";
  }

  std::optional<BatchableDml> Read() {
    if (t_.empty()) return std::nullopt;
    std::optional<BatchableDml> out;
    if (t_[0].IsWord("UPDATE")) out = Update();
    if (t_[0].IsWord("DELETE")) out = Delete();
    if (t_[0].IsWord("INSERT")) out = Insert();
    if (out && out->why_not.empty() && marks_) {
      out->why_not = "it holds an executable comment (/*! ... */)";
    }
    return out;
  }

 private:
  bool At(const char* word) const { return i_ < t_.size() && t_[i_].IsWord(word); }
  bool AtPunct(char c) const { return i_ < t_.size() && t_[i_].IsPunct(c); }
  void Skip(std::initializer_list<absl::string_view> words) {
    while (i_ < t_.size() && t_[i_].IsWordIn(words)) ++i_;
  }

  // A table's name ([schema.]name; PostgreSQL: after ONLY, which leaves
  // out its inheritance children: the chunks still cover its own rows).
  std::optional<TableName> Name() {
    if (postgresql_ && At("ONLY") && i_ + 1 < t_.size() && IsName(t_[i_ + 1])) ++i_;
    if (i_ >= t_.size() || !IsName(t_[i_])) return std::nullopt;
    name_from_ = i_;
    TableName n{"", t_[i_++].text};
    if (AtPunct('.') && i_ + 1 < t_.size() && IsName(t_[i_ + 1])) {
      n = TableName{n.name, t_[i_ + 1].text};
      i_ += 2;
    }
    name_to_ = i_;
    return n;
  }

  // Tokens [from, to) as written: PostgreSQL folds a bare name and keeps a
  // quoted one, so the qualifier is the statement's own spelling.
  std::string Written(size_t from, size_t to) const {
    return std::string(text_.substr(t_[from].begin, t_[to - 1].end - t_[from].begin));
  }

  // [AS] alias, unless the next word is one of `ends`; sets the qualifier.
  void Alias(const TableName& n, std::initializer_list<absl::string_view> ends) {
    if (postgresql_) {
      out_.qualifier = Written(name_from_, name_to_);
    } else {
      out_.qualifier = n.schema.empty() ? QuoteIdentifier(n.name)
                                        : absl::StrCat(QuoteIdentifier(n.schema), ".",
                                                       QuoteIdentifier(n.name));
    }
    const bool as = At("AS");
    if (as) ++i_;
    if (i_ < t_.size() && IsName(t_[i_]) && (as || !t_[i_].IsWordIn(ends))) {
      out_.qualifier = postgresql_ ? Written(i_, i_ + 1) : QuoteIdentifier(t_[i_].text);
      ++i_;
    }
  }

  // The first token at depth 0 from `from` that is one of `words`.
  size_t Find(size_t from, std::initializer_list<absl::string_view> words) const {
    int depth = 0;
    for (size_t k = from; k < t_.size(); ++k) {
      if (t_[k].IsPunct('(')) ++depth;
      if (t_[k].IsPunct(')')) --depth;
      if (depth == 0 && t_[k].IsWordIn(words)) return k;
    }
    return t_.size();
  }

  void Why(std::string why) {
    if (out_.why_not.empty()) out_.why_not = std::move(why);
  }

  // What follows the table reference: WHERE or the end; the head and
  // condition cut there; then the clauses no chunk may have, the
  // expressions and the tables read.
  void Tail(size_t exprs_from) {
    const size_t bad =
        Find(exprs_from, {"ORDER", "LIMIT", "GROUP", "HAVING", "UNION", "EXCEPT", "INTERSECT",
                          "WINDOW", "RETURNING", "DUPLICATE", "DISTINCT", "DISTINCTROW", "INTO",
                          "FOR", "LOCK", "OFFSET", "FETCH", "SQL_CALC_FOUND_ROWS", "CONFLICT"});
    if (bad < t_.size()) {
      Why(absl::StrCat("it has ", t_[bad].IsWord("CONFLICT") ? "ON CONFLICT" : t_[bad].upper));
    }
    size_t where = t_.size();
    if (At("WHERE")) {
      where = i_;
      if (i_ + 2 < t_.size() && t_[i_ + 1].IsWord("CURRENT") && t_[i_ + 2].IsWord("OF")) {
        Why("it changes the row of a cursor (WHERE CURRENT OF)");
      }
    } else if (i_ < t_.size()) {
      const Token& k = t_[i_];
      Why(k.IsPunct(',') || k.IsWordIn({"JOIN", "INNER", "LEFT", "RIGHT", "CROSS", "NATURAL",
                                      "STRAIGHT_JOIN", "USING"})
              ? "it reads or writes more than one table (a join or a table "
                "list)"
              : absl::StrCat("it has ", k.text,
                             " after its table, which the reader does not "
                             "chunk"));
    }
    Why(UnsafeExpression(t_, exprs_from, t_.size(), out_.dialect));
    const size_t last = t_.size() - 1;
    out_.head = std::string(text_.substr(0, t_[where - 1].end));
    if (where + 1 < t_.size()) {
      out_.condition =
          std::string(text_.substr(t_[where + 1].begin, t_[last].end - t_[where + 1].begin));
    }
  }

  // The tables read from token `from` on; the written table among them
  // is a read of it elsewhere in the statement.
  void Reads(size_t from) {
    SelectSources s = ReadSelectSources(t_, from);
    out_.reads = s.tables;
    if (s.unnamed) Why("it reads what no table name says (a table function)");
    for (const TableName& r : s.tables) {
      if (absl::EqualsIgnoreCase(r.name, out_.written.name)) {
        Why(absl::StrCat("it reads ", r.name, ", the table it writes"));
      }
    }
  }

  std::optional<BatchableDml> Update() {
    out_.form = BatchableDml::Form::kUpdate;
    i_ = 1;
    Skip({"LOW_PRIORITY", "IGNORE"});
    std::optional<TableName> n = Name();
    if (!n) return std::nullopt;
    out_.written = out_.ranged = *n;
    Alias(*n, {"SET", "JOIN", "INNER", "LEFT", "RIGHT", "CROSS", "NATURAL", "STRAIGHT_JOIN",
               "PARTITION", "USE", "FORCE", "IGNORE"});
    if (!At("SET")) {
      Why(AtPunct(',') || At("JOIN") || At("INNER") || At("LEFT") || At("STRAIGHT_JOIN") ||
                  At("CROSS") || AtPunct('(')
              ? "it is a multi-table UPDATE"
              : "it names more than its table before SET");
      return out_;
    }
    const size_t set = ++i_;
    Assigned(set);
    Reads(set);
    i_ = Find(set, {"WHERE", "ORDER", "LIMIT", "RETURNING"});
    // PostgreSQL's UPDATE t SET ... FROM u: a join, whose rows a chunk of
    // t's key does not bound.
    if (Find(set, {"FROM"}) < i_) Why("it is a multi-table UPDATE (UPDATE ... FROM)");
    Tail(set);
    return out_;
  }

  // The columns SET assigns: the name before each '=' at depth 0 of the
  // assignment list.
  void Assigned(size_t set) {
    const size_t end = Find(set, {"WHERE", "ORDER", "LIMIT"});
    bool expect = true;
    int depth = 0;
    for (size_t k = set; k < end; ++k) {
      if (t_[k].IsPunct('(')) ++depth;
      if (t_[k].IsPunct(')')) --depth;
      if (depth == 0 && t_[k].IsPunct(',')) expect = true;
      if (depth == 0 && expect && t_[k].IsPunct('=') && k > set) {
        AssignedBefore(set, k);
        expect = false;
      }
    }
  }

  // The column, or PostgreSQL's parenthesized columns (SET (a, b) = ...),
  // before the '=' at token `eq`.
  void AssignedBefore(size_t set, size_t eq) {
    if (!t_[eq - 1].IsPunct(')')) {
      out_.assigned.push_back(t_[eq - 1].text);
      return;
    }
    size_t k = eq - 1;
    while (k > set && !t_[k].IsPunct('(')) --k;
    for (size_t c = k + 1; c + 1 < eq; ++c) {
      if (IsName(t_[c]) && (t_[c + 1].IsPunct(',') || t_[c + 1].IsPunct(')'))) {
        out_.assigned.push_back(t_[c].text);
      }
    }
  }

  std::optional<BatchableDml> Delete() {
    out_.form = BatchableDml::Form::kDelete;
    i_ = 1;
    Skip({"LOW_PRIORITY", "QUICK", "IGNORE"});
    const bool from = At("FROM");
    if (from) ++i_;
    std::optional<TableName> n = Name();
    if (!n) return std::nullopt;
    out_.written = out_.ranged = *n;
    if (!from) {
      Why("it is a multi-table DELETE");
      return out_;
    }
    Alias(*n, {"WHERE", "USING", "ORDER", "LIMIT", "RETURNING", "PARTITION"});
    const size_t after = i_;
    Reads(after);
    Tail(after);
    return out_;
  }

  std::optional<BatchableDml> Insert() {
    out_.form = BatchableDml::Form::kInsertSelect;
    i_ = 1;
    Skip({"LOW_PRIORITY", "HIGH_PRIORITY", "DELAYED", "IGNORE"});
    if (At("INTO")) ++i_;
    std::optional<TableName> n = Name();
    if (!n) return std::nullopt;
    out_.written = *n;
    if (AtPunct('(') && !(i_ + 1 < t_.size() && t_[i_ + 1].IsWord("SELECT"))) {
      i_ = Find(i_, {"SELECT", "VALUES", "VALUE", "SET", "WITH", "TABLE"});
      if (i_ >= t_.size()) return std::nullopt;
    }
    if (!At("SELECT")) {
      if (At("VALUES") || At("VALUE") || At("SET")) return std::nullopt;
      Why("its rows come from what the reader does not chunk (a WITH, a "
          "parenthesized SELECT, TABLE or PARTITION)");
      return out_;
    }
    const size_t select = i_++;
    Reads(select);
    i_ = Find(select, {"FROM"});
    if (i_ < t_.size()) ++i_;
    std::optional<TableName> source = Name();
    if (!source) {
      Why("its SELECT reads no one named table");
      return out_;
    }
    out_.ranged = *source;
    Alias(*source,
          {"WHERE", "JOIN",   "INNER", "LEFT",      "RIGHT", "CROSS", "NATURAL",  "STRAIGHT_JOIN",
           "USE",   "IGNORE", "FORCE", "PARTITION", "GROUP", "ORDER", "LIMIT",    "HAVING",
           "UNION", "WINDOW", "ON",    "FOR",       "LOCK",  "INTO",  "RETURNING"});
    Tail(select);
    return out_;
  }

  absl::string_view text_;
  std::vector<Token> t_;
  bool marks_;
  bool postgresql_;
  size_t i_ = 0;
  size_t name_from_ = 0;  // the last table name's tokens (Name)
  size_t name_to_ = 0;
  BatchableDml out_;
};

}  // namespace

std::optional<BatchableDml> ReadBatchableDml(absl::string_view statement,
                                             absl::string_view dialect) {
  std::vector<Token> tokens;
  bool marks = false;
  for (Token& t : LexTolerant(statement, dialect)) {
    if (t.type == Token::Type::kCommentOpen || t.type == Token::Type::kCommentClose) {
      marks = true;
      continue;
    }
    tokens.push_back(std::move(t));
  }
  return DmlReader(statement, std::move(tokens), marks, dialect == "postgresql").Read();
}

KeySql ChunkStatement(const BatchableDml& dml, const RangeKey& key,
                      const std::optional<KeyValue>& after, const KeyValue& upto) {
  KeySql out;
  out.text = absl::StrCat(dml.head, " WHERE ",
                          dml.condition.empty() ? "" : absl::StrCat("(", dml.condition, ") AND "));
  if (after) {
    KeySql from = KeyCondition(key, dml.qualifier, KeyBound::kAfter, *after);
    absl::StrAppend(&out.text, from.text, " AND ");
    out.values = std::move(from.values);
  }
  KeySql to = KeyCondition(key, dml.qualifier, KeyBound::kUpTo, upto);
  out.text += to.text;
  out.values.insert(out.values.end(), to.values.begin(), to.values.end());
  return out;
}

}  // namespace aos::sql
