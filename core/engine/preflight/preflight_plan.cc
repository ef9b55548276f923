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
  if (std::optional<sql::TableName> made =
          sql::CreatedTable(statements[i].text)) {
    targets = {*made};  // with columns, or AS SELECT
  } else if (sql::ClassifyStatement(statements[i].text) ==
             sql::StatementKind::kDdl) {
    std::optional<std::vector<sql::TableName>> named =
        sql::DdlTargets(statements[i].text);
    if (!named) created.clear();
    if (named) targets = *std::move(named);
  }
  for (auto it = created.begin(); it != created.end();) {
    bool gone = false;
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
  // A CREATE [TEMP] TABLE (with columns, AS SELECT) writes only the table
  // it creates (SQLite's TEMP spelling included).
  if (std::optional<sql::TableName> made = sql::CreatedTable(statement)) {
    return SameName(made->name, table.name);
  }
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

namespace {

// The tables with triggers before each statement: those of the database,
// and those the step's earlier statements create (read at the first ask:
// most steps have no check).
class TriggersBefore {
 public:
  TriggersBefore(const std::vector<sql::Statement>& statements, size_t first,
                 const TriggeredTables& triggered)
      : statements_(statements), first_(first), triggered_(triggered) {}

  const TriggeredTables& At(size_t k) {
    if (before_.empty()) {
      before_.assign(statements_.size() + 1, triggered_);
      for (size_t j = first_; j < statements_.size(); ++j) {
        before_[j + 1] = before_[j];
        before_[j + 1].NoteCreated(statements_[j].text);
      }
    }
    return before_[k];
  }

 private:
  const std::vector<sql::Statement>& statements_;
  size_t first_;
  const TriggeredTables& triggered_;
  std::vector<TriggeredTables> before_;
};

// Whether a statement in [from, to) may write `table`.
bool WrittenIn(const std::vector<sql::Statement>& statements, size_t from,
               size_t to, const sql::TableName& table,
               TriggersBefore& triggers) {
  for (size_t k = from; k < to; ++k) {
    if (MayWrite(statements[k].text, table, triggers.At(k))) return true;
  }
  return false;
}

// SQLite's rebuild through a copy aside (sql::ReadTableCopy): the copy back
// from s = t's rows as the step found them, when nothing before s was made
// writes t and nothing after it writes s; then asked of t, before the step.
void AskTheOriginal(const std::vector<sql::Statement>& statements, size_t first,
                    TriggersBefore& triggers, PlannedCheck& c) {
  const sql::DataDependency& d = c.dependency;
  if (c.before_step || d.into.name.empty()) return;
  for (size_t k = c.statement; k-- > first;) {
    std::optional<sql::TableCopy> copy = sql::ReadTableCopy(statements[k].text);
    if (!copy || !SameName(copy->table.name, d.table.name)) continue;
    if (WrittenIn(statements, first, k, copy->source, triggers) ||
        WrittenIn(statements, k + 1, c.statement, d.table, triggers)) {
      return;
    }
    if (d.kind == sql::DataDependency::Kind::kForeignKey && !d.self_reference &&
        WrittenIn(statements, first, c.statement, d.parent, triggers)) {
      return;
    }
    if (d.self_reference) c.dependency.parent = copy->source;
    c.dependency.table = copy->source;
    c.before_step = true;
    return;
  }
}

// Whether the step turns off what the server checks of `d`: MySQL's
// switches, and SQLite's: defer_foreign_keys moves the check to COMMIT,
// ignore_check_constraints drops it (PRAGMA foreign_keys is a no-op inside
// the step's transaction: still asked).
bool TurnedOff(const std::vector<sql::Statement>& statements, size_t i,
               const sql::DataDependency& d) {
  using K = sql::DataDependency::Kind;
  if (d.kind == K::kForeignKey) {
    return TurnsOff(statements, i, "foreign_key_checks") ||
           TurnsOff(statements, i, "defer_foreign_keys");
  }
  if (d.kind == K::kCheck) {
    return TurnsOff(statements, i, "check_constraint_checks") ||
           TurnsOff(statements, i, "ignore_check_constraints");
  }
  return false;
}

}  // namespace

std::vector<PlannedCheck> PlanChecks(
    const std::vector<sql::Statement>& statements, size_t first,
    absl::string_view dialect, const TriggeredTables& triggered) {
  std::vector<PlannedCheck> checks;
  TriggersBefore triggers(statements, first, triggered);
  std::vector<sql::TableDefinition> created;  // SQLite: for a rebuild
  for (size_t i = 0; i < statements.size(); ++i) {
    std::vector<sql::DataDependency> found =
        DependenciesOf(statements, i, dialect, created);
    if (i < first) continue;  // ran already; its CREATE still counts
    for (sql::DataDependency& d : found) {
      if (TurnedOff(statements, i, d)) continue;
      PlannedCheck c;
      c.statement = i;
      for (const sql::TableName& t : ReadTables(d)) {
        if (WrittenIn(statements, first, i, t, triggers)) c.before_step = false;
      }
      c.dependency = std::move(d);
      AskTheOriginal(statements, first, triggers, c);
      checks.push_back(std::move(c));
    }
  }
  return checks;
}

}  // namespace aos::engine
