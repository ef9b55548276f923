#include "core/engine/preflight/preflight_plan.h"

#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "core/sql/statement_kind.h"

namespace aos::engine {
namespace {

bool SameName(const std::string& a, const std::string& b) {
  return absl::EqualsIgnoreCase(a, b);
}

// The tables a check reads.
std::vector<sql::TableName> ReadTables(const sql::DataDependency& d) {
  std::vector<sql::TableName> tables = {d.table};
  if (d.kind == sql::DataDependency::Kind::kForeignKey) {
    tables.push_back(d.parent);
  }
  return tables;
}

// Whether a statement of the step, before `end`, names `setting`.
bool TurnsOff(const std::vector<sql::Statement>& statements, size_t end,
              absl::string_view setting) {
  for (size_t i = 0; i < end && i < statements.size(); ++i) {
    for (const std::string& id : sql::IdentifiersIn(statements[i].text)) {
      if (absl::StrContains(absl::AsciiStrToLower(id), setting)) return true;
    }
  }
  return false;
}

}  // namespace

bool MayWrite(absl::string_view statement, const sql::TableName& table,
              const TriggeredTables& triggered) {
  const sql::StatementKind kind = sql::ClassifyStatement(statement);
  if (kind == sql::StatementKind::kDdl) {
    std::optional<std::vector<sql::TableName>> targets =
        sql::DdlTargets(statement);
    if (!targets) return true;
    for (const sql::TableName& t : *targets) {
      if (SameName(t.name, table.name)) return true;
    }
    return false;
  }
  std::vector<std::string> ids = sql::IdentifiersIn(statement);
  if (kind == sql::StatementKind::kOther) {
    static const char* kHarmless[] = {"SET",     "SHOW",    "BEGIN",
                                      "START",   "COMMIT",  "SAVEPOINT",
                                      "RELEASE", "ROLLBACK"};
    if (ids.empty()) return false;
    for (const char* word : kHarmless) {
      // BEGIN NOT ATOMIC is a block; BEGIN alone starts a transaction.
      if (SameName(ids[0], word) &&
          !(SameName(word, "BEGIN") && ids.size() > 1)) {
        return false;
      }
    }
    return true;
  }
  for (const std::string& id : ids) {
    // A table with a trigger: what the trigger writes is not read here.
    if (SameName(id, table.name) || triggered.names.count(
                                        absl::AsciiStrToLower(id)) > 0) {
      return true;
    }
  }
  return triggered.all && kind == sql::StatementKind::kDml;
}

std::vector<PlannedCheck> PlanChecks(
    const std::vector<sql::Statement>& statements, size_t first,
    absl::string_view dialect, const TriggeredTables& triggered) {
  std::vector<PlannedCheck> checks;
  // The tables with triggers before each statement: those of the database,
  // and those the step's earlier statements create (read at the first
  // check: most steps have none).
  std::vector<TriggeredTables> before;
  auto triggers_before = [&](size_t k) -> const TriggeredTables& {
    if (before.empty()) {
      before.assign(statements.size() + 1, triggered);
      for (size_t j = first; j < statements.size(); ++j) {
        before[j + 1] = before[j];
        before[j + 1].NoteCreated(statements[j].text);
      }
    }
    return before[k];
  };
  for (size_t i = first; i < statements.size(); ++i) {
    for (sql::DataDependency& d :
         sql::DataDependencies(statements[i].text, dialect)) {
      using K = sql::DataDependency::Kind;
      if (d.kind == K::kForeignKey &&
          TurnsOff(statements, i, "foreign_key_checks")) {
        continue;
      }
      if (d.kind == K::kCheck &&
          TurnsOff(statements, i, "check_constraint_checks")) {
        continue;
      }
      PlannedCheck c;
      c.statement = i;
      for (const sql::TableName& t : ReadTables(d)) {
        for (size_t k = first; k < i && c.before_step; ++k) {
          if (MayWrite(statements[k].text, t, triggers_before(k))) {
            c.before_step = false;
          }
        }
      }
      c.dependency = std::move(d);
      checks.push_back(std::move(c));
    }
  }
  return checks;
}

}  // namespace aos::engine
