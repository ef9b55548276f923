#include "core/engine/preflight/preflight_plan.h"

#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "core/sql/statement_kind.h"
#include "core/sql/table_rebuild.h"

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

// What statement `i` asks of the rows: its own dependencies and, on
// SQLite, those of a copy into a table the step created before it
// (sql/table_rebuild.h). `created` holds those tables, as the statements
// before `i` left them (a later CREATE of the name replaces one, and any
// other DDL on it forgets it: its definition is no longer known).
std::vector<sql::DataDependency> DependenciesOf(
    const std::vector<sql::Statement>& statements, size_t i,
    absl::string_view dialect, std::vector<sql::TableDefinition>& created) {
  std::vector<sql::DataDependency> found =
      sql::DataDependencies(statements[i].text, dialect);
  if (dialect != "sqlite") return found;
  for (sql::DataDependency& d :
       sql::RebuildDependencies(statements[i].text, created)) {
    found.push_back(std::move(d));
  }
  std::optional<sql::TableDefinition> def =
      sql::ReadTableDefinition(statements[i].text);
  std::vector<sql::TableName> targets;
  if (!def &&
      sql::ClassifyStatement(statements[i].text) == sql::StatementKind::kDdl) {
    std::optional<std::vector<sql::TableName>> named =
        sql::DdlTargets(statements[i].text);
    if (!named) created.clear();
    if (named) targets = *std::move(named);
  }
  for (auto it = created.begin(); it != created.end();) {
    bool gone = def && SameName(it->name.name, def->name.name);
    for (const sql::TableName& t : targets) {
      gone = gone || SameName(it->name.name, t.name);
    }
    it = gone ? created.erase(it) : it + 1;
  }
  if (def) created.push_back(*std::move(def));
  return found;
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
  std::vector<sql::TableDefinition> created;  // SQLite: for a rebuild
  for (size_t i = 0; i < statements.size(); ++i) {
    std::vector<sql::DataDependency> found =
        DependenciesOf(statements, i, dialect, created);
    if (i < first) continue;  // ran already; its CREATE still counts
    for (sql::DataDependency& d : found) {
      using K = sql::DataDependency::Kind;
      // MySQL's switches, and SQLite's: defer_foreign_keys moves the check
      // to COMMIT, ignore_check_constraints drops it (PRAGMA foreign_keys
      // is a no-op inside the step's transaction: still asked).
      if (d.kind == K::kForeignKey &&
          (TurnsOff(statements, i, "foreign_key_checks") ||
           TurnsOff(statements, i, "defer_foreign_keys"))) {
        continue;
      }
      if (d.kind == K::kCheck &&
          (TurnsOff(statements, i, "check_constraint_checks") ||
           TurnsOff(statements, i, "ignore_check_constraints"))) {
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
