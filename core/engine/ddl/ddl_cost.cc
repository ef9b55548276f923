#include "core/engine/ddl/ddl_cost.h"

#include "absl/strings/str_cat.h"
#include "core/engine/ddl/mysql_ddl_probe.h"
#include "core/engine/ddl/postgresql_ddl_probe.h"

namespace aos::engine {
namespace {

std::string Limits(const DdlPolicy& p) {
  return absl::StrCat(p.max_rows, " rows or ", p.max_bytes >> 20, " MiB");
}

// Issue 28: a big DML statement that cannot run in chunks (batch/dml_gate.h).
absl::Status DmlRefusal(const report::StatementCost& c, const PlannedStep& step,
                        const std::vector<PlannedStep>& plan,
                        const DdlPolicy& policy) {
  return absl::FailedPreconditionError(absl::StrCat(
      "Migration ", step.from_version, " -> ", step.to_version, " (",
      step.migration->description, ") refused before anything ran, database "
      "left at ", plan[0].from_version, ": its statement ", c.statement,
      " would change table ", c.table, " (",
      c.rows ? absl::StrCat("~", *c.rows, " rows") : "size unknown",
      ") in one transaction, holding the rows it changes (on Galera: one "
      "write set of them all) for as long as it runs, and cannot run in "
      "chunks: ", c.note, "; refused at ", Limits(policy),
      " and above. Ways out: --allow-blocking runs it as it is, in a "
      "maintenance window; or raise blocking_max_rows / blocking_max_mib in "
      "the config"));
}

}  // namespace

absl::StatusOr<DdlAssessment> AssessDdl(backend::Database& db,
                                        const std::vector<PlannedStep>& plan,
                                        int64_t resume_at,
                                        const DdlPolicy& policy) {
  if (db.dialect() == "mysql") return AssessMysql(db, plan, resume_at, policy);
  if (db.dialect() == "postgresql") {
    return AssessPostgresql(db, plan, resume_at, policy);
  }
  DdlAssessment out;
  out.costs.resize(plan.size());
  out.note = DdlNote(db.dialect());
  return out;
}

std::string StatementWhere(const PlannedStep& step, size_t index) {
  return absl::StrCat("statement ", index + 1, " of migration ",
                      step.from_version, " -> ", step.to_version);
}

std::string DdlNote(absl::string_view dialect) {
  if (dialect != "sqlite") return "";
  return "SQLite: a step locks only this module's database file; nothing "
         "blocks anyone else";
}

absl::Status DdlRefusal(const DdlAssessment& assessment,
                        const std::vector<PlannedStep>& plan,
                        const DdlPolicy& policy) {
  for (size_t i = 0; i < assessment.costs.size() && i < plan.size(); ++i) {
    for (const report::StatementCost& c : assessment.costs[i]) {
      if (!c.refused) continue;
      const PlannedStep& step = plan[i];
      if (!c.batch.empty()) return DmlRefusal(c, step, plan, policy);
      return absl::FailedPreconditionError(absl::StrCat(
          "Migration ", step.from_version, " -> ", step.to_version, " (",
          step.migration->description,
          ") refused before anything ran, database left at ",
          plan[0].from_version, ": its statement ", c.statement,
          " would block ",
          c.blocks == "cluster" ? "the whole Galera cluster" : "its table",
          " for as long as it runs: ", c.Describe(),
          c.note.empty() || c.algorithm == "unknown"
              ? ""
              : absl::StrCat(" (", c.note, ")"),
          "; refused at ", Limits(policy),
          " and above"
          ". Ways out: --online runs an ALTER TABLE through "
          "pt-online-schema-change (MySQL/MariaDB; package percona-toolkit); "
          "--allow-blocking runs it as it is, in a maintenance window; or "
          "raise blocking_max_rows / blocking_max_mib in the config"));
    }
  }
  return absl::OkStatus();
}

}  // namespace aos::engine
