#include "core/sql/table_definition.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
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
using Kind = DataDependency::Kind;

bool StartsConstraint(const Span& s) {
  for (const char* w :
       {"CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT",
        "COLLATE", "REFERENCES", "GENERATED", "AS"}) {
    if (s.Is(w)) return true;
  }
  return false;
}

// ON CONFLICT x: whether x lets the rows through (IGNORE, REPLACE).
bool Lenient(Span& s) {
  if (!s.Take("ON") || !s.Take("CONFLICT") || s.Done()) return false;
  const Token& t = s.Next();
  return t.IsWord("IGNORE") || t.IsWord("REPLACE");
}

class DefinitionReader {
 public:
  explicit DefinitionReader(TableDefinition& def) : def_(def) {}

  void Item(Span s) {
    if (s.Is("CONSTRAINT") || s.Is("PRIMARY") || s.Is("UNIQUE") ||
        s.Is("CHECK") || s.Is("FOREIGN")) {
      return TableConstraint(s);
    }
    if (s.IsName(0)) ColumnDefinition(s);
  }

  // What needs the whole definition: collations, WITHOUT ROWID, STRICT.
  void Finish() {
    for (DataDependency& d : def_.constraints) {
      if (d.kind != Kind::kUnique) continue;
      for (KeyPart& p : d.parts) {
        const DefinedColumn* c = def_.Column(p.column);
        if (!p.expression.empty() || c == nullptr || c->collation.empty() ||
            c->collation == "BINARY") {
          continue;
        }
        p.expression = absl::StrCat(p.column, " COLLATE ", c->collation);
      }
    }
    for (const DefinedColumn& c : def_.columns) {
      if (c.not_null) Add(Kind::kNotNull, {c.name}, c.name + " NOT NULL");
    }
    if (def_.without_rowid) {
      for (const std::string& k : def_.primary_key) {
        if (def_.Column(k) && !def_.Column(k)->not_null) {
          Add(Kind::kNotNull, {k},
              absl::StrCat("PRIMARY KEY: ", k, " NOT NULL"));
        }
      }
    }
    if (!def_.strict) return;
    for (const DefinedColumn& c : def_.columns) {
      if (c.generated) continue;
      for (const char* t : {"INT", "INTEGER", "REAL", "TEXT", "BLOB"}) {
        if (c.type != t) continue;
        DataDependency& d =
            Add(Kind::kColumnType, {c.name}, c.name + " " + t + " (STRICT)");
        d.type.name = t;
        d.strict = true;
      }
    }
  }

 private:
  DataDependency& Add(Kind kind, std::vector<std::string> columns,
                      std::string what) {
    DataDependency d;
    d.kind = kind;
    d.table = def_.name;
    d.columns = std::move(columns);
    d.what = std::move(what);
    def_.constraints.push_back(std::move(d));
    return def_.constraints.back();
  }

  void Key(std::vector<KeyPart> parts, bool primary) {
    DataDependency& d = Add(
        Kind::kUnique, {},
        absl::StrCat(primary ? "PRIMARY KEY " : "UNIQUE ", PartsText(parts)));
    d.parts = std::move(parts);
    if (!primary) return;
    def_.primary_key.clear();
    for (const KeyPart& p : d.parts) def_.primary_key.push_back(p.column);
  }

  void Check(Span& s) {
    std::optional<Span> body = s.Group();
    if (!body || body->Done()) return;
    DataDependency& d = Add(Kind::kCheck, {}, "");
    d.check = std::string(body->Text());
    d.what = absl::StrCat("CHECK (", d.check, ")");
  }

