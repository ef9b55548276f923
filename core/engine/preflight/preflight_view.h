// preflight_view.h: the pre-flight (preflight.h) as --dry-run and --status
// show it before any run: for each pending step, each data-dependent
// change of its statements asked of the live data now, when a run would
// ask it before the step and nothing an earlier pending step runs writes
// the tables it reads; otherwise "at_run", saying when it is asked. A
// check that would scan a table at or above the DDL gate's limits is not
// asked by a view: "at_run", its note saying so. A column narrowed over
// values that do not fit, in a step whose narrowings the archive may keep
// (`keeps[k]`: an upgrade, archived_narrowing.h), is "at_run" too where
// the step's session may cut them silently: the run decides there.
// Read-only: catalog queries and the bounded SELECTs only.
#ifndef AOS_CORE_ENGINE_PREFLIGHT_PREFLIGHT_VIEW_H_
#define AOS_CORE_ENGINE_PREFLIGHT_PREFLIGHT_VIEW_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/backend/database.h"
#include "core/report/preflight_finding.h"
#include "core/sql/statement_splitter.h"

namespace aos::engine {

// Why a check of statement `statement` (from 1) of pending step `step` on
// `table` is not asked by a view (it would scan a table at or above the
// DDL gate's limits), or "" to ask it.
using TooBigToAsk = std::function<std::string(size_t step, int64_t statement,
                                              const std::string& table)>;

// `steps[k]`: the statements of pending step k, `firsts[k]` the first a
// run executes (0-based).
std::vector<std::vector<report::PreflightFinding>> InspectPreflight(
    backend::Database& db,
    const std::vector<std::vector<sql::Statement>>& steps,
    const std::vector<size_t>& firsts, const TooBigToAsk& too_big,
    const std::vector<bool>& keeps = {});

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_PREFLIGHT_PREFLIGHT_VIEW_H_
