#include "core/engine/archive/archive_store.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "core/engine/archive/archive_catalog.h"

namespace aos::engine {
namespace {

int64_t Number(const std::optional<std::string>& v) {
  int64_t n = 0;
  if (v) (void)absl::SimpleAtoi(*v, &n);
  return n;
}

std::vector<std::string> Names(const std::optional<std::string>& v) {
  if (!v || v->empty()) return {};
  return absl::StrSplit(*v, '\n');
}

constexpr char kColumns[] =
    "archive_table, version, direction, statement_index, table_name, "
    "columns_kept, key_columns, row_count, byte_count, created_at, seq, "
    "restored_rows";

}  // namespace

absl::Status ArchiveStore::EnsureTable() {
  return db_.Execute(absl::StrCat(
      "CREATE TABLE IF NOT EXISTS ", kArchivesTable,
      " (archive_table VARCHAR(64) NOT NULL PRIMARY KEY"
      ", repository_id VARCHAR(250) NOT NULL"
      ", version INTEGER NOT NULL"
      ", direction VARCHAR(16) NOT NULL"
      ", statement_index INTEGER NOT NULL"
      ", table_name VARCHAR(250) NOT NULL"
      ", columns_kept TEXT NOT NULL"
      ", key_columns TEXT NOT NULL"
      ", row_count BIGINT NULL"
      ", byte_count BIGINT NOT NULL"
      ", created_at BIGINT NOT NULL"
      ", seq BIGINT NOT NULL"
      ", restored_rows BIGINT NULL)"));
}

absl::StatusOr<std::vector<ArchiveRecord>> ArchiveStore::List() {
  // Asked first, never tried: a failed query would end a PostgreSQL
  // step's transaction.
  std::vector<ArchiveRecord> out;
  absl::StatusOr<bool> exists = db_.TableExists(kArchivesTable);
  if (!exists.ok()) return exists.status();
  if (!*exists) return out;
  absl::StatusOr<std::vector<backend::Row>> rows = db_.Query(
      absl::StrCat("SELECT ", kColumns, " FROM ", kArchivesTable,
                   " WHERE repository_id = ? ORDER BY seq"),
      {repository_id_});
  if (!rows.ok()) return rows.status();
  for (const backend::Row& r : *rows) {
    if (r.size() != 12) continue;
    ArchiveRecord a;
    a.archive_table = r[0].value_or("");
    a.version = Number(r[1]);
    a.direction = r[2].value_or("");
    a.statement = Number(r[3]);
    a.table = r[4].value_or("");
    a.columns = Names(r[5]);
    a.keys = Names(r[6]);
    if (r[7]) a.rows = Number(r[7]);
    a.bytes = Number(r[8]);
    a.created_at = Number(r[9]);
    a.seq = Number(r[10]);
    if (r[11]) a.restored_rows = Number(r[11]);
    out.push_back(std::move(a));
  }
  return out;
}

absl::StatusOr<ArchiveRecord> ArchiveStore::Begin(
    int64_t version, bool upgrade, int64_t statement, std::string table,
    std::vector<std::string> columns, std::vector<std::string> keys) {
  absl::StatusOr<std::vector<backend::Row>> top = db_.Query(
      absl::StrCat("SELECT COALESCE(MAX(seq), 0) FROM ", kArchivesTable));
  if (!top.ok()) return top.status();
  ArchiveRecord a;
  a.seq = top->empty() || top->at(0).empty() ? 1 : Number(top->at(0)[0]) + 1;
  for (;; ++a.seq) {  // a free name: never a table the module has
    a.archive_table = absl::StrCat(kArchivePrefix, a.seq);
    absl::StatusOr<bool> taken = db_.TableExists(a.archive_table);
    if (!taken.ok()) return taken.status();
    if (!*taken) break;
  }
  a.version = version;
  a.direction = upgrade ? "upgrade" : "downgrade";
  a.statement = statement;
  a.table = std::move(table);
  a.columns = std::move(columns);
  a.keys = std::move(keys);
  a.created_at = absl::ToUnixSeconds(absl::Now());
  absl::Status st = db_.Execute(
      absl::StrCat("INSERT INTO ", kArchivesTable, " (", kColumns,
                   ", repository_id) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 0, ?, "
                   "?, NULL, ?)"),
      {a.archive_table, a.version, a.direction, a.statement, a.table,
       absl::StrJoin(a.columns, "\n"), absl::StrJoin(a.keys, "\n"),
       a.created_at, a.seq, repository_id_});
  if (!st.ok()) return st;
  return a;
}

absl::Status ArchiveStore::Finish(const ArchiveRecord& record, int64_t rows,
                                  int64_t bytes) {
  return db_.Execute(
      absl::StrCat("UPDATE ", kArchivesTable,
                   " SET row_count = ?, byte_count = ? WHERE archive_table = ?"),
      {rows, bytes, record.archive_table});
}

backend::BoundStatement ArchiveStore::Restored(const ArchiveRecord& record,
                                               int64_t rows) const {
  return {absl::StrCat("UPDATE ", kArchivesTable,
                       " SET restored_rows = ? WHERE archive_table = ?"),
          {rows, record.archive_table}};
}

absl::Status ArchiveStore::Retire(const ArchiveRecord& record) {
  absl::Status st = db_.Execute(absl::StrCat(
      "DROP TABLE IF EXISTS ", QuoteName(db_.dialect(), record.archive_table)));
  if (!st.ok()) return st;
  return db_.Execute(
      absl::StrCat("DELETE FROM ", kArchivesTable, " WHERE archive_table = ?"),
      {record.archive_table});
}

absl::Status ArchiveStore::DropIfEmpty() {
  absl::StatusOr<bool> exists = db_.TableExists(kArchivesTable);
  if (!exists.ok() || !*exists) return exists.status();
  absl::StatusOr<std::vector<backend::Row>> left =
      db_.Query(absl::StrCat("SELECT COUNT(*) FROM ", kArchivesTable));
  if (!left.ok()) return left.status();
  if (left->empty() || left->at(0).empty() ||
      left->at(0)[0].value_or("") != "0") {
    return absl::OkStatus();
  }
  return db_.Execute(absl::StrCat("DROP TABLE IF EXISTS ", kArchivesTable));
}

absl::Status ArchiveStore::DropUnfinished() {
  absl::StatusOr<std::vector<ArchiveRecord>> all = List();
  if (!all.ok()) return all.status();
  for (const ArchiveRecord& a : *all) {
    if (a.rows) continue;
    if (absl::Status st = Retire(a); !st.ok()) return st;
  }
  return absl::OkStatus();
}

}  // namespace aos::engine
