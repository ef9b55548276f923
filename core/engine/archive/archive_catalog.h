// archive_catalog.h: what the archive (issue 27, archive_plan.h) reads of
// a live table on MySQL/MariaDB, PostgreSQL and SQLite: its columns with
// their types, its primary key, its columns stamped on update, its size;
// and names quoted for each.
#ifndef AOS_CORE_ENGINE_ARCHIVE_ARCHIVE_CATALOG_H_
#define AOS_CORE_ENGINE_ARCHIVE_ARCHIVE_CATALOG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/backend/database.h"

namespace aos::engine {

struct CatalogColumn {
  std::string name;
  // The type as a restore compares it: MySQL's COLUMN_TYPE and collation,
  // PostgreSQL's format_type, SQLite's type affinity (CREATE TABLE ... AS
  // SELECT keeps no more there).
  std::string type;
};

// The table's columns in order; empty when it does not exist.
absl::StatusOr<std::vector<CatalogColumn>> TableColumns(
    backend::Database& db, absl::string_view table);

// The columns of the table's primary key in order; empty when it has none.
absl::StatusOr<std::vector<std::string>> PrimaryKey(backend::Database& db,
                                                    absl::string_view table);

// MySQL/MariaDB: the table's columns that the server sets to the current
// time when a row changes (ON UPDATE CURRENT_TIMESTAMP); empty elsewhere.
absl::StatusOr<std::vector<std::string>> OnUpdateColumns(backend::Database& db,
                                                         absl::string_view table);

// The bytes the server counts for the table (data and indexes); SQLite:
// the bytes of its values.
absl::StatusOr<int64_t> TableBytes(backend::Database& db,
                                   absl::string_view table);

// `name` quoted for `dialect`.
std::string QuoteName(absl::string_view dialect, absl::string_view name);

// "a, b" of the names quoted; with `prefix` ("t.") before each.
std::string QuotedList(absl::string_view dialect,
                       const std::vector<std::string>& names,
                       absl::string_view prefix = "");

// The bytes of a value of column `quoted` as the dialect counts them.
std::string ValueBytes(absl::string_view dialect, absl::string_view quoted);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_ARCHIVE_ARCHIVE_CATALOG_H_
