#include "core/conformance/row_snapshot.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "core/engine/archive/archive_catalog.h"
#include "core/engine/bookkeeping/bookkeeping_tables.h"

namespace aos::conformance {
namespace {

absl::StatusOr<TableSnapshot> SnapshotTable(backend::Database& db,
                                            const std::string& table) {
  TableSnapshot t;
  absl::StatusOr<std::vector<engine::CatalogColumn>> columns =
      engine::TableColumns(db, table);
  if (!columns.ok()) return columns.status();
  for (const engine::CatalogColumn& c : *columns) t.columns.push_back(c.name);
  if (t.columns.empty()) return t;
  absl::StatusOr<std::vector<std::string>> keys = engine::PrimaryKey(db, table);
  if (!keys.ok()) return keys.status();
  t.keys = *std::move(keys);
  std::vector<int> key_at;
  for (const std::string& k : t.keys) key_at.push_back(t.Column(k));
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query(
      absl::StrCat("SELECT ", engine::QuotedList(db.dialect(), t.columns),
                   " FROM ", engine::QuoteName(db.dialect(), table)));
  if (!rows.ok()) return rows.status();
  std::vector<std::string> unkeyed;
  for (backend::Row& r : *rows) {
    std::vector<SnapshotValue> values(r.begin(), r.end());
    values.resize(t.columns.size());
    if (t.keys.empty()) {
      unkeyed.push_back(KeyText(values));
      t.rows.emplace(unkeyed.back(), std::move(values));
      continue;
    }
    std::vector<SnapshotValue> key;
    for (int i : key_at) key.push_back(i >= 0 ? values[i] : std::nullopt);
    t.rows[KeyText(key)] = std::move(values);
  }
  if (t.keys.empty()) {  // a multiset: repeats numbered in sorted order
    std::sort(unkeyed.begin(), unkeyed.end());
    std::map<std::string, std::vector<SnapshotValue>> numbered;
    for (size_t i = 0, n = 1; i < unkeyed.size(); ++i) {
      n = i > 0 && unkeyed[i] == unkeyed[i - 1] ? n + 1 : 1;
      numbered[n == 1 ? unkeyed[i] : absl::StrCat(unkeyed[i], " #", n)] =
          t.rows[unkeyed[i]];
    }
    t.rows = std::move(numbered);
  }
  return t;
}

}  // namespace

int TableSnapshot::Column(const std::string& column) const {
  auto it = std::find(columns.begin(), columns.end(), column);
  return it == columns.end() ? -1 : static_cast<int>(it - columns.begin());
}

std::string KeyText(const std::vector<SnapshotValue>& values) {
  return absl::StrJoin(
      values, ", ", [](std::string* out, const SnapshotValue& v) {
        absl::StrAppend(
            out,
            v ? absl::StrCat("'", absl::StrReplaceAll(*v, {{"'", "''"}}), "'")
              : "NULL");
      });
}

absl::StatusOr<RowSnapshot> SnapshotRows(backend::Database& db) {
  absl::StatusOr<std::vector<std::string>> names = db.ListTables();
  if (!names.ok()) return names.status();
  RowSnapshot snapshot;
  for (const std::string& name : *names) {
    if (engine::IsBookkeepingTable(name)) continue;
    absl::StatusOr<TableSnapshot> t = SnapshotTable(db, name);
    if (!t.ok()) {
      return absl::Status(
          t.status().code(),
          absl::StrCat("table ", name, ": ", t.status().message()));
    }
    snapshot[name] = *std::move(t);
  }
  return snapshot;
}

}  // namespace aos::conformance
