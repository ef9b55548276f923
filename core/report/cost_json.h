// cost_json.h: a pending step's "ddl" array in the -f json documents of
// --dry-run and --status: what each gated statement would cost
// (statement_cost.h), with, for the DML gate's (issue 28), how it batches
// and over which key columns.
#ifndef AOS_CORE_REPORT_COST_JSON_H_
#define AOS_CORE_REPORT_COST_JSON_H_

#include <vector>

#include "core/report/json_writer.h"
#include "core/report/statement_cost.h"

namespace aos::report {

// Writes the key "ddl" and its array.
void WriteCosts(JsonWriter& j, const std::vector<StatementCost>& costs);

}  // namespace aos::report

#endif  // AOS_CORE_REPORT_COST_JSON_H_
