// first_step_checks.h: the refusals of a run's first step on the live
// data, made before anything of the run is recorded, so that a refused
// step applies nothing: the pre-flight's (preflight/preflight.h; the later
// steps, and a statement whose check waits for an earlier statement of its
// step, are asked by ApplySteps right before them), then the archive's
// (archive/archive_plan.h: a destruction it cannot keep); and before them
// all, the module's drift (drift/drift_gate.h, issue 29).
#ifndef AOS_CORE_ENGINE_FIRST_STEP_CHECKS_H_
#define AOS_CORE_ENGINE_FIRST_STEP_CHECKS_H_

#include <cstdint>

#include "absl/status/status.h"
#include "core/backend/database.h"
#include "core/engine/archive/archive_plan.h"
#include "core/engine/drift/drift_policy.h"
#include "core/engine/plan/planner.h"
#include "core/engine/preflight/preflight.h"
#include "core/report/module_result.h"

namespace aos::engine {

// OK, or why `step` may not start at statement `first` (0-based), with the
// step's phase in front ("Error while applying migration 9 -> 10 (...),
// database left at 9: ").
absl::Status CheckFirstStep(backend::Database& db, Preflight& preflight,
                            Archiver& archiver, const PlannedStep& step,
                            int64_t first);

// Issue 29: the module's drift at its recorded `version`, read before the
// run's first step unless on_drift = ignore (or the run resumes a step,
// `result->resumed`); what the run reports goes to `result->drift`. OK, or
// the refusal (on_drift = refuse and the live schema drifted, naming the
// differences).
absl::Status CheckDriftFirst(backend::Database& db,
                             const plugin::ModulePlugin& module,
                             int64_t version, const DriftPolicy& policy,
                             report::ModuleResult* result);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_FIRST_STEP_CHECKS_H_
