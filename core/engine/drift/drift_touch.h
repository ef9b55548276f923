// drift_touch.h: which drifted tables a pending step touches (issue 29),
// for --dry-run's warning: a statement's tables as the DDL reader names
// them (sql/statement_kind.h DdlTargets), else every identifier it holds
// (a superset: a table-level match, on the safe side). A statement that
// names a drifted trigger touches its table.
#ifndef AOS_CORE_ENGINE_DRIFT_DRIFT_TOUCH_H_
#define AOS_CORE_ENGINE_DRIFT_DRIFT_TOUCH_H_

#include <string>
#include <vector>

#include "core/report/drift_info.h"

namespace aos::engine {

// The tables (sorted, each once) of `drift`'s unaccepted differences that
// one of `statements` touches.
std::vector<std::string> DriftedTablesTouched(const std::vector<std::string>& statements,
                                              const report::DriftInfo& drift);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_DRIFT_DRIFT_TOUCH_H_
