// bookkeeping_tables.h: the tables the tool keeps in a module's database
// beside the module's own: versions (version_store.h), history
// (history_store.h), the statement ledger (statement_ledger.h) and the
// lock (lease_lock.h), the controllers' registry (controller_registry.h),
// and the empty clones a run tries a statement on
// for a moment (probe_tables.h). A database holding only these is empty to the
// module; schema comparisons leave them out.
#ifndef AOS_CORE_ENGINE_BOOKKEEPING_TABLES_H_
#define AOS_CORE_ENGINE_BOOKKEEPING_TABLES_H_

#include "absl/strings/string_view.h"
#include "absl/strings/match.h"

namespace aos::engine {

// The empty clones of probe_tables.h.
inline constexpr char kProbePrefix[] = "_aos_probe_";

inline bool IsProbeTable(absl::string_view table) {
  return absl::StartsWith(table, kProbePrefix);
}

// Issue 27: the archives of dropped values and their records
// (archive_store.h: kArchivePrefix, kArchivesTable).
inline bool IsArchiveTable(absl::string_view table) {
  return absl::StartsWith(table, "aos_migration_archive_") ||
         table == "aos_migration_archives";
}

inline bool IsBookkeepingTable(absl::string_view table) {
  return table == "migrate_version" || table == "aos_migration_history" ||
         table == "aos_migration_progress" || table == "aos_migration_lock" ||
         table == "aos_migration_controllers" || IsProbeTable(table) ||
         IsArchiveTable(table);
}

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_BOOKKEEPING_TABLES_H_
