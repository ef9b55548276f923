#include "core/sql/conflict_query.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "core/sql/column_narrowing.h"
#include "core/sql/mysql_tokenizer.h"
#include "core/sql/sql_lexer.h"
#include "core/sql/table_rebuild.h"

namespace aos::sql {
namespace {

constexpr char kChild[] = "_aos_child";
constexpr char kParent[] = "_aos_parent";

std::string TableSql(const TableName& t, absl::string_view dialect) {
  if (t.schema.empty()) return QuoteName(t.name, dialect);
  return absl::StrCat(QuoteName(t.schema, dialect), ".",
                      QuoteName(t.name, dialect));
}

// `expr` as the server sends it back: cut to kValueCut characters.
std::string Cut(absl::string_view expr, absl::string_view dialect) {
  if (dialect == "mysql")
    return absl::StrCat("LEFT(", expr, ", ", kValueCut, ")");
  if (dialect == "postgresql") {
    return absl::StrCat("left((", expr, ")::text, ", kValueCut, ")");
  }
  return absl::StrCat("substr(", expr, ", 1, ", kValueCut, ")");
}

const ColumnFacts* Find(const std::vector<ColumnFacts>& columns,
                        absl::string_view name) {
  for (const ColumnFacts& c : columns) {
    if (absl::EqualsIgnoreCase(c.name, name)) return &c;
  }
  return nullptr;
}

struct Builder {
  const DataDependency& d;
  absl::string_view dialect;
  const std::vector<ColumnFacts>& columns;
  int64_t limit;
  std::string* skipped;

  // The column as the query names it (the catalog's spelling), or nullptr
  // with `skipped` set.
  std::optional<std::string> Column(absl::string_view name,
                                    absl::string_view prefix = "") {
    const ColumnFacts* c = Find(columns, name);
    if (c == nullptr) {
      *skipped = absl::StrCat("column ", name, " does not exist yet");
      return std::nullopt;
    }
    return absl::StrCat(prefix, QuoteName(c->name, dialect));
  }

  std::string Select(const std::vector<std::string>& shown_exprs,
                     absl::string_view count, absl::string_view from,
                     const std::vector<std::string>& where,
                     absl::string_view rest = "") const {
    std::vector<std::string> fields = {std::string(count)};
    for (const std::string& e : shown_exprs) fields.push_back(Cut(e, dialect));
    std::string sql =
        absl::StrCat("SELECT ", absl::StrJoin(fields, ", "), " FROM ", from);
    if (!where.empty()) {
      absl::StrAppend(&sql, " WHERE ", absl::StrJoin(where, " AND "));
    }
    absl::StrAppend(&sql, rest, " LIMIT ", limit);
    return sql;
  }

  std::optional<ConflictQuery> Unique() {
    std::vector<std::string> exprs, shown, where;
    for (const KeyPart& p : d.parts) {
      std::string e;
      if (!p.expression.empty()) {
        if (!p.column.empty() && !Column(p.column)) return std::nullopt;
        e = absl::StrCat("(", p.expression, ")");
        shown.push_back(p.expression);
      } else {
        std::optional<std::string> c = Column(p.column);
        if (!c) return std::nullopt;
        e = p.prefix > 0 && dialect == "mysql"
                ? absl::StrCat("LEFT(", *c, ", ", p.prefix, ")")
                : *c;
        shown.push_back(p.column);
      }
      if (d.nulls_distinct) where.push_back(absl::StrCat(e, " IS NOT NULL"));
      exprs.push_back(std::move(e));
    }
    if (!d.where.empty()) where.push_back(absl::StrCat("(", d.where, ")"));
    ConflictQuery q;
    q.sql = Select(exprs, "COUNT(*)", TableSql(d.table, dialect), where,
                   absl::StrCat(" GROUP BY ", absl::StrJoin(exprs, ", "),
                                " HAVING COUNT(*) > 1"));
    q.shown = shown;
    q.in_the_way =
        absl::StrCat("share a value of (", absl::StrJoin(shown, ", "), ")");
    return q;
  }

