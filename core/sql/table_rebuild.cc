#include "core/sql/table_rebuild.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/sql/data_dependency_reader.h"
#include "core/sql/sql_lexer.h"

namespace aos::sql {
namespace {

using internal::ReadColumns;
using internal::Span;
using Kind = DataDependency::Kind;

// The copy an INSERT ... SELECT makes, as read.
struct Copy {
  TableName into;
  bool lenient = false;  // OR IGNORE / OR REPLACE / REPLACE INTO
  std::optional<std::vector<std::string>> into_list;
  std::vector<std::string> from;  // "" for an expression; empty: SELECT *
  TableName source;
};

// A select item that is one column (`c`, `a.c`, with or without an alias).
std::string PlainColumn(Span item) {
  if (!item.IsName(0) || item.Is("NULL") || item.Is("TRUE") ||
      item.Is("FALSE") || absl::StartsWith(item.At(0).upper, "CURRENT_")) {
    return "";
  }
  std::string column = item.Next().text;
  if (item.Take(".")) {
    if (!item.IsName(0)) return "";
    column = item.Next().text;
  }
  item.Take("AS");
  if (item.IsName(0)) item.Next();
  return item.Done() ? column : "";
}

// Whether `s` is at a word that goes on the SELECT (no alias).
bool Clause(const Span& s) {
  for (const char* w :
       {"WHERE",  "JOIN",    "LEFT",    "RIGHT",     "FULL",
        "INNER",  "CROSS",   "NATURAL", "GROUP",     "ORDER",
        "LIMIT",  "UNION",   "EXCEPT",  "INTERSECT", "WINDOW",
        "HAVING", "INDEXED", "NOT",     "ON",        "RETURNING"}) {
    if (s.Is(w)) return true;
  }
  return false;
}

std::optional<Copy> ReadCopy(Span s) {
  Copy c;
  if (s.Take("REPLACE")) {
    c.lenient = true;
  } else if (!s.Take("INSERT")) {
    return std::nullopt;
  } else if (s.Take("OR")) {
    c.lenient = s.Is("IGNORE") || s.Is("REPLACE");
    if (!s.Done()) s.Next();
  }
  if (!s.Take("INTO")) return std::nullopt;
  std::optional<TableName> into = s.Name();
  if (!into) return std::nullopt;
  c.into = *into;
  if (s.Is("(")) {
    c.into_list = ReadColumns(s);
    if (!c.into_list) return std::nullopt;
  }
  if (!s.Take("SELECT")) return std::nullopt;
  s.Take("ALL");
  if (s.Is("DISTINCT")) return std::nullopt;
  Span from = s;
  while (!from.Done() && !from.Is("FROM")) {
    if (!from.Is("(")) {
      from.Next();
    } else if (!from.Group()) {
      return std::nullopt;  // a '(' never closed
    }
  }
  std::vector<Span> items = s.Until(from).SplitTopLevel(',');
  if (!from.Take("FROM")) return std::nullopt;
  // Everything but SELECT * / t.* names its columns one by one.
  const Span& first = items[0];
  const bool star =
      items.size() == 1 && ((first.size() == 1 && first.At(0).IsPunct('*')) ||
                            (first.size() == 3 && first.At(2).IsPunct('*')));
  if (!star) {
    for (const Span& item : items) c.from.push_back(PlainColumn(item));
  }
  std::optional<TableName> source = from.Name();
  if (!source) return std::nullopt;
  c.source = *source;
  if (from.Take("AS") || (from.IsName(0) && !Clause(from))) {
    if (!from.IsName(0)) return std::nullopt;
    from.Next();  // an alias
  }
  if (!from.Done() && !from.Is("ORDER")) return std::nullopt;  // WHERE, JOIN
  return c;
}

bool Same(const std::string& a, const std::string& b) {
  return absl::EqualsIgnoreCase(a, b);
}

bool Listed(const std::vector<std::string>& list, const std::string& name) {
  for (const std::string& n : list) {
    if (Same(n, name)) return true;
  }
  return false;
}

// The x columns `d` names (a CHECK's: its words that are x's columns).
std::vector<std::string> NamedColumns(const DataDependency& d,
                                      const TableDefinition& def) {
  std::vector<std::string> named = d.columns;
  for (const KeyPart& p : d.parts) named.push_back(p.column);
  if (d.kind == Kind::kCheck) {
    for (const Token& t : LexTolerant(d.check, "sqlite")) {
      if ((t.type == Token::Type::kWord || t.type == Token::Type::kQuoted) &&
          def.Column(t.text) != nullptr) {
        named.push_back(t.text);
      }
    }
  }
  return named;
}

bool IsRowidAlias(const TableDefinition& def, const DefinedColumn& c) {
  return !def.without_rowid && c.type == "INTEGER" &&
         def.primary_key.size() == 1 && Same(def.primary_key[0], c.name);
}

// The INSERT at `statement`, read; nullopt for anything else.
std::optional<Copy> CopyIn(absl::string_view statement) {
  std::vector<Token> tokens;
  for (Token& t : LexTolerant(statement, "sqlite")) {
    if (t.type != Token::Type::kCommentOpen &&
        t.type != Token::Type::kCommentClose) {
      tokens.push_back(std::move(t));
    }
  }
  while (!tokens.empty() && tokens.back().IsPunct(';')) tokens.pop_back();
  return ReadCopy(Span(statement, tokens));
}

// The columns of x the copy fills, and their declared types; false when
// they cannot be known (a generated column under SELECT *, a name x does
// not have, a SELECT list of another length).
bool IntoColumns(const Copy& copy, const TableDefinition& def,
                 std::vector<std::string>* into,
                 std::vector<std::string>* types) {
  if (copy.into_list) {
    *into = *copy.into_list;
  } else {
    for (const DefinedColumn& c : def.columns) {
      if (c.generated) return false;  // SELECT * would not line up
      into->push_back(c.name);
    }
  }
  for (const std::string& name : *into) {
    const DefinedColumn* c = def.Column(name);
    if (c == nullptr || c->generated) return false;
    types->push_back(c->type);
  }
  return copy.from.empty() || copy.from.size() == into->size();
}

// Whether constraint `d` of x is asked of the copy (a self-reference made
// one over the source's rows).
bool Asked(const Copy& copy, const TableDefinition& def,
           const std::vector<std::string>& into, DataDependency& d) {
  if (copy.lenient && d.kind != Kind::kForeignKey) return false;
  for (const std::string& n : NamedColumns(d, def)) {
    if (!Listed(into, n)) return false;  // left to its DEFAULT: not asked
  }
  if (d.kind != Kind::kForeignKey || !(Same(d.parent.name, def.name.name) ||
                                       Same(d.parent.name, copy.source.name))) {
    return true;
  }
  d.self_reference = true;
  d.parent = copy.source;
  if (d.parent_columns.empty()) d.parent_columns = def.primary_key;
  if (d.parent_columns.size() != d.columns.size()) return false;
  for (const std::string& p : d.parent_columns) {
    if (!Listed(into, p)) return false;
  }
  return true;
}

}  // namespace

std::vector<DataDependency> RebuildDependencies(
    absl::string_view statement, const std::vector<TableDefinition>& created) {
  std::optional<Copy> copy = CopyIn(statement);
  if (!copy) return {};
  const TableDefinition* def = nullptr;
  for (const TableDefinition& d : created) {
    if (Same(d.name.name, copy->into.name)) def = &d;
  }
  std::vector<std::string> into, types;
  if (def == nullptr || !IntoColumns(*copy, *def, &into, &types)) return {};
  std::vector<DataDependency> found;
  auto add = [&](DataDependency d) {
    d.what = absl::StrCat(d.what, " in ", def->name.name);
    d.table = copy->source;
    d.into = def->name;
    d.into_columns = into;
    d.into_types = types;
    d.from_columns = copy->from;
    found.push_back(std::move(d));
  };
  for (DataDependency d : def->constraints) {
    if (Asked(*copy, *def, into, d)) add(std::move(d));
  }
  for (const DefinedColumn& c : def->columns) {
    if (copy->lenient || !c.not_null || c.has_default || c.generated ||
        Listed(into, c.name) || IsRowidAlias(*def, c)) {
      continue;
    }
    DataDependency d;
    d.kind = Kind::kEmpty;
    d.columns = {c.name};
    d.what =
        absl::StrCat(c.name, " NOT NULL, not copied and without a DEFAULT");
    add(std::move(d));
  }
  return found;
}

namespace {

// `text` with each name of an x column (`map`: x's name, the source's)
// written as the source's column; a function's name stays.
std::string Renamed(absl::string_view text,
                    const std::vector<std::pair<std::string, std::string>>& map,
                    absl::string_view dialect) {
  std::vector<Token> tokens = LexTolerant(text, dialect);
  std::string out;
  size_t at = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.type != Token::Type::kWord && t.type != Token::Type::kQuoted) {
      continue;
    }
    if (i + 1 < tokens.size() && tokens[i + 1].IsPunct('(')) continue;
    for (const auto& [x, source] : map) {
      if (!Same(x, t.text)) continue;
      absl::StrAppend(&out, text.substr(at, t.begin - at),
                      QuoteName(source, dialect));
      at = t.end;
      break;
    }
  }
  absl::StrAppend(&out, text.substr(at));
  return out;
}

