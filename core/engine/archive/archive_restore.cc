#include "core/engine/archive/archive_restore.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/engine/archive/archive_catalog.h"

namespace aos::engine {
namespace {

const CatalogColumn* Find(const std::vector<CatalogColumn>& columns,
                          absl::string_view name) {
  for (const CatalogColumn& c : columns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

// "t.k = a.k AND ..." over the key.
std::string KeyMatch(absl::string_view dialect, absl::string_view t,
                     const std::vector<std::string>& keys) {
  std::vector<std::string> parts;
  for (const std::string& k : keys) {
    parts.push_back(absl::StrCat(t, ".", QuoteName(dialect, k), " = a.",
                                 QuoteName(dialect, k)));
  }
  return absl::StrJoin(parts, " AND ");
}

absl::StatusOr<int64_t> Count(backend::Database& db, const std::string& sql) {
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query(sql);
  if (!rows.ok()) return rows.status();
  int64_t n = 0;
  if (!rows->empty() && !rows->at(0).empty()) {
    (void)absl::SimpleAtoi(rows->at(0)[0].value_or("0"), &n);
  }
  return n;
}

// The columns `a` gives back into its re-created table; empty when the
// downgrade did not re-create what it keeps; a failure when it re-created
// them otherwise (another type, another primary key).
absl::StatusOr<std::vector<std::string>> ColumnsToGiveBack(
    backend::Database& db, const ArchiveRecord& a, bool* narrowed) {
  absl::StatusOr<std::vector<CatalogColumn>> table = TableColumns(db, a.table);
  if (!table.ok()) return table.status();
  absl::StatusOr<std::vector<CatalogColumn>> kept =
      TableColumns(db, a.archive_table);
  if (!kept.ok()) return kept.status();
  std::vector<std::string> values;
  if (table->empty() || kept->empty()) return values;
  *narrowed = Find(*kept, kNarrowedTo) != nullptr;
  for (const CatalogColumn& k : *kept) {
    if (a.columns.empty() ||
        std::find(a.columns.begin(), a.columns.end(), k.name) != a.columns.end()) {
      values.push_back(k.name);
    }
  }
  for (const std::string& v : values) {
    const CatalogColumn* now = Find(*table, v);
    if (now == nullptr && !a.columns.empty()) return std::vector<std::string>{};
    const std::string was = Find(*kept, v)->type;
    if (now == nullptr || now->type != was) {
      return absl::FailedPreconditionError(absl::StrCat(
          "giving back ", a.table, ".", v, " from ", a.archive_table, ": the "
          "downgrade re-created ", now == nullptr ? "the table without it"
                                                  : absl::StrCat("it as ", now->type),
          ", its archived values are ", was, ". The tool does not convert them "
          "by guess: they stay in ", a.archive_table, " (", kArchivesTable,
          "); to run the downgrade without them, use --no-archive"));
    }
  }
  absl::StatusOr<std::vector<std::string>> keys = PrimaryKey(db, a.table);
  if (!keys.ok()) return keys.status();
  if (*keys != a.keys) {
    return absl::FailedPreconditionError(absl::StrCat(
        "giving back ", a.table, " from ", a.archive_table,
        ": its primary key is now (", absl::StrJoin(*keys, ", "),
        "), the archive's rows are matched by (", absl::StrJoin(a.keys, ", "),
        "); they stay in ", a.archive_table, "; to run the downgrade without "
        "them, use --no-archive"));
  }
  return values;
}

// Runs the giving back `dml` of `a` (`rows` rows) and its record
// (ArchiveStore::Restored) together: in a transaction of their own on
// MySQL, whose downgrade statements ran one by one, so that a run killed
// before the archive is retired does not give the values back again over
// what was written since; in the step's transaction elsewhere.
absl::Status GiveBackRecorded(backend::Database& db, ArchiveStore& store,
                              const ArchiveRecord& a, std::string dml,
                              int64_t rows) {
  std::vector<backend::BoundStatement> txn = {{std::move(dml), {}},
                                              store.Restored(a, rows)};
  if (db.transactional_ddl()) return db.ExecuteAll(txn);
  txn.insert(txn.begin(), {"BEGIN", {}});
  txn.push_back({"COMMIT", {}});
  absl::Status st = db.ExecuteAll(txn);
  if (!st.ok()) (void)db.Rollback();
  return st;
}

// The UPDATE that refills `a`'s columns into the rows of its table that
// `match` (over the table and the archive `a`) pairs with an archived row.
absl::StatusOr<std::string> RefillStatement(backend::Database& db, const ArchiveRecord& a,
                                            const std::string& match) {
  const std::string dialect(db.dialect());
  const std::string t = QuoteName(dialect, a.table);
  const std::string from = QuoteName(dialect, a.archive_table);
  // Only the rows whose values are not back yet are written, so that a
  // trigger on UPDATE (an updated_at kept by a trigger on SQLite and
  // PostgreSQL) fires for none of the rows the downgrade already restored.
  std::vector<std::string> sets, differs;
  for (const std::string& v : a.columns) {
    const std::string c = QuoteName(dialect, v);
    sets.push_back(
        absl::StrCat(dialect == "mysql" ? t + "." : "", c, " = a.", c));
    differs.push_back(
        dialect == "mysql"
            ? absl::StrCat("NOT (", t, ".", c, " <=> a.", c, ")")
            : absl::StrCat(t, ".", c,
                           dialect == "sqlite" ? " IS NOT " : " IS DISTINCT FROM ",
                           "a.", c));
  }
  // MySQL stamps an ON UPDATE CURRENT_TIMESTAMP column of each row it
  // changes unless the statement sets it: set to itself, it keeps its time.
  absl::StatusOr<std::vector<std::string>> stamped = OnUpdateColumns(db, a.table);
  if (!stamped.ok()) return stamped.status();
  for (const std::string& s : *stamped) {
    if (std::find(a.columns.begin(), a.columns.end(), s) != a.columns.end()) continue;
    const std::string c = absl::StrCat(t, ".", QuoteName(dialect, s));
    sets.push_back(absl::StrCat(c, " = ", c));
  }
  const std::string changed = absl::StrCat("(", absl::StrJoin(differs, " OR "), ")");
  return dialect == "mysql"
             ? absl::StrCat("UPDATE ", t, " JOIN ", from, " a ON ", match, " SET ",
                            absl::StrJoin(sets, ", "), " WHERE ", changed)
             : absl::StrCat("UPDATE ", t, " SET ", absl::StrJoin(sets, ", "), " FROM ", from,
                            " a WHERE ", KeyMatch(dialect, t, a.keys), " AND ", changed);
}

// Gives back `a` into its re-created table: the rows it refilled or
// inserted; nullopt when the downgrade did not re-create what it keeps.
absl::StatusOr<std::optional<int64_t>> GiveBack(backend::Database& db,
                                                ArchiveStore& store,
                                                const ArchiveRecord& a) {
  const std::string dialect(db.dialect());
  bool narrowed = false;  // only the rows that still hold what it stored
  absl::StatusOr<std::vector<std::string>> values =
      ColumnsToGiveBack(db, a, &narrowed);
  if (!values.ok()) return values.status();
  if (values->empty()) return std::nullopt;
  const std::string t = QuoteName(dialect, a.table);
  const std::string from = QuoteName(dialect, a.archive_table);
  if (a.columns.empty()) {  // a whole table: the rows whose key it lacks
    const std::string missing = absl::StrCat(
        " FROM ", from, " a WHERE NOT EXISTS (SELECT 1 FROM ", t, " WHERE ",
        KeyMatch(dialect, t, a.keys), ")");
    absl::StatusOr<int64_t> n = Count(db, absl::StrCat("SELECT COUNT(*)", missing));
    if (!n.ok()) return n.status();
    absl::Status st = GiveBackRecorded(
        db, store, a,
        absl::StrCat("INSERT INTO ", t, " (", QuotedList(dialect, *values),
                     ") SELECT ", QuotedList(dialect, *values, "a."), missing),
        *n);
    if (!st.ok()) return st;
    return std::optional<int64_t>(*n);
  }
  std::string match = KeyMatch(dialect, t, a.keys);
  if (narrowed) {  // a value written since the narrowing stays
    const std::string c = QuoteName(dialect, a.columns[0]);
    absl::StrAppend(&match, " AND ", t, ".", c, " <=> a.", kNarrowedTo);
  }
  absl::StatusOr<int64_t> n = Count(
      db, absl::StrCat("SELECT COUNT(*) FROM ", from, " a JOIN ", t, " ON ", match));
  if (!n.ok()) return n.status();
  absl::StatusOr<std::string> dml = RefillStatement(db, a, match);
  if (!dml.ok()) return dml.status();
  absl::Status st = GiveBackRecorded(db, store, a, *std::move(dml), *n);
  if (!st.ok()) return st;
  return std::optional<int64_t>(*n);
}

}  // namespace

absl::StatusOr<std::vector<RestoredTable>> RestoreArchives(
    backend::Database& db, ArchiveStore& store, int64_t version) {
  absl::StatusOr<std::vector<ArchiveRecord>> all = store.List();
  if (!all.ok()) return all.status();
  std::vector<RestoredTable> out;
  std::set<std::pair<std::string, std::vector<std::string>>> given;
  bool retired = false;
  for (auto it = all->rbegin(); it != all->rend(); ++it) {  // newest first
    const ArchiveRecord& a = *it;
    if (a.version != version || a.direction != "upgrade") continue;
    if (!a.rows) {  // a copy a crash cut short: the values were not dropped
      if (absl::Status st = store.Retire(a); !st.ok()) return st;
      continue;
    }
    const auto key = std::make_pair(a.table, a.columns);
    if (a.restored_rows) {  // given back by a run that died before retiring
      if (*a.restored_rows > 0) out.push_back({a.table, *a.restored_rows});
      given.insert(key);
    } else if (!given.count(key)) {
      absl::StatusOr<bool> exists = db.TableExists(a.archive_table);
      if (!exists.ok()) return exists.status();
      if (*exists) {
        absl::StatusOr<std::optional<int64_t>> n = GiveBack(db, store, a);
        if (!n.ok()) return n.status();
        if (!*n) continue;  // not re-created: kept
        if (**n > 0) out.push_back({a.table, **n});
      }
      given.insert(key);
    }
    if (absl::Status st = store.Retire(a); !st.ok()) return st;
    retired = true;
  }
  if (retired) {
    if (absl::Status st = store.DropIfEmpty(); !st.ok()) return st;
  }
  return out;
}

std::string DescribeRestored(const std::vector<RestoredTable>& restored) {
  std::vector<std::pair<std::string, int64_t>> by_table;
  for (const RestoredTable& r : restored) {
    auto it = std::find_if(by_table.begin(), by_table.end(),
                           [&](const auto& p) { return p.first == r.table; });
    if (it == by_table.end()) {
      by_table.push_back({r.table, r.rows});
    } else {
      it->second += r.rows;
    }
  }
  std::vector<std::string> parts;
  for (const auto& [table, rows] : by_table) {
    std::string n = absl::StrCat(rows);
    for (int i = static_cast<int>(n.size()) - 3; i > 0; i -= 3) n.insert(i, ",");
    parts.push_back(absl::StrCat(table, ": ", n, rows == 1 ? " row" : " rows"));
  }
  return absl::StrJoin(parts, ", ");
}

}  // namespace aos::engine
