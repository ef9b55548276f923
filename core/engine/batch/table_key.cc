#include "core/engine/batch/table_key.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/engine/batch/postgresql_batch.h"

namespace aos::engine {

absl::StatusOr<std::string> ReadIntegerKey(backend::Database& db, absl::string_view table) {
  if (db.dialect() == "postgresql") return ReadPostgresqlIntegerKey(db, "", table);
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query(
      "SELECT s.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE FROM "
      "information_schema.STATISTICS s JOIN information_schema.COLUMNS c ON "
      "c.TABLE_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME AND "
      "c.COLUMN_NAME = s.COLUMN_NAME WHERE s.TABLE_SCHEMA = DATABASE() AND "
      "s.TABLE_NAME = ? AND s.INDEX_NAME = 'PRIMARY' ORDER BY s.SEQ_IN_INDEX",
      {std::string(table)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) {
    return absl::FailedPreconditionError(absl::StrCat(table, " has no primary key to range over"));
  }
  if (rows->size() > 1) {
    std::vector<std::string> columns;
    for (const backend::Row& r : *rows) columns.push_back(r[0].value_or(""));
    return absl::FailedPreconditionError(
        absl::StrCat(table, "'s primary key (", absl::StrJoin(columns, ", "),
                     ") has more than one column; chunks range over a one-column key only"));
  }
  const backend::Row& r = (*rows)[0];
  const std::string type = absl::AsciiStrToLower(r[1].value_or(""));
  const bool integer = type == "tinyint" || type == "smallint" || type == "mediumint" ||
                       type == "int" || type == "bigint";
  const bool too_wide =
      type == "bigint" && absl::StrContains(absl::AsciiStrToLower(r[2].value_or("")), "unsigned");
  if (!integer || too_wide) {
    return absl::FailedPreconditionError(
        absl::StrCat(table, "'s primary key ", r[0].value_or(""), " is ", r[2].value_or(""),
                     ", not a signed or small integer the chunks can range over"));
  }
  return r[0].value_or("");
}

}  // namespace aos::engine
