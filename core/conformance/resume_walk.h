// resume_walk.h: the conformance kit's resume walk. For every statement of
// every SQL upgrade step of a plugin, a run from the version before the
// step is stopped as a crash would stop it, just before the statement and
// just after it; the next run must finish the step by itself (no
// --mark-version, no SQL by hand) and leave the schema, and the row count
// of every table, exactly as a run that was never stopped.
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
