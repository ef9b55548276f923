#include "core/sql/statement_kind.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/sql/mysql_tokenizer.h"
#include "core/sql/token_cursor.h"

namespace aos::sql {
namespace {

using Names = std::optional<std::vector<TableName>>;

// name [, name ...]
Names NameList(TokenCursor& c) {
  std::vector<TableName> names;
  do {
    std::optional<TableName> n = c.Name();
    if (!n) return std::nullopt;
    names.push_back(*n);
  } while (c.TakePunct(','));
  return names;
}

// ALTER TABLE t ... [RENAME [TO|AS] u]: t, and u when it is renamed.
Names AlterTargets(TokenCursor& c) {
  std::optional<TableName> table = c.Name();
  if (!table) return std::nullopt;
  std::vector<TableName> names = {*table};
  while (!c.Done()) {
    if (c.Take("RENAME")) {
      if (c.Is("COLUMN") || c.Is("INDEX") || c.Is("KEY") ||
          c.Is("CONSTRAINT")) {
        continue;
      }
      if (!c.Take("TO")) c.Take("AS");
      if (std::optional<TableName> to = c.Name()) names.push_back(*to);
    } else {
      c.Skip();
    }
  }
  return names;
}

// RENAME TABLE a TO b [, c TO d ...]
Names RenameTargets(TokenCursor& c) {
  std::vector<TableName> names;
  do {
    std::optional<TableName> from = c.Name();
    if (!from || !c.Take("TO")) return std::nullopt;
    std::optional<TableName> to = c.Name();
    if (!to) return std::nullopt;
    names.push_back(*from);
    names.push_back(*to);
  } while (c.TakePunct(','));
  return names;
}

// CREATE|DROP [UNIQUE|FULLTEXT|SPATIAL] INDEX name [...] ON t
Names IndexTargets(TokenCursor& c) {
  while (!c.Done() && !c.Is("ON")) c.Skip();
  if (!c.Take("ON")) return std::nullopt;
  std::optional<TableName> table = c.Name();
  if (!table) return std::nullopt;
  return std::vector<TableName>{*table};
}

Names CreateTargets(TokenCursor& c) {
  if (c.Take("OR")) c.Take("REPLACE");
  c.Take("TEMPORARY");
  if (c.Take("TABLE")) {
    c.SkipIfExists();
    std::optional<TableName> n = c.Name();
    if (!n) return std::nullopt;
    return std::vector<TableName>{*n};
  }
  if (c.Take("UNIQUE") || c.Take("FULLTEXT") || c.Take("SPATIAL") ||
      c.Is("INDEX")) {
    return IndexTargets(c);
  }
  // [ALGORITHM = x] [DEFINER = y] [SQL SECURITY z] VIEW|TRIGGER
  for (int guard = 0;
       guard < 16 && !c.Done() && !c.Is("VIEW") && !c.Is("TRIGGER");
       ++guard) {
    c.Skip();
  }
  const bool trigger = c.Is("TRIGGER");
  if (c.Take("VIEW") || c.Take("TRIGGER")) {
    c.SkipIfExists();
    std::optional<TableName> n = c.Name();
    if (!n) return std::nullopt;
    n->trigger = trigger;
    return std::vector<TableName>{*n};
  }
  return std::nullopt;  // routines, events, databases, ...
}

}  // namespace

StatementKind ClassifyStatement(absl::string_view statement) {
  std::vector<Token> t = Tokenize(statement, 2);
  if (t.empty() || t[0].type != Token::Type::kWord) return StatementKind::kOther;
  const std::string& w = t[0].upper;
  if (w == "INSERT" || w == "UPDATE" || w == "DELETE" || w == "REPLACE") {
    return StatementKind::kDml;
  }
  if (w == "CREATE" || w == "ALTER" || w == "DROP" || w == "RENAME" ||
      w == "TRUNCATE") {
    return StatementKind::kDdl;
  }
  return StatementKind::kOther;
}

const char* StatementKindName(StatementKind kind) {
  switch (kind) {
    case StatementKind::kDml:
      return "dml";
    case StatementKind::kDdl:
      return "ddl";
    case StatementKind::kOther:
      break;
  }
  return "other";
}

std::optional<std::vector<TableName>> DdlTargets(
    absl::string_view statement) {
  TokenCursor c(Tokenize(statement, 100000));
  if (c.Take("CREATE")) return CreateTargets(c);
  if (c.Take("ALTER")) {
    c.Take("ONLINE");
    c.Take("IGNORE");
    if (!c.Take("TABLE")) return std::nullopt;
    return AlterTargets(c);
  }
  if (c.Take("DROP")) {
    c.Take("TEMPORARY");
    if (c.Take("TABLE") || c.Take("TABLES") || c.Take("VIEW")) {
      c.SkipIfExists();
      return NameList(c);
    }
    if (c.Is("INDEX")) return IndexTargets(c);
    if (c.Take("TRIGGER")) {
      c.SkipIfExists();
      std::optional<TableName> n = c.Name();
      if (!n) return std::nullopt;
      n->trigger = true;
      return std::vector<TableName>{*n};
    }
    return std::nullopt;
  }
  if (c.Take("RENAME")) {
    if (!c.Take("TABLE") && !c.Take("TABLES")) return std::nullopt;
    return RenameTargets(c);
  }
  if (c.Take("TRUNCATE")) {
    c.Take("TABLE");
    std::optional<TableName> n = c.Name();
    if (!n) return std::nullopt;
    return std::vector<TableName>{*n};
  }
  return std::nullopt;
}

}  // namespace aos::sql

