#include "core/engine/apply/batched_statement.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "core/engine/batch/batch_progress.h"
#include "core/engine/batch/batch_runner.h"
#include "core/engine/batch/table_key.h"
#include "core/sql/batchable_dml.h"

namespace aos::engine {
namespace {

BatchPlace PlaceOf(const PreparedStep& ready, size_t index) {
  return BatchPlace{ready.record.version, ready.record.direction, static_cast<int64_t>(index) + 1,
                    StatementDigest(ready.statements[index].text)};
}

// The statement read again for chunks, an earlier run having left it
// part-way in them.
absl::StatusOr<BatchedRun> Again(Applying& c, const std::string& text, int64_t number) {
  const std::string left = absl::StrCat("statement ", number,
                                        " was left part-way in chunks by an earlier run, "
                                        "and cannot go on in chunks: ");
  std::optional<sql::BatchableDml> dml = sql::ReadBatchableDml(text, c.db.dialect());
  if (!dml || !dml->why_not.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat(left, dml ? dml->why_not
                               : "it is no UPDATE, DELETE or INSERT ... "
                                 "SELECT"));
  }
  absl::StatusOr<sql::RangeKey> key = ReadTableKey(c.db, dml->ranged.name);
  if (!key.ok()) {
    return absl::FailedPreconditionError(absl::StrCat(left, key.status().message()));
  }
  return BatchedRun{*dml, dml->ranged.name, *key, std::nullopt, std::nullopt};
}

}  // namespace

absl::StatusOr<std::optional<BatchedRun>> BatchOf(Applying& c, const PreparedStep& ready,
                                                  size_t index) {
  const StatementRun* run = RunOf(c, ready, index);
  if (run != nullptr && run->batch) return run->batch;
  if (static_cast<int64_t>(index) != ready.record.statements_done) {
    return std::nullopt;  // only a step's first statement to run was left
  }
  // PostgreSQL: only a step resumed from its progress row (whose table
  // exists: a failed query would end the step's transaction).
  if (c.db.dialect() == "postgresql" ? ready.plan_index != 0 || c.resume_at == 0
                                     : c.ledger == nullptr) {
    return std::nullopt;
  }
  absl::StatusOr<std::optional<BatchRow>> row = BatchProgress(c.module.repository_id).Read(c.db);
  if (!row.ok()) return row.status();
  const BatchPlace place = PlaceOf(ready, index);
  if (!*row || (*row)->chunks == 0 || (*row)->place.version != place.version ||
      (*row)->place.direction != place.direction || (*row)->place.statement != place.statement) {
    return std::nullopt;
  }
  absl::StatusOr<BatchedRun> again = Again(c, ready.statements[index].text, place.statement);
  if (!again.ok()) return again.status();
  return std::optional<BatchedRun>(*std::move(again));
}

absl::Status RunBatchedStatement(Applying& c, const PreparedStep& ready, size_t index,
                                 const BatchedRun& run) {
  BatchHooks hooks;
  hooks.check = [&c] { return c.guard.Check(c.step_db, /*in_transaction=*/true); };
  hooks.done = [&c, index] {
    return c.ledger->DmlDone(static_cast<int64_t>(index) + 1, c.guard.Encoded());
  };
  hooks.progress = c.progress;
  if (c.fraction) {
    hooks.fraction = [&c](int64_t done, int64_t total) { c.fraction(done, total, "rows"); };
  }
  return RunBatched(c.db, c.step_db, run, c.batch, BatchProgress(c.module.repository_id),
                    PlaceOf(ready, index), hooks);
}

}  // namespace aos::engine