// x's columns (by name) that are plain copies of a column of `source`
// (by name), leaving out those whose type affinity a key, CHECK or
// foreign key would see change.
std::vector<std::pair<std::string, std::string>> SourceMap(
    const DataDependency& d, const std::vector<ColumnFacts>& source) {
  const bool keeps_affinity = d.kind == Kind::kUnique ||
                              d.kind == Kind::kCheck ||
                              d.kind == Kind::kForeignKey;
  std::vector<std::pair<std::string, std::string>> map;
  for (size_t i = 0; i < d.into_columns.size(); ++i) {
    const ColumnFacts* c = nullptr;
    if (d.from_columns.empty()) {
      c = &source[i];
    } else {
      for (const ColumnFacts& f : source) {
        if (Same(f.name, d.from_columns[i])) c = &f;
      }
    }
    if (c == nullptr) continue;  // an expression, or no such column
    if (keeps_affinity &&
        TypeAffinity(d.into_types[i]) != TypeAffinity(c->data_type)) {
      continue;  // the values may convert: not compared as they are
    }
    map.emplace_back(d.into_columns[i], c->name);
  }
  return map;
}

}  // namespace

std::optional<DataDependency> OnSourceRows(
    const DataDependency& d, const std::vector<ColumnFacts>& source,
    absl::string_view dialect, std::string* skipped) {
  const std::string& from = d.table.name;
  if (d.from_columns.empty() && d.into_columns.size() != source.size()) {
    *skipped = absl::StrCat("the columns SELECT * copies from ", from,
                            " do not line up with ", d.into.name, "'s");
    return std::nullopt;
  }
  const std::vector<std::pair<std::string, std::string>> map =
      SourceMap(d, source);
  std::vector<std::string> needed = d.columns;
  for (const KeyPart& p : d.parts) needed.push_back(p.column);
  if (d.self_reference) {
    for (const std::string& p : d.parent_columns) needed.push_back(p);
  }
  if (d.kind == Kind::kCheck) {
    for (const Token& t : LexTolerant(d.check, dialect)) {
      if (Listed(d.into_columns, t.text)) needed.push_back(t.text);
    }
  }
  auto to_source = [&](const std::string& x) -> std::optional<std::string> {
    for (const auto& [into, src] : map) {
      if (Same(into, x)) return src;
    }
    return std::nullopt;
  };
  for (const std::string& n : needed) {
    if (to_source(n)) continue;
    *skipped = absl::StrCat(d.into.name, ".", n,
                            " is not a plain copy of a column of ", from,
                            " of the same type affinity: not asked");
    return std::nullopt;
  }
  DataDependency out = d;
  out.into = TableName{};
  for (std::string& c : out.columns) c = *to_source(c);
  for (KeyPart& p : out.parts) {
    p.column = *to_source(p.column);
    if (!p.expression.empty())
      p.expression = Renamed(p.expression, map, dialect);
  }
  if (d.self_reference) {
    for (std::string& c : out.parent_columns) c = *to_source(c);
  }
  if (!out.check.empty()) out.check = Renamed(out.check, map, dialect);
  return out;
}

