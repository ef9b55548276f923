// batch_throttle.h: what a batched statement (batch_runner.h) waits for
// before each chunk, and how big a chunk may be on this server (issue 28):
// the server's Threads_running at most batch_max_threads_running; on
// Galera, flow control not active and the node's receive queue
// (wsrep_local_recv_queue) at most batch_max_recv_queue; and a chunk under
// half of wsrep_max_ws_rows and wsrep_max_ws_size, when those are set.
// PostgreSQL: its active client backends against the same limit
// (postgresql_batch.h), and no write-set cap.
#ifndef AOS_CORE_ENGINE_BATCH_BATCH_THROTTLE_H_
#define AOS_CORE_ENGINE_BATCH_BATCH_THROTTLE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "core/backend/database.h"
#include "core/engine/batch/batch_settings.h"

namespace aos::engine {

// The most rows a chunk may scan on this server: `settings.max_rows`, cut
// to half of Galera's write-set limits (`row_bytes`: the table's bytes a
// row, nullopt unknown).
int64_t ChunkRowCap(backend::Database& db, const BatchSettings& settings,
                    std::optional<int64_t> row_bytes);

// Whether `db` is a node of a Galera cluster (wsrep_on).
bool IsGaleraNode(backend::Database& db);

// Waits until the server is under the settings' load limits, saying what
// it waits for through `progress`; kUnavailable, naming the limit, when
// it is still over them after `most`.
absl::Status WaitForLoad(backend::Database& db, const BatchSettings& settings, absl::Duration most,
                         const std::function<void(const std::string&)>& progress);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_BATCH_BATCH_THROTTLE_H_
