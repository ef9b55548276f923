#include "core/engine/module_inspector.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "core/backend/open_database.h"
#include "core/engine/history_store.h"
#include "core/engine/planner.h"
#include "core/engine/version_store.h"
#include "core/sql/statement_splitter.h"

namespace aos::engine {
namespace {

ModuleStatus& Fail(ModuleStatus& status, const absl::Status& st) {
  status.error = std::string(st.message());
  status.database_error = backend::IsDatabaseError(st);
  return status;
}

}  // namespace

ModuleStatus InspectModule(const plugin::ModulePlugin& module,
                           const config::ConnectionUrl& url,
                           std::optional<int64_t> target,
                           const backend::SessionOptions& session) {
  ModuleStatus status;
  status.module_id = module.module_id;
  status.display_name = module.display_name;
  status.latest = module.LatestVersion();
  absl::StatusOr<std::unique_ptr<backend::Database>> db =
      backend::OpenDatabase(url, session);
  if (!db.ok()) return Fail(status, db.status());
  absl::StatusOr<int64_t> current = ReadVersion(**db, module.repository_id);
  if (!current.ok()) return Fail(status, current.status());
  status.current = *current;
  if (*current == 0) {
    if (absl::Status st =
            CheckUnversionedIsEmpty(**db, module.repository_id, module.module_id);
        !st.ok()) {
      return Fail(status, st);
    }
  }
  HistoryStore history(**db, module.repository_id);
  absl::StatusOr<std::optional<StepRecord>> interrupted =
      history.FindInterrupted();
  if (!interrupted.ok()) return Fail(status, interrupted.status());
  if (*interrupted) {
    const StepRecord& r = **interrupted;
    status.interrupted = absl::StrCat(
        r.direction, " of migration ", r.version, " started at ", r.started_at,
        " UTC on ", r.host, " (pid ", r.pid, "), ", r.statements_done, " of ",
        r.statements_total, " statements ran");
  }
  absl::StatusOr<std::vector<PlannedStep>> plan =
      PlanSteps(module, *current, target.value_or(status.latest));
  if (!plan.ok()) return Fail(status, plan.status());
  for (const PlannedStep& step : *plan) {
    PendingStep p;
    p.version = step.migration->version;
    p.upgrade = step.upgrade;
    p.from_version = step.from_version;
    p.to_version = step.to_version;
    p.description = step.migration->description;
    const plugin::Step& s = step.step();
    p.code_step = s.kind == plugin::Step::Kind::kCode;
    if (!p.code_step) {
      absl::StatusOr<std::vector<sql::Statement>> split =
          sql::SplitStatements(s.SqlFor((*db)->dialect()), (*db)->dialect());
      if (!split.ok()) return Fail(status, split.status());
      for (const sql::Statement& st : *split) p.statements.push_back(st.text);
    }
    status.pending.push_back(std::move(p));
  }
  return status;
}

}  // namespace aos::engine
