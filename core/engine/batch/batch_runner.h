// batch_runner.h: runs a statement the DML gate batched (dml_gate.h) on
// MySQL/MariaDB and PostgreSQL, in chunks of its table's key (issue 28).
//
// Each chunk is the statement with `key > after AND key <= upto` ANDed to
// its own condition (sql/batchable_dml.h), up to the key the run read as
// the table's last when the statement started. Each chunk is one
// transaction on the step's connection, committed with the statement's
// progress row (batch_progress.h): the chunk and its record take effect
// together or not at all, so a run killed at any point resumes at the next
// chunk and no row is changed twice. The last chunk commits instead with
// the statement ledger's record that the statement took effect, and
// clears the progress row. A chunk is sized to take batch_chunk_ms (from
// how long the one before took, at most doubling), and none starts while
// the server is over its load limits (batch_throttle.h).
#ifndef AOS_CORE_ENGINE_BATCH_BATCH_RUNNER_H_
#define AOS_CORE_ENGINE_BATCH_BATCH_RUNNER_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/backend/database.h"
#include "core/engine/batch/batch_progress.h"
#include "core/engine/batch/batch_settings.h"
#include "core/engine/batch/batched_run.h"

namespace aos::engine {

struct BatchHooks {
  // Inside each chunk's transaction, after its statement: the step
  // session's check (session_guard.h); a failure rolls the chunk back.
  std::function<absl::Status()> check;
  // The statement ledger's record that the statement took effect, for the
  // last chunk's transaction (with the progress row cleared).
  std::function<backend::BoundStatement()> done;
  // Instead of `done` and the clearing, when set: what the last chunk's
  // transaction records (PostgreSQL: where the step stands next).
  std::function<std::vector<backend::BoundStatement>()> finish;
  // Says what the statement is doing (rows done of the estimate).
  std::function<void(const std::string&)> progress;
  // The same as a fraction, rows done of the estimate (progress_event.h:
  // a terminal's percentage and ETA, systemd's STATUS=); may be empty.
  std::function<void(int64_t done, int64_t total)> fraction;
};

// Runs `run` at `place` on `step_db`, reading the table's keys and the
// server's load on `tool_db`; resumes after the chunks a progress row of
// the same statement records.
absl::Status RunBatched(backend::Database& tool_db, backend::Database& step_db,
                        const BatchedRun& run, const BatchSettings& settings,
                        const BatchProgress& progress, const BatchPlace& place,
                        const BatchHooks& hooks);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_BATCH_BATCH_RUNNER_H_
