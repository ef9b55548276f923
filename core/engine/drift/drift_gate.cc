#include "core/engine/drift/drift_gate.h"

#include "absl/strings/str_cat.h"
#include "core/backend/database_error.h"
#include "core/engine/drift/module_drift.h"
#include "core/report/drift_report.h"

namespace aos::engine {
namespace {

// How many differences a refusal names before "and N more".
constexpr size_t kNamedInRefusal = 10;

}  // namespace

std::string DriftRefusalText(const plugin::ModulePlugin& module, const report::DriftInfo& drift) {
  const std::vector<report::DriftItem> drifted = drift.Drifted();
  return absl::StrCat("Refused by on_drift = refuse: the live schema of ", module.module_id,
                      " differs from what version ", drift.version, " should have (",
                      drifted.size(), drifted.size() == 1 ? " difference: " : " differences: ",
                      report::DriftSummary(drifted, kNamedInRefusal),
                      "); nothing was applied. Repair it by hand, accept it with "
                      "--accept-drift -n ",
                      module.module_id, ", or run with --on-drift warn");
}

DriftCheck CheckDriftBeforeSteps(backend::Database& db, const plugin::ModulePlugin& module,
                                 int64_t version, bool part_way, const DriftPolicy& policy) {
  DriftCheck check;
  check.drift.version = version;
  if (policy.on_drift == OnDrift::kIgnore) {
    check.drift.not_known = "not checked: on_drift = ignore";
    return check;
  }
  if (part_way) {
    check.drift.not_known = "not checked: the run resumes a step left part-way";
    return check;
  }
  absl::StatusOr<report::DriftInfo> drift = ReadModuleDrift(db, module, version, policy);
  if (!drift.ok()) {
    check.drift.not_known =
        absl::StrCat("the live schema could not be read: ", drift.status().message());
    if (policy.on_drift == OnDrift::kRefuse) {
      check.refusal = backend::WithContext(drift.status(),
                                           "Error while reading the live schema for on_drift: ");
    }
    return check;
  }
  check.drift = *std::move(drift);
  if (policy.on_drift == OnDrift::kRefuse && !check.drift.Drifted().empty()) {
    check.refusal = absl::FailedPreconditionError(DriftRefusalText(module, check.drift));
  }
  return check;
}

}  // namespace aos::engine
