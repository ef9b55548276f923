// run_options.h: the engine's one reading of what a person asked (the
// command line, as the CLI parsed it) over the tool's config: the options
// of a run (MigrateOptions) and of a view (--status, --migrations,
// --dry-run, --check), so that both decide the resume rule, the DDL policy
// and the rolling mode the same way. The CLI parses and renders; what the
// words mean is decided here.
#ifndef AOS_CORE_ENGINE_RUN_OPTIONS_H_
#define AOS_CORE_ENGINE_RUN_OPTIONS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "core/backend/database.h"
#include "core/config/tool_config.h"
#include "core/engine/ddl/ddl_cost.h"
#include "core/engine/drift/drift_policy.h"
#include "core/engine/module_migrator.h"

namespace aos::engine {

// What a person asked, flag by flag (nullopt / false: not given).
struct RunAsk {
  std::optional<int64_t> target_version;  // --migration N
  std::optional<int64_t> mark_version;    // --mark-version N
  bool force = false;                     // --force
  bool resume = false;                    // --resume
  bool allow_blocking = false;            // --allow-blocking
  bool online = false;                    // --online
  bool expand = false;                    // --expand
  bool contract = false;                  // --contract
  std::optional<int> lock_timeout;        // --lock-timeout
  bool no_archive = false;                // --no-archive
  bool purge_archives = false;            // --purge-archives
  std::optional<std::string> on_drift;    // --on-drift (issue 29)
};

// A view's settings: the same target, session, resume rule and DDL policy
// a run would use.
struct ViewOptions {
  std::optional<int64_t> target;
  backend::SessionOptions session;
  bool resume = true;
  DdlPolicy ddl;
  // Issue 29: the loaded modules (the CLI sets `drift.loaded`).
  DriftPolicy drift;
};

MigrateOptions RunOptionsFor(const RunAsk& ask, const config::ToolConfig& config);
ViewOptions ViewOptionsFor(const RunAsk& ask, const config::ToolConfig& config);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_RUN_OPTIONS_H_
