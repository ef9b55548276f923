// postgresql_segments.cc: a PostgreSQL step with a batched statement
// (issue 28, batch/dml_gate.h) commits in segments instead of one
// transaction (transaction_applier.cc), so that the statement's chunks are
// transactions of their own:
//  1. the step's statements before the batched one, its history row
//     (running) and the progress row saying the step stands at the batched
//     statement (aos_migration_batches, batch_progress.h, chunks 0): one
//     transaction;
//  2. each chunk, committed with the progress row (the last key done); the
//     last chunk with the row saying the step stands at the next
//     statement;
//  3. the statements after it (up to the next batched statement, which
//     does the same), then the version and history rows, with the progress
//     row deleted: one transaction.
// A run killed or failed at any point leaves the step's history row
// running or failed and the progress row: the next run resumes it at the
// statement the row names (module_state.cc), at the next chunk, so that no
// statement before it runs twice and no row is changed twice; the version
// row is written only when the whole step took effect.
#include "absl/strings/str_cat.h"
#include "core/engine/apply/batched_statement.h"
#include "core/engine/batch/batch_progress.h"
#include "core/engine/batch/batch_runner.h"
#include "core/engine/bookkeeping/statement_ledger.h"

namespace aos::engine {
namespace {

BatchProgress ProgressOf(const Applying& c) {
  return BatchProgress(c.module.repository_id, "postgresql");
}

// The progress row that says the step stands at statement `index` (from
// 0): every statement before it took effect, nothing of it yet.
backend::BoundStatement StandsAt(const Applying& c, const PreparedStep& ready, size_t index) {
  BatchRow row;
  row.place.version = ready.record.version;
  row.place.direction = ready.record.direction;
  row.place.statement = static_cast<int64_t>(index) + 1;
  if (index < ready.statements.size()) {
    row.place.digest = StatementDigest(ready.statements[index].text);
  }
  return ProgressOf(c).Record(row);
}

// Commits what ran of the step so far with where it stands: at statement
// `index`, unless the progress row already has chunks of it.
absl::Status CommitBefore(Applying& c, const PreparedStep& ready, size_t index) {
  absl::StatusOr<std::optional<BatchRow>> row = ProgressOf(c).Read(c.db);
  if (!row.ok()) return row.status();
  const bool part_way = *row && (*row)->chunks > 0 &&
                        (*row)->place.version == ready.record.version &&
                        (*row)->place.direction == ready.record.direction &&
                        (*row)->place.statement == static_cast<int64_t>(index) + 1;
  std::vector<backend::BoundStatement> commit;
  if (!part_way) commit.push_back(StandsAt(c, ready, index));
  commit.push_back(c.history.ProgressStatement(static_cast<int64_t>(index)));
  commit.push_back({"COMMIT", {}});
  if (absl::Status st = c.db.ExecuteAll(commit); !st.ok()) return st;
  c.segment_done = static_cast<int64_t>(index);
  return absl::OkStatus();
}

}  // namespace

bool RunsInSegments(const Applying& c, const PreparedStep& ready) {
  if (c.db.dialect() != "postgresql") return false;
  if (ready.plan_index == 0 && c.resume_at > 0) return true;  // its progress row
  for (size_t k = ready.record.statements_done; k < ready.statements.size(); ++k) {
    const StatementRun* run = RunOf(c, ready, k);
    if (run != nullptr && run->batch) return true;
  }
  return false;
}

backend::BoundStatement SegmentsDone(const Applying& c) { return ProgressOf(c).Clear(); }

absl::Status RunBatchedInSegments(Applying& c, const PreparedStep& ready, size_t index,
                                  const BatchedRun& run) {
  if (absl::Status st = CommitBefore(c, ready, index); !st.ok()) return st;
  BatchHooks hooks;
  hooks.progress = c.progress;
  if (c.fraction) {
    hooks.fraction = [&c](int64_t done, int64_t total) { c.fraction(done, total, "rows"); };
  }
  hooks.finish = [&c, &ready, index] {
    return std::vector<backend::BoundStatement>{
        StandsAt(c, ready, index + 1),
        c.history.ProgressStatement(static_cast<int64_t>(index) + 1)};
  };
  BatchPlace place{ready.record.version, ready.record.direction, static_cast<int64_t>(index) + 1,
                   StatementDigest(ready.statements[index].text)};
  absl::Status st = RunBatched(c.db, c.db, run, c.batch, ProgressOf(c), place, hooks);
  if (!st.ok()) return st;
  c.segment_done = static_cast<int64_t>(index) + 1;
  return c.db.Begin();  // the rest of the step, as one transaction
}

}  // namespace aos::engine
