#include "core/sql/data_dependency.h"

#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/sql/data_dependency_reader.h"
#include "core/sql/sql_lexer.h"

namespace aos::sql {
namespace {

using internal::PartsText;
using internal::ReadColumns;
using internal::ReadKeyParts;
using internal::Span;

class Reader {
 public:
  Reader(TableName table, absl::string_view dialect)
      : table_(std::move(table)), dialect_(dialect) {}

  std::vector<DataDependency> Take() { return std::move(found_); }

  // One item of ALTER TABLE's comma list.
  void AlterItem(Span s) {
    if (s.Take("ADD")) return AddItem(s);
    if (s.Take("MODIFY")) {
      s.Take("COLUMN");
      s.SkipIfExists();
      if (!s.IsName(0)) return;
      std::string column = s.Next().text;
      return ColumnDefinition(column, s);
    }
    if (s.Take("CHANGE")) {
      s.Take("COLUMN");
      s.SkipIfExists();
      if (!s.IsName(0) || !s.IsName(1)) return;
      std::string column = s.Next().text;
      s.Next();  // its new name: the check reads the rows by the old one
      return ColumnDefinition(column, s);
    }
    if (s.Take("ALTER")) return AlterColumn(s);
    if (s.Take("CONVERT") && s.Take("TO") && Charset(s)) {
      DataDependency d = New(DataDependency::Kind::kCharset);
      d.charset = charset_;
      d.what = absl::StrCat("CONVERT TO CHARACTER SET ", charset_);
      found_.push_back(std::move(d));
    }
  }

  // CREATE UNIQUE INDEX ... ON t: `s` at its '(', after USING if any.
  void UniqueIndex(Span s, absl::string_view name) {
    std::optional<std::vector<KeyPart>> parts = ReadKeyParts(s);
    if (!parts) return;
    DataDependency d = New(DataDependency::Kind::kUnique);
    d.parts = *parts;
    d.what = absl::StrCat("UNIQUE INDEX ", name, name.empty() ? "" : " ",
                          PartsText(*parts));
    while (!s.Done() && !s.Is("WHERE")) s.Next();
    if (s.Take("WHERE")) d.where = std::string(s.Text());
    found_.push_back(std::move(d));
  }

 private:
  DataDependency New(DataDependency::Kind kind) const {
    DataDependency d;
    d.kind = kind;
    d.table = table_;
    return d;
  }

  bool Charset(Span& s) {
    if (!(s.Take("CHARSET") || (s.Take("CHARACTER") && s.Take("SET")))) {
      return false;
    }
    s.Take("=");
    if (!s.IsName(0) &&
        !(s.size() > 0 && s.At(0).type == Token::Type::kLiteral)) {
      return false;
    }
    charset_ = absl::AsciiStrToLower(s.Next().text);
    return true;
  }

  void AddItem(Span s) {
    std::string constraint;
    if (s.Take("CONSTRAINT")) {
      if (s.IsName(0) && !s.Is("PRIMARY") && !s.Is("UNIQUE") &&
          !s.Is("FOREIGN") && !s.Is("CHECK")) {
        constraint = s.Next().text;
      }
    }
    const std::string named =
        constraint.empty() ? "" : absl::StrCat("CONSTRAINT ", constraint, " ");
    if (s.Take("PRIMARY")) {
      if (!s.Take("KEY")) return;
      return Key(s, /*primary=*/true, named);
    }
    if (s.Take("UNIQUE")) {
      if (!s.Take("INDEX")) s.Take("KEY");
      std::string index;  // MySQL: the index's own name
      if (s.IsName(0) && !s.Is("USING") && !s.Is("NULLS")) {
        index = absl::StrCat(s.At(0).text, " ");
      }
      return Key(s, /*primary=*/false, named + "UNIQUE " + index);
    }
    if (s.Take("FOREIGN")) {
      if (s.Take("KEY")) return ForeignKey(s, named);
      return;
    }
    if (s.Take("CHECK")) return Check(s, named);
    if (dialect_ == "postgresql") AddColumn(s);
  }

  // PRIMARY KEY / UNIQUE: past the keyword, to the column list; not
  // PostgreSQL's USING INDEX (an index that already holds).
  void Key(Span s, bool primary, const std::string& named) {
    bool nulls_distinct = true;
    if (s.Take("NULLS")) nulls_distinct = !s.Take("NOT");
    s.Take("DISTINCT");
    while (!s.Done() && !s.At(0).IsPunct('(')) {
      if (s.Is("INDEX") && s.size() > 1 && s.At(-1).IsWord("USING")) return;
      s.Next();
    }
    std::optional<std::vector<KeyPart>> parts = ReadKeyParts(s);
    if (!parts) return;
    DataDependency d = New(DataDependency::Kind::kUnique);
    d.parts = *parts;
    d.nulls_distinct = nulls_distinct && !primary;
    d.what =
        absl::StrCat(named, primary ? "PRIMARY KEY " : "", PartsText(*parts));
    found_.push_back(d);
    if (!primary) return;
    for (const KeyPart& p : *parts) {
      if (p.column.empty()) continue;
      DataDependency n = New(DataDependency::Kind::kNotNull);
      n.columns = {p.column};
      n.what = absl::StrCat(d.what, ": ", p.column, " NOT NULL");
      found_.push_back(std::move(n));
    }
  }