  // REFERENCES p [(cols)] [ON ... | MATCH x | [NOT] DEFERRABLE ...]...
  void References(Span& s, std::vector<std::string> columns) {
    std::optional<TableName> parent = s.Name();
    if (!parent) return;
    std::vector<std::string> parent_columns;
    if (s.Is("(")) {
      std::optional<std::vector<std::string>> named = ReadColumns(s);
      if (!named || named->size() != columns.size()) return;
      parent_columns = *named;
    }
    bool deferred = false;
    while (!s.Done()) {
      if (s.Take("ON")) {
        if (!s.Done()) s.Next();  // DELETE, UPDATE
        if ((s.Take("SET") || s.Take("NO")) && !s.Done())
          s.Next();
        else if (!s.Done())
          s.Next();  // CASCADE, RESTRICT
      } else if (s.Take("MATCH")) {
        if (!s.Done()) s.Next();
      } else if (s.Is("NOT") && s.size() > 1 && s.At(1).IsWord("DEFERRABLE")) {
        s.Next();
        s.Next();
        if (s.Take("INITIALLY") && !s.Done()) s.Next();
      } else if (s.Take("DEFERRABLE")) {
        if (s.Take("INITIALLY")) deferred = s.Take("DEFERRED");
      } else {
        break;
      }
    }
    if (deferred) return;  // asked at COMMIT, after the step's later statements
    DataDependency& d = Add(Kind::kForeignKey, columns, "");
    d.parent = *parent;
    d.parent_columns = parent_columns;
    d.what = absl::StrCat("FOREIGN KEY (", absl::StrJoin(columns, ", "),
                          ") REFERENCES ", parent->name);
    if (!parent_columns.empty()) {
      absl::StrAppend(&d.what, " (", absl::StrJoin(parent_columns, ", "), ")");
    }
  }

  void TableConstraint(Span s) {
    if (s.Take("CONSTRAINT") && !s.Done()) s.Next();
    if (s.Take("PRIMARY") || s.Take("UNIQUE")) {
      const bool primary = s.At(-1).IsWord("PRIMARY");
      if (primary && !s.Take("KEY")) return;
      std::optional<std::vector<KeyPart>> parts = ReadKeyParts(s);
      if (!parts || Lenient(s)) return;
      return Key(*parts, primary);
    }
    if (s.Take("CHECK")) return Check(s);
    if (s.Take("FOREIGN") && s.Take("KEY")) {
      std::optional<std::vector<std::string>> columns = ReadColumns(s);
      if (columns && s.Take("REFERENCES")) References(s, *columns);
    }
  }

  void ColumnConstraint(Span& s, DefinedColumn& c) {
    if (s.Take("CONSTRAINT")) {
      if (!s.Done()) s.Next();
    } else if (s.Take("PRIMARY")) {
      s.Take("KEY");
      if (!s.Take("ASC")) s.Take("DESC");
      if (!Lenient(s)) Key({KeyPart{c.name, 0, ""}}, /*primary=*/true);
      s.Take("AUTOINCREMENT");
    } else if (s.Take("NOT")) {
      if (s.Take("NULL")) c.not_null = !Lenient(s);
    } else if (s.Take("NULL")) {
      Lenient(s);
    } else if (s.Take("UNIQUE")) {
      if (!Lenient(s)) Key({KeyPart{c.name, 0, ""}}, /*primary=*/false);
    } else if (s.Take("CHECK")) {
      Check(s);
    } else if (s.Take("DEFAULT")) {
      c.has_default = !s.Is("NULL");
      if (s.Is("(")) {
        s.Group();
      } else {
        if (s.Is("-") || s.Is("+")) s.Next();
        if (!s.Done()) s.Next();
      }
    } else if (s.Take("COLLATE")) {
      if (!s.Done()) c.collation = absl::AsciiStrToUpper(s.Next().text);
    } else if (s.Take("REFERENCES")) {
      References(s, {c.name});
    } else if (s.Take("GENERATED") || s.Take("AS")) {
      c.generated = true;
      s.Take("ALWAYS");
      s.Take("AS");
      s.Group();
    } else {
      s.Next();  // STORED, VIRTUAL, or what this does not read
    }
  }

  void ColumnDefinition(Span s) {
    DefinedColumn c;
    c.name = s.Next().text;
    std::vector<std::string> words;
    while (!s.Done() && s.IsName(0) && !StartsConstraint(s)) {
      words.push_back(absl::AsciiStrToUpper(s.Next().text));
    }
    c.type = absl::StrJoin(words, " ");
    if (!words.empty() && s.Is("(")) s.Group();  // VARCHAR(10), DECIMAL(8,2)
    def_.columns.push_back(c);
    const size_t at = def_.columns.size() - 1;
    while (!s.Done()) ColumnConstraint(s, def_.columns[at]);
  }