namespace aos::sql {
namespace {

// a [WAIT n | NOWAIT] TO b: one rename of RENAME TABLE.
std::optional<TableRename> OneRename(TokenCursor& c) {
  std::optional<TableName> from = c.Name();
  if (!from) return std::nullopt;
  if (c.Take("WAIT")) {
    c.Skip();  // its seconds
  } else {
    c.Take("NOWAIT");
  }
  if (!c.Take("TO")) return std::nullopt;
  std::optional<TableName> to = c.Name();
  if (!to) return std::nullopt;
  return TableRename{*from, *to};
}

// ALTER [ONLINE] [IGNORE] TABLE [IF EXISTS] a ... RENAME [TO | AS] b (not
// RENAME COLUMN, INDEX, KEY or CONSTRAINT).
std::optional<std::vector<TableRename>> AlterRenames(TokenCursor& c) {
  c.SkipIfExists();
  std::optional<TableName> table = c.Name();
  while (!c.Done()) {
    if (!c.Take("RENAME")) {
      c.Skip();
      continue;
    }
    if (c.Is("COLUMN") || c.Is("INDEX") || c.Is("KEY") ||
        c.Is("CONSTRAINT")) {
      continue;
    }
    if (!c.Take("TO")) c.Take("AS");
    std::optional<TableName> to = c.Name();
    if (!table || !to) return std::vector<TableRename>{};
    return std::vector<TableRename>{{*table, *to}};
  }
  return std::nullopt;  // no RENAME of the table
}

// Whether two names may be the same table (see RenameReusesNames).
bool MayBeSame(const TableName& a, const TableName& b) {
  return absl::EqualsIgnoreCase(a.name, b.name) &&
         (a.schema.empty() || b.schema.empty() ||
          absl::EqualsIgnoreCase(a.schema, b.schema));
}

}  // namespace

std::optional<std::vector<TableRename>> TableRenames(
    absl::string_view statement) {
  TokenCursor c(Tokenize(statement, 100000));
  if (c.Take("ALTER")) {
    c.Take("ONLINE");
    c.Take("IGNORE");
    if (!c.Take("TABLE")) return std::nullopt;
    return AlterRenames(c);
  }
  if (!c.Take("RENAME")) return std::nullopt;
  if (!c.Take("TABLE") && !c.Take("TABLES")) return std::nullopt;
  c.SkipIfExists();
  std::vector<TableRename> renames;
  do {
    std::optional<TableRename> one = OneRename(c);
    if (!one) return std::vector<TableRename>{};
    renames.push_back(*std::move(one));
  } while (c.TakePunct(','));
  if (!c.Done()) return std::vector<TableRename>{};
  return renames;
}

bool RenameReusesNames(const std::vector<TableRename>& renames) {
  if (renames.empty()) return true;
  for (const TableRename& taken : renames) {
    for (const TableRename& given_up : renames) {
      if (MayBeSame(taken.to, given_up.from)) return true;
    }
  }
  return false;
}

std::vector<std::string> IdentifiersIn(absl::string_view statement) {
  std::vector<std::string> names;
  for (const Token& t : Tokenize(statement, 1000000)) {
    if (t.type == Token::Type::kWord || t.type == Token::Type::kQuoted) {
      names.push_back(t.text);
    }
  }
  return names;
}

}  // namespace aos::sql
