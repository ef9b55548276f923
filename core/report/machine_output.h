// machine_output.h: the -f json and -f value renderings of a migrate run,
// so automation needs no screen scraping. JSON carries, per module: id,
// name, status, from, to, result (as the table shows it with --verbose) and
// error (the full error, or null) and category (the kind of database
// failure, database_error.h's names, or null). Errors never hold a password: the engine
// redacts them before they get here. Issue 29: "drift", "drift_accepted"
// and "drift_reason" (drift_report.h), as the run found them before its
// first step.
#ifndef AOS_CORE_REPORT_MACHINE_OUTPUT_H_
#define AOS_CORE_REPORT_MACHINE_OUTPUT_H_

#include <string>
#include <vector>

#include "core/report/module_result.h"

namespace aos::report {

// {"modules": [{"id": ..., "name": ..., "status": "OK"|"FAIL", "from": N|null,
//  "to": N|null, "result": "...", "error": "..."|null}, ...]}
std::string RenderResultsJson(const std::vector<ModuleResult>& results);

// One line per module: "<id> <OK|FAIL> <result>", as OSC's -f value does.
std::string RenderResultsValue(const std::vector<ModuleResult>& results,
                               bool verbose);

}  // namespace aos::report

#endif  // AOS_CORE_REPORT_MACHINE_OUTPUT_H_
