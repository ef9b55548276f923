// online_alter.h: an ALTER TABLE run through pt-online-schema-change
// (Debian's percona-toolkit) instead of by the server: the table is copied
// in chunks into an altered twin kept in sync by triggers, throttled by
// the server's load (and on Galera by flow control), then swapped in with
// one RENAME. Writers wait only for that rename.
//
// The tool's own connection settings reach it through a private option
// file ([client] user, password, host, port, socket) that is unlinked
// before it starts and read through an inherited descriptor: no password
// on a command line, none left on disk by a killed run.
#ifndef AOS_CORE_ENGINE_DDL_ONLINE_ALTER_H_
#define AOS_CORE_ENGINE_DDL_ONLINE_ALTER_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/backend/database.h"
#include "core/config/connection_url.h"

namespace aos::engine {

struct OnlineAlterTool {
  std::string program = "pt-online-schema-change";  // a path, or on PATH
  std::string max_load = "Threads_running=25";       // --max-load
  std::string critical_load = "Threads_running=50";  // --critical-load
  std::string max_flow_ctl = "1.0";                  // Galera: --max-flow-ctl
  // Issue 28: what one chunk of the copy should take (--chunk-time; 0:
  // chunks of a fixed 1000 rows) and the pause after each (--sleep), in ms.
  int64_t chunk_ms = 100;
  int64_t sleep_ms = 0;
  // On a Galera node the pause is at least this many times chunk_ms
  // (online_galera_pause_ratio; 0: none): every node applies every chunk
  // and the writers' statements wait behind them (docs/performance.md).
  int64_t galera_pause_ratio = 3;
};

// "" when `program` can be run; else why not, with the package to install.
std::string OnlineToolMissing(const std::string& program);

// Whether pt-online-schema-change can change `table` safely: it needs a
// primary or unique key, and the table must have no triggers (it would
// have to drop them) and no foreign keys either way (it would rename or
// break them). kFailedPrecondition with the reason.
absl::Status OnlineAlterPossible(backend::Database& db,
                                 const std::string& table);

// Drops what a pt-online-schema-change of `table` that was killed left
// behind: its triggers (pt_osc_<db>_<table>_ins/upd/del) and its copy
// (_<table>_new), so that the step can be resumed. Called under the
// module's lock, right before a run starts its own; a copy swapped in
// already (_<table>_old, the original rows) is left for a person.
absl::Status ClearOnlineLeftovers(backend::Database& db,
                                  const std::string& table);

// The run's activity while it changes `table` online, with what the
// server's settings cost the writers (online_server_check.h), if anything:
// "changing events online through pt-online-schema-change".
std::string OnlineActivity(const std::string& table, const std::string& warning);

// The percentage of the copy a pt-online-schema-change progress line
// gives ("Copying `db`.`t`:  45% 00:30 remain" -> 45); nullopt for any
// other line.
std::optional<int64_t> PtOscCopyPercent(absl::string_view line);

// Runs `alter_spec` (what follows ALTER TABLE t) on `table` of the URL's
// database; `galera`: throttle on flow control. `percent` gets how far the
// copy is (PtOscCopyPercent), `progress` the tool's other "Copying ..."
// lines.
absl::Status RunOnlineAlter(const config::ConnectionUrl& url, const std::string& table,
                            const std::string& alter_spec, bool galera, const OnlineAlterTool& tool,
                            const std::function<void(const std::string&)>& progress,
                            const std::function<void(int64_t)>& percent);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_DDL_ONLINE_ALTER_H_
