// module_inspector.h: what a run would do to one module, without applying
// anything and without taking its lock: the recorded version, the latest,
// the pending steps (with their statements, for --dry-run), any interrupted
// step, and what a run would fail with (the same ModuleState reader and
// RunBlocker as the run itself, module_state.h). Serves --status,
// --migrations and --dry-run.
#ifndef AOS_CORE_ENGINE_MODULE_INSPECTOR_H_
#define AOS_CORE_ENGINE_MODULE_INSPECTOR_H_

#include <cstdint>
#include <optional>

#include "core/backend/database.h"
#include "core/config/connection_url.h"
#include "core/engine/ddl/ddl_cost.h"
#include "core/engine/drift/drift_policy.h"
#include "core/plugin/module_plugin.h"
#include "core/report/module_status.h"

namespace aos::engine {

using report::ModuleStatus;
using report::PendingStep;

// `target`: nullopt for the latest; `resume`: whether a run would resume a
// step left part-way (the config's auto_resume, or --resume). Never
// changes the database, but for the empty clones `ddl` (when given) has
// the cost of each pending DDL statement tried on (ddl_cost.h). `drift`
// (when given): the module's drift is read too (issue 29,
// drift/module_drift.h), and which drifted tables each pending step
// touches.
ModuleStatus InspectModule(const plugin::ModulePlugin& module,
                           const config::ConnectionUrl& url,
                           std::optional<int64_t> target,
                           const backend::SessionOptions& session,
                           bool resume = true,
                           const DdlPolicy* ddl = nullptr,
                           const DriftPolicy* drift = nullptr);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_MODULE_INSPECTOR_H_
