// preflight_report.h: the pre-flight's findings (preflight_finding.h) as
// the views render them: the step's "preflight" array in JSON, a comment
// line before the statement in --dry-run, a note in the --status table.
#ifndef AOS_CORE_REPORT_PREFLIGHT_REPORT_H_
#define AOS_CORE_REPORT_PREFLIGHT_REPORT_H_

#include <string>
#include <vector>

#include "core/report/json_writer.h"
#include "core/report/module_status.h"
#include "core/report/preflight_finding.h"

namespace aos::report {

// "preflight": [{"statement": 2, "table": "p", ...}, ...]
void WritePreflight(JsonWriter& j, const std::vector<PreflightFinding>& found);

// Whether --dry-run's text shows `f`: a conflict, a check that could not
// be asked, or one that scans a table above the DDL gate's limits (JSON
// has every finding).
bool PreflightWorthALine(const PreflightFinding& f);

// "pre-flight: UNIQUE (v) on p: refused: 5 rows share a value of (v):
// ('a') x3, ('b') x2 (3 ms)", for --dry-run.
std::string PreflightLine(const PreflightFinding& f);

// " (pre-flight refuses: statement 2, 5 rows in p)" for a step in the
// --status table; "" when nothing is refused.
std::string PreflightNote(const PendingStep& p);

}  // namespace aos::report

#endif  // AOS_CORE_REPORT_PREFLIGHT_REPORT_H_
