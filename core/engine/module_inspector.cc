#include "core/engine/module_inspector.h"

#include <unistd.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "core/backend/open_database.h"
#include "core/engine/archive/archive_view.h"  // issue 27
#include "core/engine/drift/drift_touch.h"     // issue 29
#include "core/engine/drift/module_drift.h"
#include "core/engine/module_failure.h"
#include "core/engine/module_state.h"
#include "core/engine/plan/controller_registry.h"
#include "core/engine/plan/planner.h"
#include "core/engine/preflight/preflight_view.h"
#include "core/engine/resume/resume_point.h"
#include "core/sql/statement_splitter.h"

namespace aos::engine {
namespace {

ModuleStatus& Fail(ModuleStatus& status, const absl::Status& st) {
  report::ModuleResult as_run;
  SetFailure(&as_run, "", st);
  status.error = as_run.error;
  status.database_error = as_run.database_error;
  status.error_category = as_run.error_category;
  return status;
}

absl::StatusOr<PendingStep> Pending(const PlannedStep& step,
                                    absl::string_view dialect) {
  PendingStep p;
  p.version = step.migration->version;
  p.upgrade = step.upgrade;
  p.from_version = step.from_version;
  p.to_version = step.to_version;
  p.description = step.migration->description;
  p.phase = plugin::PhaseName(step.migration->phase);
  const plugin::Step& s = step.step();
  p.code_step = s.kind == plugin::Step::Kind::kCode;
  if (!p.code_step) {
    absl::StatusOr<std::vector<sql::Statement>> split =
        sql::SplitStatements(s.SqlFor(dialect), dialect);
    if (!split.ok()) return split.status();
    for (const sql::Statement& st : *split) p.statements.push_back(st.text);
    p.archived = ArchivedStatements(p.statements, dialect, p.upgrade);  // 27
  }
  return p;
}

// A database that does not exist yet: at version 0, every step pending.
ModuleStatus AsIfEmpty(const plugin::ModulePlugin& module,
                       std::optional<int64_t> target, ModuleStatus status) {
  status.current = 0;
  absl::StatusOr<std::vector<PlannedStep>> plan =
      PlanSteps(module, 0, target.value_or(status.latest));
  if (!plan.ok()) return Fail(status, plan.status());
  for (const PlannedStep& step : *plan) {
    absl::StatusOr<PendingStep> p = Pending(step, "sqlite");
    if (!p.ok()) return Fail(status, p.status());
    status.pending.push_back(*std::move(p));
  }
  return status;
}

// What the recorded error of a failed step says past "statement k of n
// (line l): ", the server's own words.
std::string StatementError(const std::string& recorded) {
  size_t line = recorded.rfind("(line ");
  size_t end = line == std::string::npos ? line : recorded.find("): ", line);
  return end == std::string::npos ? recorded : recorded.substr(end + 3);
}

// The step a run resumes, when the plan starts with it: the views show it
// with what is applied and what is left.
void ShowResume(const ModuleState& state, ModuleStatus& status) {
  if (!state.resume || !state.resume->resumable || status.pending.empty()) {
    return;
  }
  const ResumeVerdict& v = *state.resume;
  PendingStep& first = status.pending.front();
  if (!IsStep(v, first.version, first.upgrade)) return;
  report::ResumeInfo info;
  info.failed = !v.interrupted;
  info.version = v.version;
  info.upgrade = first.upgrade;
  info.applied = v.applied;
  info.statements = v.total;
  if (info.failed && state.failed) info.error = StatementError(state.failed->error);
  status.resume = info;
  first.first_statement = v.applied + 1;
}

// The pre-flight on the live data, as a run would find it (preflight_view.h),
// but for a check that would scan a table at or above the DDL gate's
// limits (by the size the gate read): that one is left to the run.
void ShowPreflight(backend::Database& db, const DdlPolicy& policy,
                   ModuleStatus& status) {
  std::vector<std::vector<sql::Statement>> steps;
  std::vector<size_t> firsts;
  std::vector<bool> keeps;  // issue 27: an upgrade's narrowing may be archived
  for (const PendingStep& p : status.pending) {
    keeps.push_back(p.upgrade);
    std::vector<sql::Statement> statements;
    for (const std::string& text : p.statements) {
      statements.push_back(sql::Statement{text, 0});
    }
    steps.push_back(std::move(statements));
    firsts.push_back(static_cast<size_t>(p.first_statement - 1));
  }
  TooBigToAsk too_big = [&](size_t step, int64_t statement,
                            const std::string& table) -> std::string {
    for (const report::StatementCost& c : status.pending[step].ddl) {
      if (c.statement != statement || c.table != table) continue;
      if (c.rows.value_or(0) < policy.max_rows &&
          c.bytes.value_or(0) < policy.max_bytes) {
        continue;
      }
      return absl::StrCat("not asked by this view: it scans table ", table,
                          " (~", c.rows.value_or(0), " rows), at or above "
                          "the DDL gate's limits; a run asks it before the "
                          "statement");
    }
    return "";
  };
  std::vector<std::vector<report::PreflightFinding>> found =
      InspectPreflight(db, steps, firsts, too_big, keeps);
  for (size_t k = 0; k < found.size(); ++k) {
    status.pending[k].preflight = std::move(found[k]);
  }
}

// The module's registry of controllers, as a view shows it.
absl::Status ShowControllers(backend::Database& db,
                             const plugin::ModulePlugin& module,
                             const ModuleState& state, ModuleStatus& status) {
  absl::StatusOr<std::vector<ControllerRecord>> controllers =
      state.controllers ? *state.controllers
                        : ControllerRegistry(db, module.repository_id).List();
  if (!controllers.ok()) return controllers.status();
  for (const ControllerRecord& c : *controllers) {
    status.controllers.push_back({c.id().name, c.latest, c.release,
                                  FormatUtc(c.last_seen), c.id().machine_id,
                                  c.host});
  }
  return absl::OkStatus();
}

// An interrupted step that cannot be resumed, and why.
void ShowInterrupted(const ModuleState& state, ModuleStatus& status) {
  const bool resumable = state.resume && state.resume->resumable;
  if (!state.interrupted || resumable) return;
  status.interrupted = DescribeInterrupted(*state.interrupted);
  if (state.resume) {
    absl::StrAppend(&status.interrupted, "; it cannot be resumed: ",
                    state.resume->why_not);
  }
}

// Issue 29: the module's drift at its recorded version, unless a step is
// left part-way (between two versions by design); a catalog that cannot
// be read leaves it not known, the view goes on.
void ShowDrift(backend::Database& db, const plugin::ModulePlugin& module,
               const ModuleState& state, const DriftPolicy& policy,
               ModuleStatus& status) {
  status.drift.version = state.version;
  if (state.interrupted || (state.resume && state.resume->applied > 0)) {
    status.drift.not_known = "a step is left part-way";
    return;
  }
  absl::StatusOr<report::DriftInfo> drift =
      ReadModuleDrift(db, module, state.version, policy);
  if (!drift.ok()) {
    status.drift.not_known =
        absl::StrCat("the live schema could not be read: ",
                     Redact(std::string(drift.status().message())));
    return;
  }
  status.drift = *std::move(drift);
}

// What the DDL of the plan would cost, and the pre-flight's findings.
absl::Status ShowCost(backend::Database& db, const std::vector<PlannedStep>& plan,
                      const DdlPolicy& ddl, ModuleStatus& status) {
  absl::StatusOr<DdlAssessment> cost =
      AssessDdl(db, plan, status.pending[0].first_statement - 1, ddl);
  if (!cost.ok()) return cost.status();
  for (size_t i = 0; i < cost->costs.size(); ++i) {
    status.pending[i].ddl = std::move(cost->costs[i]);
  }
  status.ddl_note = cost->note;
  ShowPreflight(db, ddl, status);
  return absl::OkStatus();
}

// The view of a module whose database was opened and read: its plan, what
// would refuse it, its resume and the cost of its DDL.
ModuleStatus InspectState(backend::Database& db,
                          const plugin::ModulePlugin& module,
                          const ModuleState& state,
                          std::optional<int64_t> target, bool resume,
                          const DdlPolicy* ddl, ModuleStatus status) {
  absl::StatusOr<std::vector<PlannedStep>> plan =
      PlanSteps(module, state.version, target.value_or(status.latest));
  if (!plan.ok()) return Fail(status, plan.status());
  // What a run would refuse with; an interrupted step has its own field.
  if (status.interrupted.empty()) {
    if (absl::Status st = RunBlocker(state, module, !plan->empty());
        !st.ok()) {
      Fail(status, st);
      // At version 0 that is foreign tables: nothing of ours to list.
      if (state.version == 0) return status;
    }
  }
  for (const PlannedStep& step : *plan) {
    absl::StatusOr<PendingStep> p = Pending(step, db.dialect());
    if (!p.ok()) return Fail(status, p.status());
    status.pending.push_back(*std::move(p));
  }
  if (state.resume && status.interrupted.empty() && !plan->empty()) {
    absl::Status st = ResumeBlocker(*state.resume,
                                    (*plan)[0].migration->version,
                                    (*plan)[0].upgrade);
    if (!st.ok()) return Fail(status, st);
  }
  ShowResume(state, status);
  if (status.resume && !resume) return Fail(status, ResumeOff(*state.resume));
  if (ddl != nullptr && !plan->empty()) {
    if (absl::Status st = ShowCost(db, *plan, *ddl, status); !st.ok()) {
      return Fail(status, st);
    }
  }
  return status;
}

}  // namespace

ModuleStatus InspectModule(const plugin::ModulePlugin& module,
                           const config::ConnectionUrl& url,
                           std::optional<int64_t> target,
                           const backend::SessionOptions& session,
                           bool resume, const DdlPolicy* ddl,
                           const DriftPolicy* drift) {
  ModuleStatus status;
  status.module_id = module.module_id;
  status.display_name = module.display_name;
  status.latest = module.LatestVersion();
  // Opening a missing SQLite file would create it: a view changes nothing.
  if (url.dialect == "sqlite" && !url.database.empty() &&
      access(url.database.c_str(), F_OK) != 0) {
    status = AsIfEmpty(module, target, std::move(status));
    if (ddl != nullptr && !status.pending.empty()) {
      status.ddl_note = DdlNote("sqlite");
    }
    return status;
  }
  absl::StatusOr<std::unique_ptr<backend::Database>> db =
      backend::OpenDatabase(url, session);
  if (!db.ok()) return Fail(status, db.status());
  absl::StatusOr<ModuleState> state = ReadModuleState(**db, module);
  if (!state.ok()) return Fail(status, state.status());
  status.current = state->version;
  if (absl::Status st = ShowControllers(**db, module, *state, status);
      !st.ok()) {
    return Fail(status, st);
  }
  // Issue 27: what the module keeps (one query when nothing).
  absl::StatusOr<std::vector<report::KeptArchive>> kept =
      KeptArchives(**db, module.repository_id);
  if (!kept.ok()) return Fail(status, kept.status());
  status.archives = *std::move(kept);
  ShowInterrupted(*state, status);
  if (drift != nullptr) ShowDrift(**db, module, *state, *drift, status);
  ModuleStatus shown = InspectState(**db, module, *state, target, resume, ddl,
                                    std::move(status));
  for (PendingStep& p : shown.pending) {  // issue 29
    p.drifted_tables = DriftedTablesTouched(p.statements, shown.drift);
  }
  return shown;
}

}  // namespace aos::engine