  std::optional<ConflictQuery> NotNull() {
    std::optional<std::string> c = Column(d.columns[0]);
    if (!c) return std::nullopt;
    if (!Find(columns, d.columns[0])->nullable) {
      *skipped = absl::StrCat(d.columns[0], " is NOT NULL already");
      return std::nullopt;
    }
    return ConflictQuery{
        Select({}, "1", TableSql(d.table, dialect), {*c + " IS NULL"}),
        {},
        absl::StrCat("where ", d.columns[0], " is NULL")};
  }

  std::optional<ConflictQuery> ForeignKey(
      const std::vector<ColumnFacts>& parent_columns,
      const std::vector<std::string>& parent_key) {
    if (parent_columns.empty()) {
      *skipped = absl::StrCat("table ", d.parent.name, " does not exist yet");
      return std::nullopt;
    }
    const std::vector<std::string>& keys =
        d.parent_columns.empty() ? parent_key : d.parent_columns;
    if (keys.size() != d.columns.size()) {
      *skipped = absl::StrCat("the key of ", d.parent.name, " is not known");
      return std::nullopt;
    }
    std::vector<std::string> shown, on, where;
    std::string missing;  // no parent row joined
    for (size_t i = 0; i < keys.size(); ++i) {
      std::optional<std::string> c =
          Column(d.columns[i], absl::StrCat(kChild, "."));
      const ColumnFacts* p = Find(parent_columns, keys[i]);
      if (!c) return std::nullopt;
      if (p == nullptr) {
        *skipped = absl::StrCat("column ", d.parent.name, ".", keys[i],
                                " does not exist yet");
        return std::nullopt;
      }
      const std::string pk =
          absl::StrCat(kParent, ".", QuoteName(p->name, dialect));
      shown.push_back(*c);
      on.push_back(absl::StrCat(pk, " = ", *c));
      where.push_back(absl::StrCat(*c, " IS NOT NULL"));
      if (i == 0) missing = absl::StrCat(pk, " IS NULL");
    }
    where.push_back(missing);
    const std::string from =
        absl::StrCat(TableSql(d.table, dialect), " ", kChild, " LEFT JOIN ",
                     TableSql(d.parent, dialect), " ", kParent, " ON ",
                     absl::StrJoin(on, " AND "));
    return ConflictQuery{Select(shown, "1", from, where), d.columns,
                         absl::StrCat("whose (", absl::StrJoin(d.columns, ", "),
                                      ") has no row in ", d.parent.name)};
  }

  std::optional<ConflictQuery> ColumnType() {
    std::optional<std::string> c = Column(d.columns[0]);
    if (!c) return std::nullopt;
    if (d.strict) {  // SQLite's rebuild into a STRICT table
      const std::string condition = StrictTypeCondition(d.type.name, *c);
      if (condition.empty()) return std::nullopt;
      return ConflictQuery{
          Select({*c}, "1", TableSql(d.table, dialect),
                 {absl::StrCat("(", condition, ")")}),
          {d.columns[0]},
          absl::StrCat("with ", d.columns[0], " values a STRICT ", d.type.name,
                       " column refuses")};
    }
    std::optional<Narrowing> n = NarrowingCondition(
        d.type, *Find(columns, d.columns[0]), *c, dialect, skipped);
    if (!n) return std::nullopt;
    return ConflictQuery{
        Select({*c}, "1", TableSql(d.table, dialect),
               {absl::StrCat("(", n->condition, ")")}),
        {d.columns[0]},
        absl::StrCat("with ", d.columns[0], " ", n->in_the_way)};
  }

  std::optional<ConflictQuery> Check() {
    std::vector<std::string> named, shown;
    for (const Token& t : LexTolerant(d.check, dialect)) {
      if (t.type != Token::Type::kWord && t.type != Token::Type::kQuoted) {
        continue;
      }
      const ColumnFacts* c = Find(columns, t.text);
      if (c == nullptr || named.size() >= 4) continue;
      const std::string q = QuoteName(c->name, dialect);
      if (std::find(named.begin(), named.end(), q) != named.end()) continue;
      named.push_back(q);
      shown.push_back(c->name);
    }
    return ConflictQuery{Select(named, "1", TableSql(d.table, dialect),
                                {absl::StrCat("NOT (", d.check, ")")}),
                         shown,
                         absl::StrCat("for which ", d.check, " is false")};
  }

