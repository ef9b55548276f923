// resume_point.h: where the plan's first step starts when an earlier run
// left that step failed part-way.
//
// On MySQL and MariaDB every statement of a step commits as it runs, and a
// statement that fails takes no effect (InnoDB rolls a failed statement
// back; DDL is atomic on MariaDB 10.6+ and MySQL 8). A step recorded failed
// after k statements ran therefore has exactly statements 1..k applied, and
// the next run starts it at statement k+1, never at 1: running statement 1
// again would insert its rows twice, or fail with "table exists" and hide
// the real cause. PostgreSQL and SQLite roll a failed step back whole: it
// starts at 1 again. A step whose script changed since is not resumed: the
// run refuses and says so.
#ifndef AOS_CORE_ENGINE_RESUME_POINT_H_
#define AOS_CORE_ENGINE_RESUME_POINT_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/engine/module_state.h"
#include "core/engine/planner.h"

namespace aos::engine {

struct ResumePoint {
  int64_t applied = 0;  // statements already applied: start at applied + 1
  int64_t total = 0;    // the step's statements
};

// {0, 0} when `first` starts at its first statement; kFailedPrecondition
// when an earlier attempt applied some of it and its script has changed.
absl::StatusOr<ResumePoint> FindResumePoint(const ModuleState& state,
                                            const PlannedStep& first,
                                            const backend::Database& db);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_RESUME_POINT_H_
