// archive_store.h: the module's archives in its bookkeeping (issue 27):
// `aos_migration_archives`, one row an archive table, beside
// aos_migration_progress. An archive table `aos_migration_archive_<n>` holds what a
// step's statement destroyed (the primary key and the dropped columns, or
// a whole table); its row says which step, statement, table and columns,
// how many rows and bytes, and when. A row whose `row_count` is NULL is a
// copy not finished (a crash cut it): its table, if any, is dropped by the
// next archive or restore, before the statement that destroys ran.
// Neither counts as the module's schema: both names are bookkeeping's
// (bookkeeping/bookkeeping_tables.h: kArchivesTable, kArchivePrefix).
#ifndef AOS_CORE_ENGINE_ARCHIVE_ARCHIVE_STORE_H_
#define AOS_CORE_ENGINE_ARCHIVE_ARCHIVE_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/backend/database.h"
#include "core/engine/bookkeeping/bookkeeping_tables.h"

namespace aos::engine {

// The column of an archive of a narrowed column (kept beside the primary
// key and the old values) that holds what the change stored instead: the
// giving back refills only the rows that still hold it.
inline constexpr char kNarrowedTo[] = "aos_migration_cut";

struct ArchiveRecord {
  std::string archive_table;
  int64_t version = 0;
  std::string direction;  // "upgrade" or "downgrade"
  int64_t statement = 0;  // from 1
  std::string table;
  std::vector<std::string> columns;  // empty: the whole table
  std::vector<std::string> keys;     // the primary key's columns
  std::optional<int64_t> rows;       // nullopt: the copy is not finished
  // Set when its values were given back (how many rows), in the same
  // transaction as the giving back: a run that dies before the archive is
  // retired does not give them back a second time over what was written
  // since (archive_restore.h).
  std::optional<int64_t> restored_rows;
  int64_t bytes = 0;
  int64_t created_at = 0;  // Unix seconds
  int64_t seq = 0;         // the order archives were made in
};

class ArchiveStore {
 public:
  ArchiveStore(backend::Database& db, std::string repository_id)
      : db_(db), repository_id_(std::move(repository_id)) {}

  absl::Status EnsureTable();
  // The module's archives, oldest first; none when the table is absent.
  absl::StatusOr<std::vector<ArchiveRecord>> List();
  // A new record (rows unknown) with the next free name, written.
  absl::StatusOr<ArchiveRecord> Begin(int64_t version, bool upgrade,
                                      int64_t statement, std::string table,
                                      std::vector<std::string> columns,
                                      std::vector<std::string> keys);
  // The copy in `record.archive_table` is complete: its rows and bytes.
  absl::Status Finish(const ArchiveRecord& record, int64_t rows, int64_t bytes);
  // The statement that records `record` given back (`rows` rows): run in
  // the transaction of the giving back.
  backend::BoundStatement Restored(const ArchiveRecord& record,
                                   int64_t rows) const;
  // The archive and its record gone (its table first: a crash between
  // leaves a record without its table, which the next restore retires;
  // never a table no record names).
  absl::Status Retire(const ArchiveRecord& record);
  // Retires each copy a crash left unfinished.
  absl::Status DropUnfinished();
  // The records' table gone once it holds no archive (of any module): a
  // database whose archives were all given back is as it was without them.
  absl::Status DropIfEmpty();

 private:
  backend::Database& db_;
  std::string repository_id_;
};

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_ARCHIVE_ARCHIVE_STORE_H_
