// data_walk.h: the conformance kit's walk with data (issues 26 and 27).
// From the version the database is at (after the snake walk: its base),
// before each upgrade step every table of the module is filled with
// generated rows (row_generator.h: a few hundred a table, reproducible,
// types, foreign keys and NOT NULL respected), then:
//  - the pre-flight (engine/preflight/preflight_view.h) is read as --dry-run
//    shows it, and the step is run: it must succeed over the rows, and the
//    pre-flight must agree with what the step then did, both the checks
//    asked before the step and those the run asks right before their
//    statement (told through MigrateOptions::preflight_observer): a step
//    the pre-flight passed that fails on the rows (naming the statement and
//    what the run asked of it there: checks that found nothing in the way,
//    checks it skipped or could not ask; or that it asked nothing of it),
//    one it refused, or one that ran over a conflict it found, fails the
//    walk;
//  - a reversible step is then run down and up again over the rows, with
//    the module's rows read (row_snapshot.h) before the up, before the
//    down, after the down and after the up again: every table and column
//    the up destroyed and the archive kept (engine/archive) must be back
//    after the down with exactly the values it had before the up, and the
//    round trip must keep the rows of every table there at both points
//    (row_loss.h says how they are compared). A loss the migration declares
//    (`-- aos:loses <table>[.<column>]` in its up or down script) passes;
//    an undeclared one fails the walk naming the step, table and column; a
//    declaration of nothing lost fails as stale. Such a failure does not
//    stop the walk (the database is at the step's version either way).
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
