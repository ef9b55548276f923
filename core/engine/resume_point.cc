#include "core/engine/resume_point.h"

#include "absl/strings/str_cat.h"
#include "core/engine/step_checksum.h"

namespace aos::engine {

absl::StatusOr<ResumePoint> FindResumePoint(const ModuleState& state,
                                            const PlannedStep& first,
                                            const backend::Database& db) {
  if (!state.failed || db.transactional_ddl()) return ResumePoint{};
  const StepRecord& failed = *state.failed;
  const std::string direction = first.upgrade ? "upgrade" : "downgrade";
  if (failed.direction != direction ||
      failed.version != first.migration->version ||
      failed.statements_done <= 0 ||
      failed.statements_done >= failed.statements_total) {
    return ResumePoint{};
  }
  if (failed.checksum != StepChecksum(*first.migration, first.upgrade,
                                      db.dialect())) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the ", direction, " of migration ", failed.version, " failed at ",
        failed.started_at, " UTC at statement ", failed.statements_done + 1,
        " of ", failed.statements_total, ", after statements 1-",
        failed.statements_done,
        " took effect, and the plugin's script for it has changed since: "
        "the tool will not guess which of its statements are still to run. "
        "Finish or undo the step by hand, then record the version the "
        "database is at with --mark-version"));
  }
  return ResumePoint{failed.statements_done, failed.statements_total};
}

}  // namespace aos::engine
