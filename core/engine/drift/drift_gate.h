// drift_gate.h: a run's drift check (issue 29), made only when the module
// has steps to apply, before the first of them and before anything of the
// run is recorded (the no-op controller start never reads the catalog):
// on_drift = ignore skips it; refuse fails the module, naming the
// differences, with nothing applied; warn reports them (stderr and JSON,
// by the CLI) and the run goes on. A step left part-way, which the run
// resumes, is between two versions by design: drift is then not known.
#ifndef AOS_CORE_ENGINE_DRIFT_DRIFT_GATE_H_
#define AOS_CORE_ENGINE_DRIFT_DRIFT_GATE_H_

#include <cstdint>

#include "absl/status/status.h"
#include "core/backend/database.h"
#include "core/engine/drift/drift_policy.h"
#include "core/plugin/module_plugin.h"
#include "core/report/drift_info.h"

namespace aos::engine {

struct DriftCheck {
  report::DriftInfo drift;  // what the run reports
  absl::Status refusal;     // OK, or why the module fails (refuse)
};

// `version`: the recorded one; `part_way`: the run resumes a step.
DriftCheck CheckDriftBeforeSteps(backend::Database& db, const plugin::ModulePlugin& module,
                                 int64_t version, bool part_way, const DriftPolicy& policy);

// The refusal's text: "the live schema of <id> differs from what version
// N should have (2 differences: ...); repair it by hand, accept it with
// --accept-drift -n <id>, or run with --on-drift warn".
std::string DriftRefusalText(const plugin::ModulePlugin& module, const report::DriftInfo& drift);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_DRIFT_DRIFT_GATE_H_