  TableDefinition& def_;
};

}  // namespace

const DefinedColumn* TableDefinition::Column(absl::string_view name) const {
  for (const DefinedColumn& c : columns) {
    if (absl::EqualsIgnoreCase(c.name, name)) return &c;
  }
  return nullptr;
}

std::optional<TableDefinition> ReadTableDefinition(
    absl::string_view statement) {
  std::vector<Token> tokens;
  for (Token& t : LexTolerant(statement, "sqlite")) {
    if (t.type == Token::Type::kCommentOpen ||
        t.type == Token::Type::kCommentClose) {
      continue;
    }
    tokens.push_back(std::move(t));
  }
  while (!tokens.empty() && tokens.back().IsPunct(';')) tokens.pop_back();
  Span s(statement, tokens);
  if (!s.Take("CREATE")) return std::nullopt;
  if (!s.Take("TEMP")) s.Take("TEMPORARY");
  if (!s.Take("TABLE")) return std::nullopt;
  s.SkipIfExists();
  std::optional<TableName> name = s.Name();
  if (!name) return std::nullopt;
  std::optional<Span> body = s.Group();  // none: CREATE TABLE ... AS SELECT
  if (!body) return std::nullopt;
  TableDefinition def;
  def.name = *name;
  for (Span option : s.SplitTopLevel(',')) {
    if (option.Take("STRICT")) def.strict = true;
    if (option.Take("WITHOUT") && option.Take("ROWID"))
      def.without_rowid = true;
  }
  DefinitionReader reader(def);
  for (const Span& item : body->SplitTopLevel(',')) reader.Item(item);
  reader.Finish();
  if (def.columns.empty()) return std::nullopt;
  return def;
}

namespace {

// `statement` past CREATE [TEMP] TABLE [IF NOT EXISTS], at the table's
// name; nullopt for another statement.
std::optional<Span> AtCreatedName(absl::string_view statement,
                                  std::vector<Token>& tokens) {
  for (Token& t : LexTolerant(statement, "sqlite")) {
    if (t.type != Token::Type::kCommentOpen &&
        t.type != Token::Type::kCommentClose) {
      tokens.push_back(std::move(t));
    }
  }
  while (!tokens.empty() && tokens.back().IsPunct(';')) tokens.pop_back();
  Span s(statement, tokens);
  if (!s.Take("CREATE")) return std::nullopt;
  if (!s.Take("TEMP")) s.Take("TEMPORARY");
  if (!s.Take("TABLE")) return std::nullopt;
  s.SkipIfExists();
  return s;
}

}  // namespace

std::optional<TableCopy> ReadTableCopy(absl::string_view statement) {
  std::vector<Token> tokens;
  std::optional<Span> s = AtCreatedName(statement, tokens);
  if (!s) return std::nullopt;
  std::optional<TableName> table = s->Name();
  if (!table || !s->Take("AS") || !s->Take("SELECT")) return std::nullopt;
  s->Take("ALL");
  if (!s->Take("*") || !s->Take("FROM")) return std::nullopt;
  std::optional<TableName> source = s->Name();
  if (!source || !s->Done()) return std::nullopt;
  return TableCopy{*table, *source};
}

std::optional<TableName> CreatedTable(absl::string_view statement) {
  std::vector<Token> tokens;
  std::optional<Span> s = AtCreatedName(statement, tokens);
  if (!s) return std::nullopt;
  return s->Name();
}

std::string TypeAffinity(absl::string_view declared_type) {
  const std::string t = absl::AsciiStrToUpper(declared_type);
  if (absl::StrContains(t, "INT")) return "INTEGER";
  if (absl::StrContains(t, "CHAR") || absl::StrContains(t, "CLOB") ||
      absl::StrContains(t, "TEXT")) {
    return "TEXT";
  }
  if (t.empty() || absl::StrContains(t, "BLOB")) return "BLOB";
  if (absl::StrContains(t, "REAL") || absl::StrContains(t, "FLOA") ||
      absl::StrContains(t, "DOUB")) {
    return "REAL";
  }
  return "NUMERIC";
}

}  // namespace aos::sql
