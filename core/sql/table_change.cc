#include "core/sql/table_change.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/sql/token_cursor.h"

namespace aos::sql {
namespace {

// What may follow ALTER TABLE t but is not an item of its comma list, so
// that "ALGORITHM=..., " cannot go before it.
bool StartsApartClause(TokenCursor c) {
  if (c.Done()) return true;
  if (c.Is("PARTITION") || c.Is("REMOVE") || c.Is("COALESCE") ||
      c.Is("REORGANIZE") || c.Is("EXCHANGE") || c.Is("ANALYZE") ||
      c.Is("CHECK") || c.Is("OPTIMIZE") || c.Is("REBUILD") || c.Is("REPAIR") ||
      c.Is("TRUNCATE") || c.Is("DISCARD") || c.Is("IMPORT")) {
    return true;
  }
  if (c.Take("ADD") || c.Take("DROP")) return c.Is("PARTITION");
  return false;
}

// Reads the rest of an ALTER TABLE: whether it names its algorithm or
// lock, and whether it renames the table.
void ReadAlterItems(TokenCursor c, TableChange& change) {
  while (!c.Done()) {
    if (c.Take("ALGORITHM") || c.Take("LOCK")) {
      change.names_algorithm = true;
    } else if (c.Take("RENAME")) {
      if (!(c.Is("COLUMN") || c.Is("INDEX") || c.Is("KEY") ||
            c.Is("CONSTRAINT"))) {
        change.renames_table = true;
      }
    } else {
      c.Skip();
    }
  }
}

std::optional<TableChange> AlterTable(absl::string_view s, TokenCursor& c) {
  TableChange change;
  change.form = TableChange::Form::kAlterTable;
  c.SkipIfExists();
  c.Take("ONLY");  // PostgreSQL: not its descendants
  change.name_begin = c.NextBegin();
  std::optional<TableName> table = c.Name();
  if (!table) return std::nullopt;
  change.table = *table;
  change.name_end = c.LastEnd();
  if (c.Take("WAIT")) {
    c.Skip();
  } else {
    c.Take("NOWAIT");
  }
  change.clause_at = c.LastEnd();
  change.rewritable = !StartsApartClause(c);
  change.alter_spec =
      std::string(absl::StripAsciiWhitespace(s.substr(change.clause_at)));
  ReadAlterItems(c, change);
  return change;
}

// CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX i ... ON t ..., DROP INDEX i ON t.
std::optional<TableChange> IndexChange(absl::string_view s, TokenCursor& c,
                                       TableChange::Form form) {
  TableChange change;
  change.form = form;
  while (!c.Done() && !c.Is("ON")) c.Skip();
  if (!c.Take("ON")) return std::nullopt;
  c.Take("ONLY");  // PostgreSQL
  change.name_begin = c.NextBegin();
  std::optional<TableName> table = c.Name();
  if (!table) return std::nullopt;
  change.table = *table;
  change.name_end = c.LastEnd();
  while (!c.Done()) {
    if (c.Take("ALGORITHM") || c.Take("LOCK"))
      change.names_algorithm = true;
    else
      c.Skip();
  }
  change.clause_at = s.size();
  while (change.clause_at > 0 && absl::ascii_isspace(static_cast<unsigned char>(
                                     s[change.clause_at - 1]))) {
    --change.clause_at;
  }
  change.rewritable = true;
  return change;
}

}  // namespace

std::optional<TableChange> ParseTableChange(absl::string_view statement) {
  TokenCursor c(Tokenize(statement, 100000));
  if (c.Take("ALTER")) {
    c.Take("ONLINE");
    c.Take("IGNORE");
    if (!c.Take("TABLE")) return std::nullopt;
    return AlterTable(statement, c);
  }
  if (c.Take("CREATE")) {
    c.Take("OR") && c.Take("REPLACE");
    if (c.Take("UNIQUE") || c.Take("FULLTEXT") || c.Take("SPATIAL") ||
        c.Is("INDEX")) {
      if (!c.Take("INDEX")) return std::nullopt;
      return IndexChange(statement, c, TableChange::Form::kCreateIndex);
    }
    return std::nullopt;
  }
  if (c.Take("DROP") && c.Take("INDEX")) {
    return IndexChange(statement, c, TableChange::Form::kDropIndex);
  }
  return std::nullopt;
}

std::string OnTable(absl::string_view statement, const TableChange& change,
                    absl::string_view name) {
  // A plain name stays bare, which MySQL and PostgreSQL both read.
  bool plain = !name.empty() && !absl::ascii_isdigit(name[0]);
  for (char ch : name) plain = plain && (absl::ascii_isalnum(ch) || ch == '_');
  return absl::StrCat(statement.substr(0, change.name_begin),
                      plain ? std::string(name) : QuoteIdentifier(name),
                      statement.substr(change.name_end));
}

std::string WithAlgorithm(absl::string_view statement,
                          const TableChange& change,
                          absl::string_view algorithm, absl::string_view lock) {
  if (!change.rewritable || change.names_algorithm) {
    return std::string(statement);
  }
  const bool list = change.form == TableChange::Form::kAlterTable;
  std::string clause = absl::StrCat(" ALGORITHM=", algorithm);
  if (!lock.empty()) absl::StrAppend(&clause, list ? ", " : " ", "LOCK=", lock);
  if (list) clause += ",";
  return absl::StrCat(statement.substr(0, change.clause_at), clause,
                      statement.substr(change.clause_at));
}

}  // namespace aos::sql
