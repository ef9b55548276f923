#include "core/engine/run_options.h"

#include <algorithm>
#include <string>

#include "core/engine/archive/archive_policy.h"
#include "core/engine/ddl/online_alter.h"

namespace aos::engine {
namespace {

// A step left part-way is resumed when the config says so, or when the
// person asks for it this once.
bool ResumeRule(const RunAsk& ask, const config::ToolConfig& config) {
  return config.auto_resume || ask.resume;
}

// What blocks, and what a run does about it (ddl_cost.h).
DdlPolicy DdlPolicyFor(const RunAsk& ask, const config::ToolConfig& config) {
  DdlPolicy policy;
  policy.max_rows = config.blocking_max_rows;
  policy.max_bytes = config.blocking_max_mib << 20;
  policy.allow_blocking = config.allow_blocking || ask.allow_blocking;
  policy.online = config.online || ask.online;
  const std::string program = config.pt_online_schema_change;
  policy.online_unavailable = [program] { return OnlineToolMissing(program); };
  policy.batch.chunk_ms = config.batch_chunk_ms;  // issue 28
  policy.batch.start_rows = std::max<int64_t>(1, config.batch_chunk_rows);
  policy.batch.max_rows =
      std::max(policy.batch.start_rows, config.batch_max_chunk_rows);
  policy.batch.max_threads_running = config.batch_max_threads_running;
  policy.batch.max_recv_queue = config.batch_max_recv_queue;
  policy.batch.sleep_ms = config.batch_sleep_ms;
  policy.batch.galera_pause_ratio = config.batch_galera_pause_ratio;
  policy.batch.max_load_wait_seconds = config.batch_max_load_wait_seconds;
  return policy;
}

// How pt-online-schema-change runs (online_alter.h).
OnlineAlterTool OnlineToolFor(const config::ToolConfig& config) {
  OnlineAlterTool tool;
  tool.program = config.pt_online_schema_change;
  tool.max_load = config.online_max_load;
  tool.critical_load = config.online_critical_load;
  tool.max_flow_ctl = config.online_max_flow_ctl;
  tool.chunk_ms = config.online_chunk_ms;  // issue 28
  tool.sleep_ms = config.online_sleep_ms;
  tool.galera_pause_ratio = config.online_galera_pause_ratio;
  return tool;
}

// --contract, --expand, or the config's upgrade_mode (a rolling upgrade
// expands unless one module is brought to a version of its own).
RollingMode RollingModeFor(const RunAsk& ask, const config::ToolConfig& config) {
  if (ask.contract) return RollingMode::kContract;
  if (ask.expand || (config.rolling_upgrade && !ask.target_version)) {
    return RollingMode::kExpand;
  }
  return RollingMode::kPlain;
}

// What a step destroys is kept unless archive = off or --no-archive; the
// size limit is the blocking DDL's unless archive_max_mib is set.
ArchivePolicy ArchivePolicyFor(const RunAsk& ask,
                               const config::ToolConfig& config) {
  ArchivePolicy policy;
  policy.enabled = config.archive && !ask.no_archive;
  const int64_t mib = config.archive_max_mib >= 0 ? config.archive_max_mib
                                                  : config.blocking_max_mib;
  policy.max_bytes = mib << 20;
  policy.retention_days = config.archive_retention_days;
  policy.purge = ask.purge_archives;
  return policy;
}

// Issue 29: --on-drift over the config's on_drift (both checked words).
DriftPolicy DriftPolicyFor(const RunAsk& ask, const config::ToolConfig& config) {
  DriftPolicy policy;
  policy.on_drift = OnDriftNamed(ask.on_drift.value_or(config.on_drift))
                        .value_or(OnDrift::kWarn);
  return policy;
}

}  // namespace

MigrateOptions RunOptionsFor(const RunAsk& ask, const config::ToolConfig& config) {
  MigrateOptions options;
  options.target = ask.target_version;
  options.mark_version = ask.mark_version;
  options.force = ask.force;
  options.resume = ResumeRule(ask, config);
  options.lock_timeout_seconds = ask.lock_timeout.value_or(config.lock_timeout_seconds);
  options.session.lock_wait_timeout_seconds = config.lock_wait_timeout_seconds;
  options.ddl = DdlPolicyFor(ask, config);
  options.online_tool = OnlineToolFor(config);
  options.archive = ArchivePolicyFor(ask, config);
  options.ddl_lock_wait_seconds = config.ddl_lock_wait_timeout_seconds;
  options.rolling.mode = RollingModeFor(ask, config);
  options.rolling.force = ask.contract && ask.force;
  options.rolling.window_seconds = int64_t{3600} * config.controller_window_hours;
  options.rolling.required = config.rolling_controllers;
  options.rolling.self = config.controller_name;  // "": the host name
  options.drift = DriftPolicyFor(ask, config);     // issue 29
  return options;
}

ViewOptions ViewOptionsFor(const RunAsk& ask, const config::ToolConfig& config) {
  ViewOptions view;
  view.target = ask.target_version;
  view.session.lock_wait_timeout_seconds = config.lock_wait_timeout_seconds;
  view.resume = ResumeRule(ask, config);
  view.ddl = DdlPolicyFor(ask, config);
  view.drift = DriftPolicyFor(ask, config);  // issue 29
  return view;
}

}  // namespace aos::engine
