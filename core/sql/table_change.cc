#include "core/sql/table_change.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/sql/change_confinement.h"
#include "core/sql/mysql_tokenizer.h"
#include "core/sql/token_cursor.h"

namespace aos::sql {
namespace {

constexpr size_t kTokenLimit = 100000;

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

// The index of the token that starts at `begin` (the end if none).
size_t TokenAt(const std::vector<Token>& tokens, size_t begin) {
  size_t i = 0;
  while (i < tokens.size() && tokens[i].begin < begin) ++i;
  return i;
}

// `name` as the statement writes it: bare when a plain identifier.
std::string NameText(absl::string_view name) {
  // A plain name stays bare, which MySQL and PostgreSQL both read.
  bool plain = !name.empty() && !absl::ascii_isdigit(name[0]);
  for (char ch : name) plain = plain && (absl::ascii_isalnum(ch) || ch == '_');
  return plain ? std::string(name) : QuoteIdentifier(name);
}

std::optional<TableChange> AlterTable(absl::string_view s,
                                      const std::vector<Token>& tokens,
                                      ChangeDialect dialect) {
  TokenCursor c(tokens);
  c.Take("ALTER");
  c.Take("ONLINE");
  c.Take("IGNORE");
  if (!c.Take("TABLE")) return std::nullopt;
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
  ReadAlterConfinement(tokens, dialect, TokenAt(tokens, change.clause_at),
                       change);
  return change;
}

// What follows CREATE/DROP INDEX's table, from token `i`: ALGORITHM [=] x
// and LOCK [=] y where they stand as options (outside the parentheses of
// its columns), kept in `change`.
void ReadIndexOptions(const std::vector<Token>& t, size_t i,
                      TableChange& change) {
  int depth = 0;
  while (i < t.size()) {
    const Token& k = t[i++];
    if (k.IsPunct('(')) ++depth;
    if (k.IsPunct(')')) --depth;
    if (!k.IsWord("ALGORITHM") && !k.IsWord("LOCK")) continue;
    change.names_algorithm = true;
    if (depth != 0) continue;
    if (i < t.size() && t[i].IsPunct('=')) ++i;
    std::string value;
    if (i < t.size() && t[i].type == Token::Type::kWord) value = t[i++].upper;
    (k.IsWord("ALGORITHM") ? change.algorithms : change.locks)
        .push_back(value);
  }
}

// CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX i ... ON t ..., DROP INDEX i ON t.
std::optional<TableChange> IndexChange(absl::string_view s,
                                       const std::vector<Token>& tokens,
                                       TokenCursor& c, TableChange::Form form,
                                       ChangeDialect dialect) {
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
  ReadIndexOptions(tokens, TokenAt(tokens, change.name_end), change);
  change.clause_at = s.size();
  while (change.clause_at > 0 && absl::ascii_isspace(static_cast<unsigned char>(
                                     s[change.clause_at - 1]))) {
    --change.clause_at;
  }
  change.rewritable = true;
  ReadIndexConfinement(tokens, dialect, TokenAt(tokens, change.name_begin),
                       TokenAt(tokens, change.name_end), change);
  return change;
}

std::optional<TableChange> Parse(absl::string_view statement,
                                 const std::vector<Token>& tokens,
                                 ChangeDialect dialect) {
  TokenCursor c(tokens);
  if (c.Is("ALTER")) return AlterTable(statement, tokens, dialect);
  if (c.Take("CREATE")) {
    c.Take("OR") && c.Take("REPLACE");
    if (c.Take("UNIQUE") || c.Take("FULLTEXT") || c.Take("SPATIAL") ||
        c.Is("INDEX")) {
      if (!c.Take("INDEX")) return std::nullopt;
      return IndexChange(statement, tokens, c,
                         TableChange::Form::kCreateIndex, dialect);
    }
    return std::nullopt;
  }
  if (c.Take("DROP") && c.Take("INDEX")) {
    return IndexChange(statement, tokens, c, TableChange::Form::kDropIndex,
                       dialect);
  }
  return std::nullopt;
}

}  // namespace

std::optional<TableChange> ParseTableChange(absl::string_view statement,
                                            ChangeDialect dialect) {
  return ParseTableChange(statement, Tokenize(statement, kTokenLimit),
                          dialect);
}

std::optional<TableChange> ParseTableChange(absl::string_view statement,
                                            const std::vector<Token>& tokens,
                                            ChangeDialect dialect) {
  std::optional<TableChange> change = Parse(statement, tokens, dialect);
  if (!change) return std::nullopt;
  std::string unreadable =
      UnreadableText(statement, tokens, kTokenLimit, dialect);
  if (!unreadable.empty()) change->not_confined = unreadable;
  return change;
}

std::string OnTable(absl::string_view statement, const TableChange& change,
                    absl::string_view name) {
  return absl::StrCat(statement.substr(0, change.name_begin), NameText(name),
                      statement.substr(change.name_end));
}

std::string OnTables(
    absl::string_view statement, const TableChange& change,
    const std::function<std::string(const TableName&)>& clone_of) {
  std::vector<std::tuple<size_t, size_t, std::string>> edits;
  auto add = [&](const TableName& table, size_t begin, size_t end) {
    std::string name = clone_of(table);
    if (!name.empty()) edits.emplace_back(begin, end, NameText(name));
  };
  add(change.table, change.name_begin, change.name_end);
  for (const NamedTable& r : change.references) add(r.table, r.begin, r.end);
  std::sort(edits.begin(), edits.end());
  std::string out;
  size_t at = 0;
  for (const auto& [begin, end, name] : edits) {
    if (begin < at) continue;
    absl::StrAppend(&out, statement.substr(at, begin - at), name);
    at = end;
  }
  absl::StrAppend(&out, statement.substr(at));
  return out;
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

namespace aos::sql {
namespace {

// How much an ALGORITHM value blocks, from 0 (instant) up; -1 unknown.
int AlgorithmRank(const std::string& value) {
  if (value == "INSTANT") return 0;
  if (value == "INPLACE" || value == "NOCOPY") return 1;
  if (value == "COPY") return 2;
  return -1;  // DEFAULT (the server's choice), or unknown
}

}  // namespace

const char* NamedAlgorithmClass(const TableChange& change) {
  int worst = -2;  // none named
  for (const std::string& a : change.algorithms) {
    const int rank = AlgorithmRank(a);
    if (rank < 0) return "unknown";
    worst = std::max(worst, rank);
  }
  bool lock_none = !change.locks.empty();
  for (const std::string& l : change.locks) lock_none = lock_none && l == "NONE";
  if (worst == 0) return "instant";
  if (worst == 2) return "copy";
  if (worst == 1) return lock_none ? "inplace" : "inplace_locks_writes";
  // No algorithm named: LOCK=NONE alone admits only what blocks nothing.
  return lock_none ? "inplace" : "unknown";
}

}  // namespace aos::sql
