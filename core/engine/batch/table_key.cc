#include "core/engine/batch/table_key.h"

#include <initializer_list>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/engine/batch/postgresql_batch.h"
#include "core/sql/mysql_tokenizer.h"

namespace aos::engine {
namespace {

// One key column as the catalog says it.
struct CatalogKeyColumn {
  std::string name;
  std::string data_type;    // "int", lower case
  std::string column_type;  // "int(10) unsigned"
  std::string charset;      // "" for no string type
  std::string collation;
  std::string prefix;  // STATISTICS.SUB_PART: "" for the whole column
  std::string precision, scale;
};

bool OneOf(const std::string& type, std::initializer_list<const char*> types) {
  for (const char* t : types) {
    if (type == t) return true;
  }
  return false;
}

// A charset, collation or number from the catalog, safe to write into
// SQL text as it is.
bool Plain(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isalnum(c) && c != '_') return false;
  }
  return true;
}

// How the range SQL reads and gives back a value of `c` (table_key.h);
// "" in `*why` when it can, else why not.
sql::KeyColumn Ranged(const CatalogKeyColumn& c, std::string* why) {
  const std::string quoted = sql::QuoteIdentifier(c.name);
  sql::KeyColumn k{c.name, c.column_type, quoted, quoted, "", false};
  if (!c.collation.empty()) absl::StrAppend(&k.type, " ", c.collation);
  const std::string& t = c.data_type;
  const bool unsigned_ = absl::StrContains(absl::AsciiStrToLower(c.column_type), "unsigned");
  if (OneOf(t, {"tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year"})) {
    k.comparand = unsigned_ || t == "year" ? "CAST(? AS UNSIGNED)" : "CAST(? AS SIGNED)";
  } else if (t == "decimal" && Plain(c.precision) && Plain(c.scale)) {
    k.comparand = absl::StrCat("CAST(? AS DECIMAL(", c.precision, ", ", c.scale, "))");
  } else if (OneOf(t, {"date", "datetime", "time"})) {
    // The server's text as a string, which a comparison with the column
    // converts to its type exactly; a zero or invalid date that a lax
    // sql_mode stored compares too, where CAST gives NULL (or an error in
    // an UPDATE) under NO_ZERO_DATE.
    k.comparand = "?";
  } else if (OneOf(t, {"char", "varchar"}) && Plain(c.charset) && Plain(c.collation)) {
    k.select = absl::StrCat("HEX(", quoted, ")");
    k.comparand = absl::StrCat("CONVERT(UNHEX(?) USING ", c.charset, ") COLLATE ", c.collation);
    k.hex = true;
  } else if (OneOf(t, {"binary", "varbinary"})) {
    k.select = absl::StrCat("HEX(", quoted, ")");
    k.comparand = "UNHEX(?)";
    k.hex = true;
  } else if (OneOf(t, {"float", "double", "real"})) {
    *why = "an approximate number, whose text does not read back exactly";
  } else if (t == "timestamp") {
    *why = "in the session's time zone, where an hour can repeat";
  } else if (OneOf(t, {"enum", "set"})) {
    *why = "sorted by its list of values but compared as text";
  } else {
    *why =
        "not a type the chunks range over (an integer, DECIMAL, DATE, DATETIME, TIME, YEAR, "
        "CHAR, VARCHAR, BINARY or VARBINARY)";
  }
  return k;
}

std::string Cell(const backend::Row& r, size_t i) { return i < r.size() ? r[i].value_or("") : ""; }

absl::StatusOr<std::vector<CatalogKeyColumn>> ReadMysqlKey(backend::Database& db,
                                                           absl::string_view table) {
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query(
      "SELECT s.COLUMN_NAME, LOWER(c.DATA_TYPE), c.COLUMN_TYPE, c.CHARACTER_SET_NAME, "
      "c.COLLATION_NAME, s.SUB_PART, c.NUMERIC_PRECISION, c.NUMERIC_SCALE FROM "
      "information_schema.STATISTICS s JOIN "
      "information_schema.COLUMNS c ON c.TABLE_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = "
      "s.TABLE_NAME AND c.COLUMN_NAME = s.COLUMN_NAME WHERE s.TABLE_SCHEMA = DATABASE() AND "
      "s.TABLE_NAME = ? AND s.INDEX_NAME = 'PRIMARY' ORDER BY s.SEQ_IN_INDEX",
      {std::string(table)});
  if (!rows.ok()) return rows.status();
  std::vector<CatalogKeyColumn> out;
  for (const backend::Row& r : *rows) {
    out.push_back(CatalogKeyColumn{Cell(r, 0), Cell(r, 1), Cell(r, 2), Cell(r, 3), Cell(r, 4),
                                   Cell(r, 5), Cell(r, 6), Cell(r, 7)});
  }
  return out;
}

}  // namespace

absl::StatusOr<sql::RangeKey> ReadTableKey(backend::Database& db, absl::string_view table,
                                           absl::string_view schema) {
  if (db.dialect() == "postgresql") return ReadPostgresqlKey(db, schema, table);
  if (db.dialect() != "mysql") {
    return absl::UnimplementedError(
        absl::StrCat("the key of ", table, " is read on MySQL/MariaDB and PostgreSQL only"));
  }
  absl::StatusOr<std::vector<CatalogKeyColumn>> columns = ReadMysqlKey(db, table);
  if (!columns.ok()) return columns.status();
  if (columns->empty()) {
    return absl::FailedPreconditionError(absl::StrCat(table, " has no primary key to range over"));
  }
  sql::RangeKey key;
  for (const CatalogKeyColumn& c : *columns) {
    if (!c.prefix.empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat(table, "'s primary key holds only a prefix (", c.prefix, ") of ", c.name,
                       ", which does not order its values"));
    }
    std::string why;
    key.columns.push_back(Ranged(c, &why));
    if (!why.empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat(table, "'s primary key column ", c.name, " is ", c.column_type, ", ", why));
    }
  }
  return key;
}

}  // namespace aos::engine
