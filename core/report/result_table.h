// result_table.h: the report the spec shows, byte for byte in layout:
//
//   Running db migrate for: dashboard, cloud_manager
//
//   DB migrate table
//   | N | Module name  | Status | Result     |
//   | 1 | Dashboard    | OK     | No changes |
//   | 2 | CloudManager | OK     | 25 -> 28   |
//
// Columns are as wide as their widest cell. A Result longer than
// kResultWidth characters wraps at word boundaries onto continuation rows
// whose other cells are blank.
#ifndef AOS_CORE_REPORT_RESULT_TABLE_H_
#define AOS_CORE_REPORT_RESULT_TABLE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/report/module_result.h"
#include "core/report/text_table.h"

namespace aos::report {

inline constexpr size_t kResultWidth = 52;

// "Running db migrate for: a, b\n"
std::string RenderRunHeader(const std::vector<std::string>& module_ids);

// "DB migrate table\n" and the table, rows in the order given.
std::string RenderResultTable(const std::vector<ModuleResult>& results,
                              bool verbose);

}  // namespace aos::report

#endif  // AOS_CORE_REPORT_RESULT_TABLE_H_
