// archive_restore.h: the way back (issue 27). After the downgrade of a
// migration ran its statements, each archive the upgrade of that
// migration made (archive_store.h), newest first, is given back by
// primary key: a re-created column is refilled for the rows that still
// exist (only those whose values are not back already are written: an
// UPDATE trigger fires for no other); a re-created table gets the archived rows whose key it does not
// hold (rows written since keep what they have). Then the archive is
// retired, and each older one of the same table and columns with it.
// An archive whose table or columns the downgrade did not re-create is
// kept. A re-created column of another type than the archived one, or a
// table whose primary key changed, fails the step: the values are not
// converted by guess, and stay in the archive.
#ifndef AOS_CORE_ENGINE_ARCHIVE_ARCHIVE_RESTORE_H_
#define AOS_CORE_ENGINE_ARCHIVE_ARCHIVE_RESTORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/engine/archive/archive_store.h"

namespace aos::engine {

struct RestoredTable {
  std::string table;
  int64_t rows = 0;  // rows refilled or given back
};

absl::StatusOr<std::vector<RestoredTable>> RestoreArchives(
    backend::Database& db, ArchiveStore& store, int64_t version);

// "unit: 2,000 rows, l_old: 3 rows" (summed by table).
std::string DescribeRestored(const std::vector<RestoredTable>& restored);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_ARCHIVE_ARCHIVE_RESTORE_H_
