// archive_report.h: the archive of dropped values (archive_info.h) as the
// views render it: a step's "archived" array and a module's "archives" in
// JSON, and --dry-run's comment line before a statement archived first.
// Internal to status_report.cc.
#ifndef AOS_CORE_REPORT_ARCHIVE_REPORT_H_
#define AOS_CORE_REPORT_ARCHIVE_REPORT_H_

#include <string>
#include <vector>

#include "core/report/archive_info.h"
#include "core/report/json_writer.h"

namespace aos::report {

// "archived": [{"statement": 1, "table": "l", "columns": ["gone"],
// "refused": null}, ...]
void WriteArchived(JsonWriter& j, const std::vector<ArchivedStatement>& a);

// "archives": [{"archive_table": "aos_migration_archive_1", "version": 2, ...}]
void WriteArchives(JsonWriter& j, const std::vector<KeptArchive>& kept);

// "archived first: l (gone, with its primary key)" / "archived first:
// l_old (the whole table)" / "archive refuses: <why>", for --dry-run.
std::string ArchivedLine(const ArchivedStatement& a);

}  // namespace aos::report

#endif  // AOS_CORE_REPORT_ARCHIVE_REPORT_H_
