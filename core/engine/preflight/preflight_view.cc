#include "core/engine/preflight/preflight_view.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "core/engine/preflight/archived_narrowing.h"
#include "core/engine/preflight/preflight.h"
#include "core/engine/preflight/preflight_plan.h"

namespace aos::engine {
namespace {

// The name of a table the check reads that an earlier pending step may
// write; "" if none.
std::string WrittenBefore(const std::vector<std::vector<sql::Statement>>& steps,
                          const std::vector<size_t>& firsts, size_t step,
                          const sql::DataDependency& d,
                          TriggeredTables triggered) {
  std::vector<sql::TableName> read = {d.table};
  if (d.kind == sql::DataDependency::Kind::kForeignKey)
    read.push_back(d.parent);
  for (size_t k = 0; k < step; ++k) {
    for (size_t i = firsts[k]; i < steps[k].size(); ++i) {
      for (const sql::TableName& t : read) {
        if (MayWrite(steps[k][i].text, t, triggered)) return t.name;
      }
      triggered.NoteCreated(steps[k][i].text);
    }
  }
  return "";
}

// The tables with triggers before step `step`: the database's, and those
// the earlier pending steps create.
TriggeredTables TriggersBefore(
    const std::vector<std::vector<sql::Statement>>& steps,
    const std::vector<size_t>& firsts, size_t step, TriggeredTables live) {
  for (size_t k = 0; k < step; ++k) {
    for (size_t i = firsts[k]; i < steps[k].size(); ++i) {
      live.NoteCreated(steps[k][i].text);
    }
  }
  return live;
}

// A narrowing's conflict `f` that the run may archive instead (issue 27):
// "at_run", saying why.
void MayBeKept(backend::Database& db, const std::vector<sql::Statement>& step,
               const PlannedCheck& c, report::PreflightFinding& f) {
  if (f.outcome != "conflict") return;
  absl::StatusOr<std::optional<sql::Destruction>> kept =
      NarrowingToKeep(db, c.dependency);
  if (!kept.ok() || !*kept) return;
  absl::StatusOr<bool> cuts = CutsSilently(db);
  if (!cuts.ok() || (!*cuts && !SetsSqlModeBefore(step, c.statement))) return;
  f.outcome = "at_run";
  f.note = absl::StrCat(
      f.rows, " rows hold values that do not fit; asked right before "
      "statement ", f.statement, ": where the step's session cuts them "
      "silently (sql_mode not strict), the archive (when on) keeps them "
      "first and the statement runs; else the run refuses the step");
}

}  // namespace

std::vector<std::vector<report::PreflightFinding>> InspectPreflight(
    backend::Database& db,
    const std::vector<std::vector<sql::Statement>>& steps,
    const std::vector<size_t>& firsts, const TooBigToAsk& too_big,
    const std::vector<bool>& keeps) {
  std::vector<std::vector<report::PreflightFinding>> all(steps.size());
  std::optional<TriggeredTables> live;  // read at the first check
  for (size_t k = 0; k < steps.size(); ++k) {
    if (PlanChecks(steps[k], firsts[k], db.dialect()).empty()) continue;
    if (!live) {
      live = TriggeredTablesFrom(
          db.Query(TriggeredTablesQuery(db.dialect()), {}));
    }
    const TriggeredTables triggered = TriggersBefore(steps, firsts, k, *live);
    for (const PlannedCheck& c :
         PlanChecks(steps[k], firsts[k], db.dialect(), triggered)) {
      const std::string written =
          WrittenBefore(steps, firsts, k, c.dependency, *live);
      const std::string big =
          too_big ? too_big(k, static_cast<int64_t>(c.statement) + 1,
                            c.dependency.table.name)
                  : "";
      if (c.before_step && written.empty() && big.empty()) {
        all[k].push_back(RunCheck(db, c, /*in_transaction=*/false));
        if (k < keeps.size() && keeps[k]) {
          MayBeKept(db, steps[k], c, all[k].back());
        }
        continue;
      }
      report::PreflightFinding f;
      f.statement = static_cast<int64_t>(c.statement) + 1;
      f.table = c.dependency.table.name;
      f.kind = sql::DependencyKindName(c.dependency.kind);
      f.change = c.dependency.what;
      f.when = c.before_step ? "before_step" : "before_statement";
      f.outcome = "at_run";
      f.above_limits = !big.empty();
      f.note = !big.empty() ? big
               : c.before_step
                   ? absl::StrCat(
                         "asked when the run reaches this step: an "
                         "earlier step writes table ",
                         written)
                   : absl::StrCat("asked right before statement ", f.statement,
                                  ": an earlier statement of the step writes "
                                  "the table it reads");
      all[k].push_back(std::move(f));
    }
  }
  return all;
}

}  // namespace aos::engine
