// row_snapshot.h: the conformance kit's picture of a module's rows at one
// point of the data walk (data_walk.h), to compare two points: every table
// of the module (not the tool's bookkeeping or archives), every column,
// values as the server writes them as text. A table with a primary key is
// keyed by it; a table without one is held as a sorted multiset of rows.
#ifndef AOS_CORE_CONFORMANCE_ROW_SNAPSHOT_H_
#define AOS_CORE_CONFORMANCE_ROW_SNAPSHOT_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/backend/database.h"

namespace aos::conformance {

using SnapshotValue = std::optional<std::string>;  // nullopt: NULL

struct TableSnapshot {
  std::vector<std::string> columns;  // in order
  std::vector<std::string> keys;     // the primary key; empty: none
  // With a primary key: the key's values (KeyText) -> the row (in
  // `columns` order). Without one: every row under its own KeyText, in
  // order, a row's repeats numbered ("#2").
  std::map<std::string, std::vector<SnapshotValue>> rows;

  // The index of `column` in `columns`; -1 when absent.
  int Column(const std::string& column) const;
};

using RowSnapshot = std::map<std::string, TableSnapshot>;  // by table name

// Reads every table of the module's database `db`.
absl::StatusOr<RowSnapshot> SnapshotRows(backend::Database& db);

// A row's values as one comparable text (NULL apart from any string).
std::string KeyText(const std::vector<SnapshotValue>& values);

}  // namespace aos::conformance

#endif  // AOS_CORE_CONFORMANCE_ROW_SNAPSHOT_H_
