#include "core/engine/apply/step_parts.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "core/backend/database_error.h"
#include "core/engine/bookkeeping/step_checksum.h"

namespace aos::engine {

absl::StatusOr<PreparedStep> Prepare(const std::vector<PlannedStep>& plan,
                                     size_t index, absl::string_view dialect) {
  const PlannedStep& step = plan[index];
  PreparedStep ready;
  ready.planned = &step;
  ready.plan_index = index;
  ready.record.version = step.migration->version;
  ready.record.direction = step.upgrade ? "upgrade" : "downgrade";
  ready.record.checksum = StepChecksum(*step.migration, step.upgrade, dialect);
  ready.record.statements_total = 1;
  const plugin::Step& s = step.step();
  if (s.kind == plugin::Step::Kind::kSql) {
    absl::StatusOr<std::vector<sql::Statement>> split =
        sql::SplitStatements(s.SqlFor(dialect), dialect);
    if (!split.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the plugin's script does not parse: ", split.status().message()));
    }
    ready.statements = *std::move(split);
    ready.record.statements_total = ready.statements.size();
  }
  return ready;
}

std::string StepPhase(const PlannedStep& step) {
  return absl::StrCat("Error while applying migration ", step.from_version,
                      " -> ", step.to_version, " (",
                      step.migration->description, "), database left at ",
                      step.from_version, ": ");
}

// A lock wait timeout says what the statement waited for.
std::string LockWaitHint(const absl::Status& st, int timeout_seconds) {
  if (backend::CategoryOf(st) != backend::ErrorCategory::kLockWaitTimeout) {
    return "";
  }
  return absl::StrCat(
      "; it waited lock_wait_timeout (", timeout_seconds,
      " s) for a lock another session holds on a table it changes (find "
      "that session with SHOW PROCESSLIST)");
}

void ShowProgress(const ApplyContext& c, const PlannedStep& step) {
  c.progress(absl::StrCat(step.upgrade ? "upgrading " : "downgrading ",
                          step.from_version, " -> ", step.to_version, " (",
                          step.migration->description, ")"));
}

// How statement `index` of `ready` runs, when not as written.
const StatementRun* RunOf(const ApplyContext& c, const PreparedStep& ready,
                          size_t index) {
  if (c.ddl == nullptr) return nullptr;
  auto it = c.ddl->runs.find({ready.plan_index, index});
  return it == c.ddl->runs.end() ? nullptr : &it->second;
}

// How a statement of `c` waits for a lock (lock_wait_retry.h).
LockWaitRetry LockWaits(ApplyContext& c, absl::string_view after) {
  LockWaitRetry how;
  how.total_seconds = std::max(1, c.lock_wait_timeout_seconds);
  how.attempt_seconds =
      std::clamp(c.ddl_lock_wait_seconds, 1, how.total_seconds);
  how.observer = &c.db;
  how.progress = c.progress;
  how.after = std::string(after);
  return how;
}

}  // namespace aos::engine
