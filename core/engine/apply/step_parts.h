// step_parts.h: what the two appliers share (ledger_applier.cc: statement
// by statement with the statement ledger, where DDL commits by itself;
// transaction_applier.cc: one transaction per step): a step prepared to
// run (its history record, its statements, the variables they name), the
// running of its statements (step_applier.cc), the FAIL text's phase,
// progress, and how a statement waits for a lock. Internal to this package.
#ifndef AOS_CORE_ENGINE_APPLY_STEP_PARTS_H_
#define AOS_CORE_ENGINE_APPLY_STEP_PARTS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/engine/apply/lock_wait_retry.h"
#include "core/engine/apply/step_applier.h"
#include "core/engine/session/session_guard.h"
#include "core/sql/statement_splitter.h"

namespace aos::engine {

// The appliers' state while they apply a plan, beside the caller's fixed
// settings (the ApplyContext it is made from).
struct Applying : ApplyContext {
  explicit Applying(const ApplyContext& settings) : ApplyContext(settings) {}
  // MySQL: the step connection's session, checked after each statement
  // (session_guard.h).
  SessionGuard guard;
  bool version_row_written = false;  // by a step of this run
  bool crashed = false;              // crash_at was reached
  // Set while a failed lock wait is explained by the step's retries
  // rather than by the statement's own hint.
  bool lock_waits_explained = false;
  // PostgreSQL, a step run in segments (postgresql_segments.cc): how many
  // of its statements are committed ahead of its version row; nullopt
  // while nothing of it is.
  std::optional<int64_t> segment_done;
};

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

// Times a step from its construction to the end of its scope, then adds
// it to c.timings (when kept): failed unless Done() was called.
class StepTimer {
 public:
  StepTimer(const ApplyContext& c, const PlannedStep& step)
      : timings_(c.timings), step_(step), start_(absl::Now()) {}
  StepTimer(const StepTimer&) = delete;
  StepTimer& operator=(const StepTimer&) = delete;
  ~StepTimer() {
    if (timings_ == nullptr) return;
    timings_->push_back({step_.from_version, step_.to_version,
                         absl::ToInt64Microseconds(absl::Now() - start_), ok_});
  }
  void Done() { ok_ = true; }

 private:
  std::vector<report::ModuleResult::StepTime>* timings_;
  const PlannedStep& step_;
  absl::Time start_;
  bool ok_ = false;
};

// How statement `index` of `ready` runs, when not as written (ddl_cost.h).
const StatementRun* RunOf(const ApplyContext& c, const PreparedStep& ready,
                          size_t index);

// How a statement of `c` waits for a lock (lock_wait_retry.h).
LockWaitRetry LockWaits(const ApplyContext& c, absl::string_view after);

// Runs one bookkeeping transaction (BEGIN ... COMMIT in `txn`), again when
// it was chosen as a deadlock victim or lost Galera's certification.
absl::Status Bookkeep(Applying& c,
                      const std::vector<backend::BoundStatement>& txn);

// Statement `index` (0-based) of `ready` is about to run: its ledger
// record (kind, and for DDL the fingerprint of what it touches).
absl::StatusOr<backend::BoundStatement> BeforeStatement(
    Applying& c, const PreparedStep& ready, size_t index);

// Runs statement `index` of `ready` on the step's connection.
absl::Status RunOne(Applying& c, const PreparedStep& ready, size_t index);

// The step's statements (or code) from the first not yet applied;
// `*completed`: how many took effect when it failed.
absl::Status RunStatements(Applying& c, const PreparedStep& ready,
                           int64_t* completed);

// The statement that records the module at `version`.
backend::BoundStatement VersionRecord(const Applying& c, int64_t version);

// The two appliers: `plan` applied from its first step, `*reached` the
// version the module reached.
absl::Status ApplyInSequence(Applying& c,
                             const std::vector<PlannedStep>& plan,
                             int64_t* reached);
absl::Status ApplyEachInTransaction(Applying& c,
                                    const std::vector<PlannedStep>& plan,
                                    int64_t* reached);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_APPLY_STEP_PARTS_H_
