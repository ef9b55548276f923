// check_report.h: --check, what phases of a rolling upgrade each module
// has pending (engine/rolling_plan.h, CheckCode), as the "DB check table"
// or JSON.
#ifndef AOS_CORE_REPORT_CHECK_REPORT_H_
#define AOS_CORE_REPORT_CHECK_REPORT_H_

#include <string>
#include <vector>

#include "core/report/module_status.h"

namespace aos::report {

// `codes[i]`: module i's code (0, 2, 3, 4; 1 when it could not be read).
// "DB check table": N, Module name, Current, Latest, Check, Pending.
std::string RenderCheckTable(const std::vector<ModuleStatus>& modules,
                             const std::vector<int>& codes, bool verbose);

// {"modules": [... "check": N, "pending": [{version, phase,
// description}] ...], "check": overall}.
std::string RenderCheckJson(const std::vector<ModuleStatus>& modules,
                            const std::vector<int>& codes, int overall);

}  // namespace aos::report

#endif  // AOS_CORE_REPORT_CHECK_REPORT_H_