  std::optional<ConflictQuery> Charset();
};

// Whether every value of `from` has a spelling in `to`.
bool Converts(absl::string_view from, absl::string_view to) {
  if (from == to || from == "ascii" || from == "binary") return true;
  if (to == "utf8mb4") {
    return from == "latin1" || from == "utf8" || from == "utf8mb3" ||
           from == "ucs2" || from == "utf16" || from == "utf32";
  }
  return (from == "utf8" || from == "utf8mb3") &&
         (to == "utf8" || to == "utf8mb3");
}

std::optional<ConflictQuery> Builder::Charset() {
  if (dialect != "mysql") {
    *skipped = "only MySQL converts character sets";
    return std::nullopt;
  }
  const std::string cs = absl::AsciiStrToLower(d.charset);
  for (char ch : cs) {
    if (!absl::ascii_isalnum(ch) && ch != '_') return std::nullopt;
  }
  std::vector<std::string> conditions, shown;
  for (const ColumnFacts& c : columns) {
    if (!d.columns.empty() && !absl::EqualsIgnoreCase(c.name, d.columns[0])) {
      continue;
    }
    if (c.charset.empty() || Converts(c.charset, cs)) continue;
    const std::string q = QuoteName(c.name, dialect);
    conditions.push_back(
        absl::StrCat("CAST(CONVERT(CONVERT(", q, " USING ", cs, ") USING ",
                     c.charset, ") AS BINARY) <> CAST(", q, " AS BINARY)"));
    if (!d.columns.empty()) shown.push_back(q);
  }
  if (conditions.empty()) {
    *skipped = absl::StrCat("every value converts to ", cs);
    return std::nullopt;
  }
  return ConflictQuery{
      Select(shown, "1", TableSql(d.table, dialect),
             {absl::StrCat("(", absl::StrJoin(conditions, " OR "), ")")}),
      d.columns, absl::StrCat("with values that ", cs, " cannot hold")};
}

}  // namespace

std::string QuoteName(absl::string_view name, absl::string_view dialect) {
  if (dialect == "mysql") return QuoteIdentifier(name);
  return absl::StrCat("\"", absl::StrReplaceAll(name, {{"\"", "\"\""}}), "\"");
}

std::optional<ConflictQuery> BuildConflictQuery(
    const DataDependency& d, absl::string_view dialect,
    const std::vector<ColumnFacts>& columns,
    const std::vector<ColumnFacts>& parent_columns,
    const std::vector<std::string>& parent_key, int64_t limit,
    std::string* skipped) {
  if (columns.empty()) {
    *skipped = absl::StrCat("table ", d.table.name, " does not exist yet");
    return std::nullopt;
  }
  if (!d.into.name.empty()) {  // a rebuild's: asked of the copied rows
    std::optional<DataDependency> on_source =
        OnSourceRows(d, columns, dialect, skipped);
    if (!on_source) return std::nullopt;
    return BuildConflictQuery(*on_source, dialect, columns, parent_columns,
                              parent_key, limit, skipped);
  }
  Builder b{d, dialect, columns, limit, skipped};
  using K = DataDependency::Kind;
  switch (d.kind) {
    case K::kUnique:
      return b.Unique();
    case K::kNotNull:
      return b.NotNull();
    case K::kForeignKey:
      return b.ForeignKey(parent_columns, parent_key);
    case K::kColumnType:
      return b.ColumnType();
    case K::kCheck:
      return b.Check();
    case K::kCharset:
      return b.Charset();
    case K::kEmpty:
      return ConflictQuery{b.Select({}, "1", TableSql(d.table, dialect), {}),
                           {},
                           "in the table (it must be empty)"};
  }
  return std::nullopt;
}

}  // namespace aos::sql