std::string StrictTypeCondition(absl::string_view type, absl::string_view c) {
  const std::string t = absl::AsciiStrToUpper(type);
  // A text converts where its affinity would make a number of it; an
  // INTEGER column takes a REAL that is a whole number (checked against
  // sqlite3 3.40: '1e3', ' 12', '1.0' and 2.0 fit; '1.5', '12abc', '' and
  // 1e20 do not).
  if (t == "INT" || t == "INTEGER") {
    return absl::StrCat(c, " IS NOT NULL AND NOT (typeof(", c,
                        ") = 'integer' OR (typeof(", c, ") = 'real' AND ", c,
                        " = CAST(", c, " AS INTEGER)) OR (typeof(", c,
                        ") = 'text' AND CAST(", c, " AS NUMERIC) = ", c,
                        " AND typeof(CAST(", c, " AS NUMERIC)) = 'integer'))");
  }
  if (t == "REAL") {
    return absl::StrCat("typeof(", c, ") = 'blob' OR (typeof(", c,
                        ") = 'text' AND NOT (CAST(", c, " AS NUMERIC) = ", c,
                        "))");
  }
  if (t == "TEXT") return absl::StrCat("typeof(", c, ") = 'blob'");
  if (t == "BLOB") {
    return absl::StrCat("typeof(", c, ") NOT IN ('blob', 'null')");
  }
  return "";
}

}  // namespace aos::sql
