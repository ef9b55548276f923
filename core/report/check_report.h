// check_report.h: --check, what each module needs next in a rolling
// upgrade (engine/rolling_plan.h, CheckCode: Keystone's `db_sync --check`
// codes), as the "DB check table" or JSON.
#ifndef AOS_CORE_REPORT_CHECK_REPORT_H_
#define AOS_CORE_REPORT_CHECK_REPORT_H_

#include <string>
#include <vector>

#include "core/report/module_status.h"

namespace aos::report {

// A module's answer: its code (0 current, 1 error, 2 expand pending or not
// installed, 3 migrate, 4 contract or undeclared) and the command that code
// calls for ("--expand", "--contract"; "" for 0 and 1).
struct CheckAnswer {
  int code = 0;
  std::string next;
};

// `answers[i]`: module i's. "DB check table": N, Module name, Current,
// Latest, Check, Next, Pending; a module not installed (version 0) says
// "not installed: N steps" in Pending rather than each step.
std::string RenderCheckTable(const std::vector<ModuleStatus>& modules,
                             const std::vector<CheckAnswer>& answers,
                             bool verbose);

// {"modules": [... "check": N, "next": "--expand" | null, "pending":
// [{version, phase, description}] ...], "check": overall, "next": the
// overall code's command | null}.
std::string RenderCheckJson(const std::vector<ModuleStatus>& modules,
                            const std::vector<CheckAnswer>& answers,
                            const CheckAnswer& overall);

}  // namespace aos::report

#endif  // AOS_CORE_REPORT_CHECK_REPORT_H_
