// step_parts.h: what the two strategies of step_applier.cc share: a step
// prepared to run (its history record, its statements, the variables they
// name), the FAIL text's phase, progress, and how a statement waits for a
// lock. Internal to step_applier.cc.
#ifndef AOS_CORE_ENGINE_APPLY_STEP_PARTS_H_
#define AOS_CORE_ENGINE_APPLY_STEP_PARTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/engine/apply/lock_wait_retry.h"
#include "core/engine/apply/step_applier.h"
#include "core/sql/statement_splitter.h"

namespace aos::engine {

// A step ready to run: its history record and its statements.
struct PreparedStep {
  const PlannedStep* planned = nullptr;
  size_t plan_index = 0;
  StepRecord record;
  std::vector<sql::Statement> statements;  // empty for a code step
  SessionNames names;  // MySQL: the variables its statements name
};

// Step `index` of `plan` with its statements split for `dialect`.
absl::StatusOr<PreparedStep> Prepare(const std::vector<PlannedStep>& plan,
                                     size_t index, absl::string_view dialect);

// "Error while applying migration 9 -> 10 (...), database left at 9: ".
std::string StepPhase(const PlannedStep& step);

// What a lock wait timeout waited for; "" for another failure.
std::string LockWaitHint(const absl::Status& st, int timeout_seconds);

// Says which step runs now ("upgrading 9 -> 10 (...)").
void ShowProgress(const ApplyContext& c, const PlannedStep& step);

// How statement `index` of `ready` runs, when not as written (ddl_cost.h).
const StatementRun* RunOf(const ApplyContext& c, const PreparedStep& ready,
                          size_t index);

// How a statement of `c` waits for a lock (lock_wait_retry.h).
LockWaitRetry LockWaits(ApplyContext& c, absl::string_view after);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_APPLY_STEP_PARTS_H_
