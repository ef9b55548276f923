#include "core/engine/archive/archive_catalog.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace aos::engine {
namespace {

// SQLite's affinity of a declared type (its rules, section 3.1).
std::string Affinity(std::string declared) {
  declared = absl::AsciiStrToUpper(declared);
  if (absl::StrContains(declared, "INT")) return "INTEGER";
  if (absl::StrContains(declared, "CHAR") || absl::StrContains(declared, "CLOB") ||
      absl::StrContains(declared, "TEXT")) {
    return "TEXT";
  }
  if (declared.empty() || absl::StrContains(declared, "BLOB")) return "BLOB";
  if (absl::StrContains(declared, "REAL") || absl::StrContains(declared, "FLOA") ||
      absl::StrContains(declared, "DOUB")) {
    return "REAL";
  }
  return "NUMERIC";
}

std::string V(const std::optional<std::string>& v) { return v.value_or(""); }

}  // namespace

absl::StatusOr<std::vector<CatalogColumn>> TableColumns(
    backend::Database& db, absl::string_view table) {
  std::vector<CatalogColumn> out;
  absl::StatusOr<std::vector<backend::Row>> rows;
  if (db.dialect() == "mysql") {
    rows = db.Query(
        "SELECT COLUMN_NAME, CONCAT(COLUMN_TYPE, ' ', "
        "COALESCE(COLLATION_NAME, '')) FROM information_schema.COLUMNS WHERE "
        "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
        {std::string(table)});
  } else if (db.dialect() == "postgresql") {
    rows = db.Query(
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM "
        "pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE "
        "c.relnamespace = current_schema()::regnamespace AND c.relname = ? "
        "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
        {std::string(table)});
  } else {
    rows = db.Query("SELECT name, type FROM pragma_table_info(?)",
                    {std::string(table)});
  }
  if (!rows.ok()) return rows.status();
  for (const backend::Row& r : *rows) {
    if (r.size() != 2) continue;
    CatalogColumn c{V(r[0]), V(r[1])};
    if (db.dialect() == "sqlite") c.type = Affinity(c.type);
    out.push_back(std::move(c));
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> PrimaryKey(backend::Database& db,
                                                    absl::string_view table) {
  absl::StatusOr<std::vector<backend::Row>> rows;
  if (db.dialect() == "mysql") {
    rows = db.Query(
        "SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE "
        "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND INDEX_NAME = "
        "'PRIMARY' ORDER BY SEQ_IN_INDEX",
        {std::string(table)});
  } else if (db.dialect() == "postgresql") {
    rows = db.Query(
        "SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = "
        "i.indrelid JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, n) "
        "ON true JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = "
        "k.attnum WHERE i.indisprimary AND c.relnamespace = "
        "current_schema()::regnamespace AND c.relname = ? ORDER BY k.n",
        {std::string(table)});
  } else {
    rows = db.Query(
        "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk",
        {std::string(table)});
  }
  if (!rows.ok()) return rows.status();
  std::vector<std::string> out;
  for (const backend::Row& r : *rows) {
    if (!r.empty()) out.push_back(V(r[0]));
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> OnUpdateColumns(backend::Database& db,
                                                         absl::string_view table) {
  std::vector<std::string> out;
  if (db.dialect() != "mysql") return out;
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query(
      "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
      "DATABASE() AND TABLE_NAME = ? AND LOWER(EXTRA) LIKE '%on update%' "
      "ORDER BY ORDINAL_POSITION",
      {std::string(table)});
  if (!rows.ok()) return rows.status();
  for (const backend::Row& r : *rows) {
    if (!r.empty()) out.push_back(V(r[0]));
  }
  return out;
}

absl::StatusOr<int64_t> TableBytes(backend::Database& db,
                                   absl::string_view table) {
  absl::StatusOr<std::vector<backend::Row>> rows;
  if (db.dialect() == "mysql") {
    rows = db.Query(
        "SELECT DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES "
        "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?",
        {std::string(table)});
  } else if (db.dialect() == "postgresql") {
    rows = db.Query("SELECT pg_total_relation_size(quote_ident(?))",
                    {std::string(table)});
  } else {
    absl::StatusOr<std::vector<CatalogColumn>> columns = TableColumns(db, table);
    if (!columns.ok()) return columns.status();
    std::string sum = "0";
    for (const CatalogColumn& c : *columns) {
      absl::StrAppend(&sum, " + COALESCE(SUM(",
                      ValueBytes("sqlite", QuoteName("sqlite", c.name)), "), 0)");
    }
    rows = db.Query(absl::StrCat("SELECT ", sum, " FROM ",
                                 QuoteName("sqlite", table)));
  }
  if (!rows.ok()) return rows.status();
  int64_t bytes = 0;
  if (!rows->empty() && !(*rows)[0].empty()) {
    (void)absl::SimpleAtoi(V((*rows)[0][0]), &bytes);
  }
  return bytes;
}

std::string QuoteName(absl::string_view dialect, absl::string_view name) {
  if (dialect == "mysql") {
    return absl::StrCat("`", absl::StrReplaceAll(name, {{"`", "``"}}), "`");
  }
  return absl::StrCat("\"", absl::StrReplaceAll(name, {{"\"", "\"\""}}), "\"");
}

std::string QuotedList(absl::string_view dialect,
                       const std::vector<std::string>& names,
                       absl::string_view prefix) {
  std::string out;
  for (const std::string& n : names) {
    absl::StrAppend(&out, out.empty() ? "" : ", ", prefix,
                    QuoteName(dialect, n));
  }
  return out;
}

std::string ValueBytes(absl::string_view dialect, absl::string_view quoted) {
  if (dialect == "mysql") return absl::StrCat("LENGTH(", quoted, ")");
  if (dialect == "postgresql") {
    return absl::StrCat("octet_length(", quoted, "::text)");
  }
  return absl::StrCat("length(CAST(", quoted, " AS BLOB))");
}

}  // namespace aos::engine
