// batch_settings.h: how a batched DML statement (issue 28, dml_gate.h)
// sizes and paces its chunks: the config's batch_* keys.
#ifndef AOS_CORE_ENGINE_BATCH_BATCH_SETTINGS_H_
#define AOS_CORE_ENGINE_BATCH_BATCH_SETTINGS_H_

#include <cstdint>

namespace aos::engine {

struct BatchSettings {
  // The time one chunk should take (batch_chunk_ms): each next chunk is
  // sized from how long the last one took, between 1 row and max_rows.
  int64_t chunk_ms = 500;
  int64_t start_rows = 1000;  // batch_chunk_rows: the first chunk
  int64_t max_rows = 50000;   // batch_max_chunk_rows
  // batch_max_threads_running: no chunk starts while the server runs more
  // threads than this (the tool's own included; PostgreSQL: client
  // backends running a statement, postgresql_batch.h); 0: no such wait.
  int64_t max_threads_running = 25;
  // On Galera: no chunk starts while flow control is active or the node's
  // receive queue is longer than this (batch_max_recv_queue).
  int64_t max_recv_queue = 100;
  // The pause after each chunk but the last (batch_sleep_ms), so that
  // the server (on Galera: every node, which applies each chunk) has time
  // for the other writers: the statement takes longer, they keep more of
  // their rate (docs/performance.md, issue 28).
  int64_t sleep_ms = 0;
  // On a Galera node, the pause after a chunk is at least this many times
  // the chunk's own time (batch_galera_pause_ratio; 0: none): every node
  // applies every chunk: on the fixture's three nodes a writer kept 42% of
  // its rate with no pause, 81% with twice and 87% with three times the
  // chunk's time (docs/performance.md).
  int64_t galera_pause_ratio = 3;
  // How long a chunk waits for the load to fall before the statement
  // fails, to resume at that chunk on the next run (batch_max_load_wait).
  int64_t max_load_wait_seconds = 600;
};

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_BATCH_BATCH_SETTINGS_H_