  void ForeignKey(Span s, const std::string& named) {
    std::string index;
    if (s.IsName(0)) index = s.Next().text;  // MySQL: the index's name
    std::optional<std::vector<std::string>> columns = ReadColumns(s);
    if (!columns || !s.Take("REFERENCES")) return;
    DataDependency d = New(DataDependency::Kind::kForeignKey);
    d.columns = *columns;
    if (!s.IsName(0)) return;
    d.parent.name = s.Next().text;
    if (s.size() > 1 && s.At(0).IsPunct('.') && s.IsName(1)) {
      s.Next();
      d.parent.schema = std::move(d.parent.name);
      d.parent.name = s.Next().text;
    }
    if (s.size() > 0 && s.At(0).IsPunct('(')) {
      std::optional<std::vector<std::string>> parent = ReadColumns(s);
      if (!parent || parent->size() != columns->size()) return;
      d.parent_columns = *parent;
    }
    if (s.Contains("NOT", "VALID")) return;  // PostgreSQL: old rows unchecked
    d.what = absl::StrCat(
        named, "FOREIGN KEY ", index, index.empty() ? "" : " ", "(",
        absl::StrJoin(d.columns, ", "), ") REFERENCES ", d.parent.name);
    if (!d.parent_columns.empty()) {
      absl::StrAppend(&d.what, " (", absl::StrJoin(d.parent_columns, ", "),
                      ")");
    }
    found_.push_back(std::move(d));
  }

  void Check(Span s, const std::string& named) {
    std::optional<Span> body = s.Group();
    if (!body || body->Done()) return;
    if (s.Contains("NOT", "VALID") || s.Contains("NOT", "ENFORCED")) return;
    DataDependency d = New(DataDependency::Kind::kCheck);
    d.check = std::string(body->Text());
    d.what = absl::StrCat(named, "CHECK (", d.check, ")");
    found_.push_back(std::move(d));
  }

  // PostgreSQL ADD [COLUMN] [IF NOT EXISTS] c type ... NOT NULL, no DEFAULT.
  void AddColumn(Span s) {
    s.Take("COLUMN");
    s.SkipIfExists();
    if (!s.IsName(0)) return;
    std::string column = s.Next().text;
    if (s.Contains("NOT", "NULL") && !s.Has("DEFAULT") && !s.Has("GENERATED") &&
        !s.Has("SERIAL") && !s.Has("BIGSERIAL") && !s.Has("SMALLSERIAL")) {
      DataDependency d = New(DataDependency::Kind::kEmpty);
      d.columns = {column};
      d.what = absl::StrCat("a new column ", column,
                            " NOT NULL without a "
                            "DEFAULT");
      found_.push_back(std::move(d));
    }
  }

  // PostgreSQL ALTER [COLUMN] c SET NOT NULL | [SET DATA] TYPE t.
  void AlterColumn(Span s) {
    s.Take("COLUMN");
    if (!s.IsName(0)) return;
    std::string column = s.Next().text;
    if (s.Take("SET")) {
      if (s.Take("NOT") && s.Take("NULL")) NotNull(column);
      if (!s.Take("DATA")) return;
    }
    if (!s.Take("TYPE") || s.Has("USING")) return;
    TypeOf(column, s);
  }

  void NotNull(const std::string& column) {
    DataDependency d = New(DataDependency::Kind::kNotNull);
    d.columns = {column};
    d.what = absl::StrCat(column, " NOT NULL");
    found_.push_back(std::move(d));
  }

  // A type at `s`: its name, (args), UNSIGNED.
  void TypeOf(const std::string& column, Span& s) {
    if (!s.IsName(0)) return;
    DataDependency d = New(DataDependency::Kind::kColumnType);
    d.columns = {column};
    d.type.name = absl::AsciiStrToUpper(s.Next().text);
    if (d.type.name == "CHARACTER" && s.Take("VARYING"))
      d.type.name = "VARCHAR";
    if (d.type.name == "DOUBLE") s.Take("PRECISION");
    std::string args;
    if (s.size() > 0 && s.At(0).IsPunct('(')) {
      std::optional<std::vector<Span>> items = s.Parenthesised();
      if (!items) return;
      for (const Span& item : *items) {
        int64_t n = 0;
        if (item.size() != 1 || !absl::SimpleAtoi(item.At(0).text, &n)) return;
        d.type.args.push_back(n);
      }
      args = absl::StrCat("(", absl::StrJoin(d.type.args, ","), ")");
    }
    d.type.is_unsigned = s.Take("UNSIGNED");
    d.what = absl::StrCat(column, " ", d.type.name, args,
                          d.type.is_unsigned ? " UNSIGNED" : "");
    found_.push_back(std::move(d));
  }

