#include "core/conformance/row_generator.h"

#include <algorithm>
#include <map>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "core/conformance/generated_value.h"
#include "core/engine/bookkeeping/bookkeeping_tables.h"
#include "core/sql/conflict_query.h"
#include "core/sql/sql_lexer.h"

namespace aos::conformance {
namespace {

constexpr int kBatch = 25;

using Rows = std::vector<backend::Row>;

std::string ColumnsSql(absl::string_view dialect) {
  if (dialect == "mysql") {
    return "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, "
           "CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, "
           "CASE WHEN EXTRA LIKE '%auto_increment%' OR EXTRA LIKE "
           "'%GENERATED%' THEN 'auto' ELSE '' END FROM "
           "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND "
           "TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
  }
  if (dialect == "postgresql") {
    return "SELECT column_name, data_type, udt_name, is_nullable, "
           "character_maximum_length, numeric_precision, numeric_scale, "
           "CASE WHEN is_identity = 'YES' OR is_generated = 'ALWAYS' OR "
           "column_default LIKE 'nextval(%' THEN 'auto' ELSE '' END FROM "
           "information_schema.columns WHERE table_schema = current_schema() "
           "AND table_name = ? ORDER BY ordinal_position";
  }
  return "SELECT name, lower(type), type, CASE WHEN \"notnull\" THEN 'NO' "
         "ELSE 'YES' END, NULL, NULL, NULL, '' FROM pragma_table_info(?)";
}

std::string ForeignKeysSql(absl::string_view dialect) {
  if (dialect == "mysql") {
    return "SELECT COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME "
           "FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = "
           "DATABASE() AND TABLE_NAME = ? AND REFERENCED_TABLE_NAME IS NOT "
           "NULL";
  }
  if (dialect == "postgresql") {
    return "SELECT a.attname, p.relname, af.attname FROM pg_constraint c "
           "JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON "
           "n.oid = t.relnamespace JOIN pg_class p ON p.oid = c.confrelid "
           "CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k(col, fcol) "
           "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = "
           "k.col JOIN pg_attribute af ON af.attrelid = c.confrelid AND "
           "af.attnum = k.fcol WHERE c.contype = 'f' AND t.relname = ? AND "
           "n.nspname = current_schema()";
  }
  return "SELECT \"from\", \"table\", COALESCE(\"to\", (SELECT name FROM "
         "pragma_table_info(\"table\") WHERE pk = 1)) FROM "
         "pragma_foreign_key_list(?)";
}

std::optional<int64_t> Number(const std::optional<std::string>& s) {
  int64_t n = 0;
  if (!s || !absl::SimpleAtoi(*s, &n)) return std::nullopt;
  return n;
}

// A MySQL enum('a','b')'s labels.
std::vector<std::string> EnumLabels(absl::string_view full_type) {
  size_t open = absl::StartsWith(full_type, "enum(")  ? 5
                : absl::StartsWith(full_type, "set(") ? 4
                                                      : 0;
  if (open == 0 || full_type.size() < open + 1) return {};
  absl::string_view inside =
      full_type.substr(open, full_type.size() - open - 1);
  std::vector<std::string> labels;
  for (absl::string_view part : absl::StrSplit(inside, "','")) {
    std::string label(part);
    absl::StripAsciiWhitespace(&label);
    if (!label.empty() && label.front() == '\'') label.erase(0, 1);
    if (!label.empty() && label.back() == '\'') label.pop_back();
    labels.push_back(label);
  }
  return labels;
}

// The CHECK clauses of a table, as the catalog writes them (SQLite: its
// CREATE TABLE text, whose CHECK groups are picked out by ApplyChecks).
std::vector<std::string> ReadChecks(backend::Database& db,
                                    const std::string& table) {
  std::string sql;
  if (db.dialect() == "mysql") {
    sql =
        "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
        "WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ?";
  } else if (db.dialect() == "postgresql") {
    sql =
        "SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN "
        "pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = "
        "t.relnamespace WHERE c.contype = 'c' AND t.relname = ? AND "
        "n.nspname = current_schema()";
  } else {
    sql = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?";
  }
  std::vector<std::string> clauses;
  absl::StatusOr<Rows> rows = db.Query(sql, {table});
  if (!rows.ok()) return clauses;
  for (const backend::Row& r : *rows) {
    if (!r.empty() && r[0]) clauses.push_back(*r[0]);
  }
  return clauses;
}

// What a CHECK over one column says of its values, as far as the
// generator can follow: `c IN ('a', 'b')` (or PostgreSQL's `= ANY
// (ARRAY[...])`) gives its labels, JSON_VALID(c) makes it JSON.
void ApplyCheck(const std::vector<sql::Token>& tokens,
                absl::string_view dialect, std::vector<GenColumn>& columns) {
  GenColumn* only = nullptr;
  bool several = false, in_list = false, json = false;
  std::vector<std::string> literals;
  for (const sql::Token& t : tokens) {
    if (t.type == sql::Token::Type::kLiteral) {
      literals.push_back(sql::LiteralValue(t, dialect));
      continue;
    }
    if (t.IsWord("IN") || t.IsWord("ANY")) in_list = true;
    if (t.IsWord("JSON_VALID") || t.IsWord("JSON") || t.IsWord("JSONB")) {
      json = true;
    }
    if (t.type != sql::Token::Type::kWord &&
        t.type != sql::Token::Type::kQuoted) {
      continue;
    }
    for (GenColumn& c : columns) {
      if (!absl::EqualsIgnoreCase(c.name, t.text)) continue;
      if (only != nullptr && only != &c) several = true;
      only = &c;
    }
  }
  if (only == nullptr || several) return;
  if (json) only->type = "json";
  if (in_list && !literals.empty()) only->labels = literals;
}

void ApplyChecks(const std::vector<std::string>& clauses,
                 absl::string_view dialect, std::vector<GenColumn>& columns) {
  for (const std::string& clause : clauses) {
    std::vector<sql::Token> tokens = sql::LexTolerant(clause, dialect);
    if (dialect != "sqlite") {
      ApplyCheck(tokens, dialect, columns);
      continue;
    }
    for (size_t i = 0; i + 1 < tokens.size(); ++i) {  // each CHECK ( ... )
      if (!tokens[i].IsWord("CHECK") || !tokens[i + 1].IsPunct('(')) continue;
      int depth = 0;
      size_t end = i + 1;
      for (; end < tokens.size(); ++end) {
        if (tokens[end].IsPunct('(')) ++depth;
        if (tokens[end].IsPunct(')') && --depth == 0) break;
      }
      ApplyCheck(std::vector<sql::Token>(
                     tokens.begin() + i + 2,
                     tokens.begin() + std::min(end, tokens.size())),
                 dialect, columns);
    }
  }
}

struct Table {
  std::string name;
  std::vector<GenColumn> columns;
  std::map<std::string, std::pair<std::string, std::string>> references;
};

absl::StatusOr<Table> ReadTable(backend::Database& db,
                                const std::string& name) {
  Table t{name, {}, {}};
  absl::StatusOr<Rows> fks = db.Query(ForeignKeysSql(db.dialect()), {name});
  if (!fks.ok()) return fks.status();
  for (const backend::Row& r : *fks) {
    if (r.size() < 3 || !r[0] || !r[1] || !r[2]) continue;
    t.references[*r[0]] = {*r[1], *r[2]};
  }
  absl::StatusOr<Rows> cols = db.Query(ColumnsSql(db.dialect()), {name});
  if (!cols.ok()) return cols.status();
  for (const backend::Row& r : *cols) {
    if (r.size() < 8 || !r[0]) continue;
    GenColumn c;
    c.name = *r[0];
    c.type = absl::AsciiStrToLower(r[1].value_or(""));
    c.full_type = absl::AsciiStrToLower(r[2].value_or(""));
    c.nullable = r[3].value_or("YES") != "NO";
    c.max_length = Number(r[4]);
    c.precision = Number(r[5]);
    c.scale = Number(r[6]);
    c.auto_value = r[7].value_or("") == "auto";
    c.labels = EnumLabels(c.full_type);
    if (c.type == "user-defined") {
      absl::StatusOr<Rows> labels = db.Query(
          "SELECT e.enumlabel FROM pg_enum e JOIN pg_type y ON y.oid = "
          "e.enumtypid WHERE y.typname = ? ORDER BY e.enumsortorder",
          {c.full_type});
      if (labels.ok()) {
        for (const backend::Row& l : *labels) c.labels.push_back(*l[0]);
      }
    }
    c.references = t.references.count(c.name) > 0;
    t.columns.push_back(std::move(c));
  }
  ApplyChecks(ReadChecks(db, name), db.dialect(), t.columns);
  return t;
}

// Parents before their children (a cycle, or a self-reference, as found).
std::vector<Table> InFillOrder(std::vector<Table> tables) {
  std::vector<Table> ordered;
  while (!tables.empty()) {
    auto ready =
        std::find_if(tables.begin(), tables.end(), [&](const Table& t) {
          for (const auto& [col, ref] : t.references) {
            if (ref.first == t.name) continue;
            for (const Table& other : tables) {
              if (other.name == ref.first) return false;
            }
          }
          return true;
        });
    if (ready == tables.end()) ready = tables.begin();
    ordered.push_back(std::move(*ready));
    tables.erase(ready);
  }
  return ordered;
}

// Inserts `rows` (value lists) into `t`: in batches, one by one when a
// batch is refused. Returns how many went in; `*error` the first refusal.
int64_t Insert(backend::Database& db, const Table& t,
               const std::vector<std::string>& names,
               const std::vector<std::string>& rows, std::string* error) {
  const std::string head =
      absl::StrCat("INSERT INTO ", sql::QuoteName(t.name, db.dialect()), " (",
                   absl::StrJoin(names, ", "), ") VALUES ");
  int64_t inserted = 0;
  for (size_t i = 0; i < rows.size(); i += kBatch) {
    const size_t end = std::min(rows.size(), i + kBatch);
    std::vector<std::string> batch(rows.begin() + i, rows.begin() + end);
    if (db.Execute(head + absl::StrJoin(batch, ", ")).ok()) {
      inserted += static_cast<int64_t>(batch.size());
      continue;
    }
    for (const std::string& row : batch) {
      absl::Status st = db.Execute(head + row);
      if (st.ok()) {
        ++inserted;
      } else if (error->empty()) {
        *error = std::string(st.message());
      }
    }
  }
  return inserted;
}

// Fills `t` up to `want` rows.
void FillTable(backend::Database& db, Table& t, int64_t want, int64_t* counter,
               Fill* fill) {
  const std::string table_sql = sql::QuoteName(t.name, db.dialect());
  absl::StatusOr<Rows> count = db.Query("SELECT COUNT(*) FROM " + table_sql);
  int64_t have = 0;
  if (count.ok() && !count->empty()) have = Number((*count)[0][0]).value_or(0);
  if (have >= want) return;
  std::vector<std::string> names;
  for (GenColumn& c : t.columns) {
    if (c.auto_value) continue;
    names.push_back(sql::QuoteName(c.name, db.dialect()));
    if (!c.references) continue;
    const auto& [parent, key] = t.references[c.name];
    absl::StatusOr<Rows> values = db.Query(absl::StrCat(
        "SELECT DISTINCT ", sql::QuoteName(key, db.dialect()), " FROM ",
        sql::QuoteName(parent, db.dialect()), " WHERE ",
        sql::QuoteName(key, db.dialect()), " IS NOT NULL LIMIT 1000"));
    c.parent_values.clear();
    if (values.ok()) {
      for (const backend::Row& v : *values) c.parent_values.push_back(*v[0]);
    }
  }
  std::vector<std::string> rows;
  for (int64_t n = have; n < want; ++n) {
    const int64_t k = (*counter)++;
    std::vector<std::string> values;
    for (const GenColumn& c : t.columns) {
      if (c.auto_value) continue;
      std::optional<std::string> v = GeneratedValue(c, k, db.dialect());
      if (!v) {
        fill->notes.push_back(absl::StrCat("table ", t.name, ": no value for ",
                                           c.name, " (", c.type, ")"));
        return;
      }
      values.push_back(*v);
    }
    rows.push_back(absl::StrCat("(", absl::StrJoin(values, ", "), ")"));
  }
  std::string error;
  const int64_t inserted = Insert(db, t, names, rows, &error);
  fill->inserted += inserted;
  if (inserted < static_cast<int64_t>(rows.size())) {
    fill->notes.push_back(absl::StrCat(
        "table ", t.name, ": ", rows.size() - inserted, " of ", rows.size(),
        " generated rows refused (", error.substr(0, 160), ")"));
  }
}

}  // namespace

absl::StatusOr<Fill> FillTables(backend::Database& db, int64_t rows,
                                int64_t* counter) {
  absl::StatusOr<std::vector<std::string>> names = db.ListTables();
  if (!names.ok()) return names.status();
  std::vector<Table> tables;
  for (const std::string& name : *names) {
    if (engine::IsBookkeepingTable(name)) continue;
    absl::StatusOr<Table> t = ReadTable(db, name);
    if (!t.ok()) return t.status();
    tables.push_back(*std::move(t));
  }
  Fill fill;
  for (Table& t : InFillOrder(std::move(tables))) {
    FillTable(db, t, rows, counter, &fill);
  }
  return fill;
}

}  // namespace aos::conformance
