#include "core/engine/first_step_checks.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "core/backend/database_error.h"
#include "core/engine/drift/drift_gate.h"
#include "core/sql/statement_splitter.h"

namespace aos::engine {

absl::Status CheckFirstStep(backend::Database& db, Preflight& preflight,
                            Archiver& archiver, const PlannedStep& step,
                            int64_t first) {
  const plugin::Step& s = step.step();
  if (s.kind != plugin::Step::Kind::kSql) return absl::OkStatus();
  absl::StatusOr<std::vector<sql::Statement>> split =
      sql::SplitStatements(s.SqlFor(db.dialect()), db.dialect());
  if (!split.ok()) return absl::OkStatus();  // the run says why
  const size_t from = static_cast<size_t>(first);
  absl::Status st = preflight.BeforeStep(
      db, PreflightKey(step.migration->version, step.upgrade), *split, from,
      /*in_transaction=*/false);
  if (st.ok()) st = archiver.CheckStep(*split, from, step.upgrade);
  if (st.ok()) return st;
  return backend::WithContext(
      st, absl::StrCat("Error while applying migration ", step.from_version,
                       " -> ", step.to_version, " (", step.migration->description,
                       "), database left at ", step.from_version, ": "));
}

absl::Status CheckDriftFirst(backend::Database& db,
                             const plugin::ModulePlugin& module,
                             int64_t version, const DriftPolicy& policy,
                             report::ModuleResult* result) {
  DriftCheck check = CheckDriftBeforeSteps(db, module, version,
                                           result->resumed.has_value(), policy);
  result->drift = std::move(check.drift);
  return check.refusal;
}

}  // namespace aos::engine
