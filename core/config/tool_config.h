// tool_config.h: aos-db-migrate's own configuration and where each module's
// database connection comes from.
//
// /etc/aos/db-migrate.conf (or --config):
//   [DEFAULT]
//   plugin_dir = /usr/lib/aos/db-migrate/plugins
//   # seconds to wait for another run's lock on a module
//   lock_timeout = 300
//   # seconds one statement may wait for a table lock
//   lock_wait_timeout = 60
//   # seconds one plugin file may take to load (its constructors, describe)
//   plugin_load_timeout = 30
//   # what was loaded from each unchanged plugin file (plugin_cache.h);
//   # empty: load every plugin on every run
//   plugin_cache = /var/cache/aos-db-migrate/plugins.cache
//   # resume a step an earlier run left failed or killed part-way where it
//   # stopped (false: fail it until a person runs with --resume)
//   auto_resume = true
//   [dashboard]
//   connection = mysql+pymysql://dashboard:secret@controller/dashboard
//   # optional: where the service keeps its own config
//   service_config = /etc/aos/dashboard/dashboard.conf
//
// A module without `connection` takes its service's own oslo.config file
// (the plugin declares its path) and reads [database] connection there, or
// the legacy spellings oslo.db still honours: [DEFAULT] sql_connection,
// [sql] connection.
//
// The file chooses plugin_dir, i.e. which code root runs at boot: it must be
// a regular file of at most 1 MiB, owned by root or the invoking user and
// writable by nobody else, or it is refused. Keys the tool does not know
// (a typo such as plugin_dri) and keys set twice are warned on.
#ifndef AOS_CORE_CONFIG_TOOL_CONFIG_H_
#define AOS_CORE_CONFIG_TOOL_CONFIG_H_

#include <cstdint>
#include <optional>
#include <set>
#include <vector>
#include <string>

#include "absl/status/statusor.h"
#include "core/config/connection_url.h"
#include "core/config/ini_file.h"

namespace aos::config {

inline constexpr char kDefaultConfigPath[] = "/etc/aos/db-migrate.conf";
inline constexpr char kDefaultPluginDir[] = "/usr/lib/aos/db-migrate/plugins";
inline constexpr char kDefaultPluginCache[] =
    "/var/cache/aos-db-migrate/plugins.cache";

// The fields below the first two are set from the file's [DEFAULT] keys;
// each key's row in tool_config_keys.cc gives its type, its check and its
// default, which the constructor sets.
struct ToolConfig {
  ToolConfig();

  std::string path;  // "" when no file was read
  IniFile ini;
  std::string plugin_dir;
  int lock_timeout_seconds;
  int lock_wait_timeout_seconds;  // per statement, see SessionOptions
  int plugin_load_timeout_seconds;
  std::string plugin_cache;  // "": none
  bool auto_resume;
  // The blocking-DDL gate (engine/ddl_cost.h) and online ALTERs
  // (engine/online_alter.h).
  bool allow_blocking;
  bool online;
  int64_t blocking_max_rows;
  int64_t blocking_max_mib;
  int ddl_lock_wait_timeout_seconds;  // one attempt; lock_wait_timeout in all
  std::string pt_online_schema_change;
  std::string online_max_load;
  std::string online_critical_load;
  std::string online_max_flow_ctl;
  int64_t online_chunk_ms;  // pt-osc --chunk-time (issue 28)
  int64_t online_sleep_ms;  // pt-osc --sleep
  int64_t online_galera_pause_ratio;  // Galera: --sleep >= this x chunk
  // Issue 28: a big DML statement in chunks (engine/batch/batch_settings.h).
  int64_t batch_chunk_ms;
  int64_t batch_chunk_rows;
  int64_t batch_max_chunk_rows;
  int64_t batch_max_threads_running;  // 0: no such wait
  int64_t batch_max_recv_queue;       // Galera
  int64_t batch_sleep_ms;             // the pause after each chunk
  int64_t batch_galera_pause_ratio;   // Galera: pause >= this x a chunk's time
  int batch_max_load_wait_seconds;
  // Rolling upgrades (engine/rolling_plan.h): "rolling" makes a run with
  // no flag an --expand run (the systemd unit's); the controllers' window,
  // the ones a contract step waits for, and this controller's name.
  bool rolling_upgrade;  // upgrade_mode = rolling (else plain)
  // 0: a registered controller counts until it registers a newer release
  // or is forgotten; else one not started for this long is taken as gone.
  int controller_window_hours;
  std::vector<std::string> rolling_controllers;
  std::string controller_name;  // "": the host name
  // Issue 27: the archive of dropped values (engine/run_options.cc):
  // archive = on|off, archive_max_mib (-1, the file's "": as
  // blocking_max_mib),
  // archive_retention_days (0: kept until --purge-archives).
  bool archive;
  int64_t archive_max_mib;
  int64_t archive_retention_days;
  // Issue 29: what a run does when a module's live schema drifted from
  // what its recorded version should have: "warn", "refuse" or "ignore"
  // (engine/drift/drift_policy.h).
  std::string on_drift;
};

// Reads the config file. A missing file is an error only when `required`
// (the operator named it); the default path may be absent.
absl::StatusOr<ToolConfig> LoadToolConfig(const std::string& path,
                                          bool required);

// Every section must be [DEFAULT] or a module id; a section that is not a
// valid module id is an error. A valid id with no plugin (a module whose
// package was removed, or a typo such as [dashbaord]) is ignored with a
// warning, returned for the operator.
absl::StatusOr<std::vector<std::string>> CheckSections(
    const ToolConfig& config, const std::set<std::string>& module_ids);

// Warnings for the operator: a config holding passwords that everyone can
// read, keys the tool does not know (with the closest known key), keys set
// twice and repeated sections.
std::vector<std::string> ConfigWarnings(const ToolConfig& config);

// The module's database URL, from the tool's config or its service's config.
// The error says every place it looked.
absl::StatusOr<ConnectionUrl> ResolveConnection(
    const ToolConfig& config, const std::string& module_id,
    const std::string& declared_service_config);

}  // namespace aos::config

#endif  // AOS_CORE_CONFIG_TOOL_CONFIG_H_
