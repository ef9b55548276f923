// resume_walk.h: the conformance kit's resume walk. For every statement of
// every SQL upgrade step of a plugin, a run from the version before the
// step is stopped as a crash would stop it, just before the statement and
// just after it. The next run must either finish the step by itself (no
// --mark-version, no SQL by hand) and leave the schema and every table's
// rows, values included, exactly as a run that was never stopped, or
// refuse: fail for no fault of the database, telling a person what to do
// (naming --mark-version), having changed nothing since the stop. Never OK
// with another database.
//
// A refusal is no failure of the kit: the step's line passes, says at how
// many stops the next run refused and lists each with the refusal's text,
// so that the plugin's author sees where a crash needs a person. A next
// run that ends OK with a different database, fails with a database error,
// or refuses after changing the database fails the walk with the
// difference.
//
// MySQL and MariaDB only: PostgreSQL and SQLite roll a step back whole, so
// there is nothing to resume. The database is dropped and created again
// between attempts: the URL's user needs DROP and CREATE on it.
#ifndef AOS_CORE_CONFORMANCE_RESUME_WALK_H_
#define AOS_CORE_CONFORMANCE_RESUME_WALK_H_

#include <functional>
#include <string>
#include <vector>

#include "core/config/connection_url.h"
#include "core/conformance/plugin_conformance.h"
#include "core/plugin/module_plugin.h"

namespace aos::conformance {

std::vector<CheckResult> ResumeWalk(
    const plugin::ModulePlugin& module, const config::ConnectionUrl& url,
    const std::function<void(const std::string&)>& log);

}  // namespace aos::conformance

#endif  // AOS_CORE_CONFORMANCE_RESUME_WALK_H_
