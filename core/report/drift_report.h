// drift_report.h: how a module's drift (drift_info.h) is written: one line
// per difference (-v, stderr, a refusal's text) and the JSON keys of
// --status, --dry-run and a run:
//   "drift": [{"object", "kind", "expected", "actual"}, ...] the
//            differences no one accepted ([] when none; null when drift is
//            not known or was not checked),
//   "drift_accepted": the same for those --accept-drift recorded,
//   "drift_reason": why drift is not known or was not checked, else null.
#ifndef AOS_CORE_REPORT_DRIFT_REPORT_H_
#define AOS_CORE_REPORT_DRIFT_REPORT_H_

#include <string>
#include <vector>

#include "core/report/drift_info.h"
#include "core/report/json_writer.h"

namespace aos::report {

// "extra column t.note: varchar(10) NULL", "missing index t.ix: (a)",
// "changed column t.c: expected int NOT NULL, found bigint NOT NULL".
std::string DriftLine(const DriftItem& item);

// The differences, "; " between them, at most `max` (then "and N more").
std::string DriftSummary(const std::vector<DriftItem>& items, size_t max);

// -v: "Drift of <name> at version V: 2 differences, 1 accepted" and a line
// per difference ("  accepted: ..." for an accepted one); "Drift of
// <name>: not known (<why>)"; "" when drift was not read.
std::string DriftListing(const std::string& name, const DriftInfo& drift);

void WriteDriftJson(JsonWriter& j, const DriftInfo& drift);

// --status's Note: `note` ("Up to date", the pending steps) with the
// drift's ("drift: 3 differences" for "Up to date", else after "; ").
std::string WithDriftNote(const std::string& note, const DriftInfo& drift);

// --dry-run: "-- warning: drift: this step touches widgets, whose live
// schema differs from what the recorded version should have (see --status
// -v)\n"; "" when it touches none. JSON: "drifted_tables": [...].
std::string DriftedTablesComment(const std::vector<std::string>& tables);
void WriteDriftedTables(JsonWriter& j, const std::vector<std::string>& tables);

}  // namespace aos::report

#endif  // AOS_CORE_REPORT_DRIFT_REPORT_H_
