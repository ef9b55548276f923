#include "core/engine/archive/archive_view.h"

#include "absl/time/time.h"
#include "core/engine/archive/archive_plan.h"
#include "core/engine/archive/archive_store.h"
#include "core/sql/destructive_statement.h"

namespace aos::engine {

std::vector<report::ArchivedStatement> ArchivedStatements(
    const std::vector<std::string>& statements, absl::string_view dialect,
    bool upgrade) {
  std::vector<report::ArchivedStatement> out;
  for (size_t i = 0; i < statements.size(); ++i) {
    const int64_t k = static_cast<int64_t>(i) + 1;
    const std::string reserved = ReservedNameIn(statements[i], dialect);
    if (!reserved.empty()) {
      out.push_back({k, "", {}, reserved});
      continue;
    }
    if (!upgrade) continue;
    sql::DestructionReading r = sql::ReadDestructions(statements[i], dialect);
    if (!r.unread.empty()) {
      out.push_back({k, "", {}, r.unread});
      continue;
    }
    for (const sql::Destruction& d : r.destroys) {
      if (d.table.schema == "temp" || d.table.schema == "pg_temp") continue;
      out.push_back({k, d.table.name, d.columns, ""});
    }
  }
  return out;
}

absl::StatusOr<std::vector<report::KeptArchive>> KeptArchives(
    backend::Database& db, const std::string& repository_id) {
  ArchiveStore store(db, repository_id);
  absl::StatusOr<std::vector<ArchiveRecord>> all = store.List();
  if (!all.ok()) return all.status();
  std::vector<report::KeptArchive> out;
  for (const ArchiveRecord& a : *all) {
    if (!a.rows) continue;  // a copy a crash cut short: never kept
    out.push_back({a.archive_table, a.version, a.direction, a.statement,
                   a.table, a.columns, *a.rows, a.bytes,
                   absl::FormatTime("%Y-%m-%d %H:%M:%S UTC",
                                    absl::FromUnixSeconds(a.created_at),
                                    absl::UTCTimeZone())});
  }
  return out;
}

}  // namespace aos::engine
