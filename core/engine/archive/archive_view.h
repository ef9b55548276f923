// archive_view.h: the archive of dropped values (issue 27) for the views:
// which statements of a pending upgrade a run archives first (read from
// the statements alone: --dry-run's "archived"; the refusals that need
// the live table, a missing primary key or the size, are the run's), and
// the archives a module keeps now (--status's "archives").
#ifndef AOS_CORE_ENGINE_ARCHIVE_ARCHIVE_VIEW_H_
#define AOS_CORE_ENGINE_ARCHIVE_ARCHIVE_VIEW_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/report/archive_info.h"

namespace aos::engine {

std::vector<report::ArchivedStatement> ArchivedStatements(
    const std::vector<std::string>& statements, absl::string_view dialect,
    bool upgrade);

// One query when the module keeps none (its records table is absent).
absl::StatusOr<std::vector<report::KeptArchive>> KeptArchives(
    backend::Database& db, const std::string& repository_id);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_ARCHIVE_ARCHIVE_VIEW_H_
