// drift_acceptance.h: --accept-drift -n MODULE (issue 29): under the
// module's migration lock, like every writer, the differences between its
// live schema and what its recorded version should have are recorded as
// accepted (drift/accepted_drift_store.h): exactly the present ones, so an
// acceptance that no longer matches (changed, or gone) is dropped. Applies
// nothing to the module's tables.
#ifndef AOS_CORE_ENGINE_DRIFT_ACCEPTANCE_H_
#define AOS_CORE_ENGINE_DRIFT_ACCEPTANCE_H_

#include "core/config/connection_url.h"
#include "core/engine/module_migrator.h"
#include "core/plugin/module_plugin.h"
#include "core/report/module_result.h"

namespace aos::engine {

// The module's row: OK with `accepted_drift` (how many differences are
// accepted now) and from = to = the recorded version; FAIL when its drift
// is not known (no expected schema for the engine or version, a step left
// part-way), when a run would refuse to touch it, or on a database error.
report::ModuleResult AcceptModuleDrift(const plugin::ModulePlugin& module,
                                       const config::ConnectionUrl& url,
                                       const MigrateOptions& options);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_DRIFT_ACCEPTANCE_H_
