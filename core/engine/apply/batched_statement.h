// batched_statement.h: a big DML statement the DML gate batched (issue 28,
// batch/dml_gate.h) run by its step in chunks (batch/batch_runner.h): on
// MySQL its last chunk committed with the statement ledger's record; on
// PostgreSQL its step committed in segments around it
// (postgresql_segments.cc). Internal to this package (step_applier.cc's
// RunOne, transaction_applier.cc).
#ifndef AOS_CORE_ENGINE_APPLY_BATCHED_STATEMENT_H_
#define AOS_CORE_ENGINE_APPLY_BATCHED_STATEMENT_H_

#include <optional>

#include "absl/status/statusor.h"
#include "core/engine/apply/step_parts.h"
#include "core/engine/batch/batched_run.h"

namespace aos::engine {

// How DML statement `index` of `ready` runs in chunks: as the gate
// decided, or, for a statement an earlier run left part-way in chunks
// (its progress row), in chunks again whatever the gate says now, so that
// no row is changed twice; nullopt: as written. Fails when a statement
// left part-way cannot go on in chunks.
absl::StatusOr<std::optional<BatchedRun>> BatchOf(Applying& c, const PreparedStep& ready,
                                                  size_t index);

// Runs it (MySQL/MariaDB, with the statement ledger).
absl::Status RunBatchedStatement(Applying& c, const PreparedStep& ready, size_t index,
                                 const BatchedRun& run);

// PostgreSQL: whether `ready` commits in segments (a batched statement
// among those it runs, or a progress row it resumes from), not as one
// transaction.
bool RunsInSegments(const Applying& c, const PreparedStep& ready);

// PostgreSQL: runs it inside the step's open transaction, which it
// commits first with where the step stands; each chunk commits on its
// own; a new transaction is open for the rest of the step when it
// returns OK (c.segment_done says what is committed).
absl::Status RunBatchedInSegments(Applying& c, const PreparedStep& ready, size_t index,
                                  const BatchedRun& run);

// PostgreSQL: the statement that ends the step's progress row, in its
// last segment's transaction.
backend::BoundStatement SegmentsDone(const Applying& c);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_APPLY_BATCHED_STATEMENT_H_
