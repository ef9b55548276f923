// column_facts.cc: the catalog queries of conflict_query.h (a table's
// columns, its primary key) and how their rows are read.
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/sql/conflict_query.h"

namespace aos::sql {
namespace {

std::optional<int64_t> Number(const std::optional<std::string>& text) {
  int64_t n = 0;
  if (!text || !absl::SimpleAtoi(*text, &n)) return std::nullopt;
  return n;
}

}  // namespace

std::string ColumnsQuery(absl::string_view dialect, bool with_schema) {
  if (dialect == "mysql") {
    return absl::StrCat(
        "SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, "
        "NUMERIC_PRECISION, NUMERIC_SCALE, COLUMN_TYPE, IS_NULLABLE, "
        "CHARACTER_SET_NAME FROM information_schema.COLUMNS "
        "WHERE TABLE_NAME = ? AND TABLE_SCHEMA = ",
        with_schema ? "?" : "DATABASE()", " ORDER BY ORDINAL_POSITION");
  }
  if (dialect == "postgresql") {
    return absl::StrCat(
        "SELECT column_name, data_type, character_maximum_length, "
        "numeric_precision, numeric_scale, data_type, is_nullable, '' "
        "FROM information_schema.columns WHERE table_name = ? AND "
        "table_schema = ",
        with_schema ? "?" : "current_schema()", " ORDER BY ordinal_position");
  }
  return absl::StrCat(
      "SELECT name, lower(type), NULL, NULL, NULL, type, "
      "CASE WHEN \"notnull\" THEN 'NO' ELSE 'YES' END, '' "
      "FROM pragma_table_info(?",
      with_schema ? ", ?" : "", ")");
}

std::vector<ColumnFacts> ReadColumnFacts(
    const std::vector<std::vector<std::optional<std::string>>>& rows) {
  std::vector<ColumnFacts> facts;
  for (const auto& row : rows) {
    if (row.size() < 8 || !row[0]) continue;
    ColumnFacts c;
    c.name = *row[0];
    c.data_type = absl::AsciiStrToLower(row[1].value_or(""));
    c.max_length = Number(row[2]);
    c.precision = Number(row[3]);
    c.scale = Number(row[4]);
    c.is_unsigned = absl::StrContains(
        absl::AsciiStrToLower(row[5].value_or("")), "unsigned");
    c.nullable = row[6].value_or("YES") != "NO";
    c.charset = absl::AsciiStrToLower(row[7].value_or(""));
    facts.push_back(std::move(c));
  }
  return facts;
}

std::string PrimaryKeyQuery(absl::string_view dialect, bool with_schema) {
  if (dialect == "mysql") {
    return absl::StrCat(
        "SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
        "WHERE TABLE_NAME = ? AND TABLE_SCHEMA = ",
        with_schema ? "?" : "DATABASE()",
        " AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION");
  }
  if (dialect == "postgresql") {
    return absl::StrCat(
        "SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = "
        "i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN "
        "pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey) "
        "WHERE i.indisprimary AND c.relname = ? AND n.nspname = ",
        with_schema ? "?" : "current_schema()",
        " ORDER BY array_position(i.indkey::int2[], a.attnum)");
  }
  return absl::StrCat("SELECT name FROM pragma_table_info(?",
                      with_schema ? ", ?" : "", ") WHERE pk > 0 ORDER BY pk");
}

}  // namespace aos::sql
