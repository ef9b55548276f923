// bookkeeping_tables.h: the tables the tool keeps in a module's database
// beside the module's own: versions (version_store.h), history
// (history_store.h), the statement ledger (statement_ledger.h) and the
// lock (lease_lock.h), the controllers' registry (controller_registry.h),
// where a batched DML statement is (batch/batch_progress.h, issue 28),
// the empty clones a run tries a statement on
// for a moment (probe_tables.h), the archives of what steps destroyed
// with their records (archive/archive_store.h, issue 27), and the drift an
// operator accepted (drift/accepted_drift_store.h, issue 29). A database holding
// only these is empty to the module; schema comparisons leave them out.
#ifndef AOS_CORE_ENGINE_BOOKKEEPING_BOOKKEEPING_TABLES_H_
#define AOS_CORE_ENGINE_BOOKKEEPING_BOOKKEEPING_TABLES_H_

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "core/engine/ddl/probe_names.h"

namespace aos::engine {

// Issue 27: the archives of dropped values (aos_migration_archive_<n>) and
// their records (archive/archive_store.h).
inline constexpr char kArchivesTable[] = "aos_migration_archives";
inline constexpr char kArchivePrefix[] = "aos_migration_archive_";

inline bool IsArchiveTable(absl::string_view table) {
  return absl::StartsWith(table, kArchivePrefix) || table == kArchivesTable;
}

// Issue 29: the differences --accept-drift recorded.
inline constexpr char kDriftAcceptedTable[] = "aos_migration_drift_accepted";

inline bool IsBookkeepingTable(absl::string_view table) {
  return table == "migrate_version" || table == "aos_migration_history" ||
         table == "aos_migration_progress" || table == "aos_migration_lock" ||
         table == "aos_migration_controllers" ||
         table == "aos_migration_batches" ||  // issue 28: batched DML
         table == kDriftAcceptedTable ||      // issue 29
         IsProbeTable(table) ||
         IsArchiveTable(table);
}

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_BOOKKEEPING_BOOKKEEPING_TABLES_H_
