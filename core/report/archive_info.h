// archive_info.h: the archive of dropped values (issue 27,
// engine/archive/archive_plan.h) as the views show it: the statements of a
// pending upgrade that will be archived first (--dry-run, "archived" per
// step), and the archives a module keeps now (--status, "archives"). Filled
// in by engine/archive/archive_view.h, rendered by archive_report.h.
#ifndef AOS_CORE_REPORT_ARCHIVE_INFO_H_
#define AOS_CORE_REPORT_ARCHIVE_INFO_H_

#include <cstdint>
#include <string>
#include <vector>

namespace aos::report {

// A statement of a pending upgrade whose destroyed values are kept first.
struct ArchivedStatement {
  int64_t statement = 0;  // from 1
  std::string table;
  std::vector<std::string> columns;  // empty: the whole table
  // "" when kept; else why a run would refuse it (as the run says it).
  std::string refused;
};

// An archive a module keeps (aos_migration_archives).
struct KeptArchive {
  std::string archive_table;
  int64_t version = 0;
  std::string direction;
  int64_t statement = 0;
  std::string table;
  std::vector<std::string> columns;  // empty: the whole table
  int64_t rows = 0;
  int64_t bytes = 0;
  std::string created;  // "2026-12-01 17:05:04 UTC"
};

}  // namespace aos::report

#endif  // AOS_CORE_REPORT_ARCHIVE_INFO_H_