  // MySQL MODIFY/CHANGE: `s` at the column's new definition.
  void ColumnDefinition(const std::string& column, Span s) {
    if (s.Has("GENERATED") || s.Has("AS")) return;  // computed values
    TypeOf(column, s);
    while (!s.Done()) {
      if (s.At(0).IsPunct('(')) {
        s.Group();
      } else if (s.Take("NOT")) {
        if (s.Take("NULL")) NotNull(column);
      } else if (s.Is("CHARSET") || s.Is("CHARACTER")) {
        if (!Charset(s)) continue;
        DataDependency d = New(DataDependency::Kind::kCharset);
        d.columns = {column};
        d.charset = charset_;
        d.what = absl::StrCat(column, " CHARACTER SET ", charset_);
        found_.push_back(std::move(d));
      } else if (s.Take("PRIMARY") || s.Take("UNIQUE")) {
        const bool primary = s.At(-1).IsWord("PRIMARY");
        s.Take("KEY");
        DataDependency d = New(DataDependency::Kind::kUnique);
        d.parts = {KeyPart{column, 0, ""}};
        d.nulls_distinct = !primary;
        d.what =
            absl::StrCat(primary ? "PRIMARY KEY (" : "UNIQUE (", column, ")");
        found_.push_back(std::move(d));
        if (primary) NotNull(column);
      } else {
        s.Next();
      }
    }
  }

  TableName table_;
  std::string dialect_;
  std::string charset_;
  std::vector<DataDependency> found_;
};

std::vector<DataDependency> FromAlter(Span s, absl::string_view dialect) {
  s.Take("ONLINE");
  s.Take("IGNORE");
  if (!s.Take("TABLE")) return {};
  s.SkipIfExists();
  s.Take("ONLY");
  std::optional<TableName> table = s.Name();
  if (!table) return {};
  s.Take("*");
  if (s.Take("WAIT")) s.Next();
  s.Take("NOWAIT");
  Reader reader(*table, dialect);
  for (const Span& item : s.SplitTopLevel(',')) reader.AlterItem(item);
  return reader.Take();
}

std::vector<DataDependency> FromCreate(Span s, absl::string_view dialect) {
  if (s.Take("OR")) s.Take("REPLACE");
  s.Take("ONLINE");
  s.Take("OFFLINE");
  if (!s.Take("UNIQUE") || !s.Take("INDEX")) return {};
  s.Take("CONCURRENTLY");
  s.SkipIfExists();
  std::string name;
  if (!s.Is("ON") && s.IsName(0)) name = s.Next().text;
  while (!s.Done() && !s.Is("ON")) s.Next();  // MySQL: USING BTREE
  if (!s.Take("ON")) return {};
  s.Take("ONLY");
  std::optional<TableName> table = s.Name();
  if (!table) return {};
  if (s.Take("USING")) s.Next();  // PostgreSQL: the access method
  Reader reader(*table, dialect);
  reader.UniqueIndex(s, name);
  return reader.Take();
}

}  // namespace

std::vector<DataDependency> DataDependencies(absl::string_view statement,
                                             absl::string_view dialect) {
  std::vector<Token> tokens;
  for (Token& t : LexTolerant(statement, dialect)) {
    if (t.type == Token::Type::kCommentOpen ||
        t.type == Token::Type::kCommentClose) {
      continue;
    }
    tokens.push_back(std::move(t));
  }
  while (!tokens.empty() && tokens.back().IsPunct(';')) tokens.pop_back();
  Span s(statement, tokens);
  if (s.Take("ALTER")) return FromAlter(s, dialect);
  if (s.Take("CREATE")) return FromCreate(s, dialect);
  return {};
}

const char* DependencyKindName(DataDependency::Kind kind) {
  switch (kind) {
    case DataDependency::Kind::kUnique:
      return "unique key";
    case DataDependency::Kind::kNotNull:
      return "NOT NULL";
    case DataDependency::Kind::kForeignKey:
      return "foreign key";
    case DataDependency::Kind::kColumnType:
      return "column type";
    case DataDependency::Kind::kCheck:
      return "CHECK";
    case DataDependency::Kind::kCharset:
      return "character set";
    case DataDependency::Kind::kEmpty:
      return "empty table";
  }
  return "";
}

}  // namespace aos::sql
