// data_walk.h: the conformance kit's walk with data (issue 26). From the
// version the database is at (after the snake walk: its base), before each
// upgrade step every table of the module is filled with generated rows
// (row_generator.h: a few hundred a table, reproducible, types, foreign
// keys and NOT NULL respected), then:
//  - the pre-flight (engine/preflight_view.h) is read as --dry-run shows
//    it, and the step is run: it must succeed over the rows, and the
//    pre-flight must agree with what the step then did (a step the
//    pre-flight passed that fails on the rows, or one it refused, fails the
//    walk, naming the step and the error);
//  - a reversible step is then run down and up again over the rows: both
//    must succeed.
// Rows a down step drops are not compared (no module states what it keeps).
#ifndef AOS_CORE_CONFORMANCE_DATA_WALK_H_
#define AOS_CORE_CONFORMANCE_DATA_WALK_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/config/connection_url.h"
#include "core/conformance/plugin_conformance.h"
#include "core/plugin/module_plugin.h"

namespace aos::conformance {

inline constexpr int64_t kDataWalkRows = 200;  // a table, at most

std::vector<CheckResult> DataWalk(
    const plugin::ModulePlugin& module, const config::ConnectionUrl& url,
    const std::function<void(const std::string&)>& log);

}  // namespace aos::conformance

#endif  // AOS_CORE_CONFORMANCE_DATA_WALK_H_
