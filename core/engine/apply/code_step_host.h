// code_step_host.h: the host API table (aos_migration_host_api) that a
// plugin's code step receives, backed by one open Database. It keeps the
// error the step or the database reported.
#ifndef AOS_CORE_ENGINE_APPLY_CODE_STEP_HOST_H_
#define AOS_CORE_ENGINE_APPLY_CODE_STEP_HOST_H_

#include <string>

#include "absl/status/status.h"
#include "core/abi/aos_migration_abi.h"
#include "core/backend/database.h"
#include "core/plugin/module_plugin.h"

namespace aos::engine {

// Runs a code step against `db`, turning its outcome into a Status. A
// database failure inside the step stays a database error.
absl::Status RunCodeStep(const plugin::Step& step, backend::Database& db,
                         const std::string& module_id);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_APPLY_CODE_STEP_HOST_H_
