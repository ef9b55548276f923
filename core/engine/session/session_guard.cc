#include "core/engine/session/session_guard.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace aos::engine {

absl::Status SessionGuard::Open(backend::Database& step_db) {
  absl::StatusOr<ProbeResult> probe = RunProbe(step_db, {});
  if (!probe.ok()) return probe.status();
  opened_ = probe->owned;
  opened_.in_transaction = false;
  opened_.table_lock = false;
  return absl::OkStatus();
}

absl::Status SessionGuard::Check(backend::Database& step_db,
                                 bool in_transaction) {
  absl::StatusOr<ProbeResult> probe = RunProbe(step_db, names_);
  if (!probe.ok()) return probe.status();
  const std::string changed =
      OwnedChanges(opened_, probe->owned, in_transaction);
  if (changed.empty()) {
    state_ = std::move(probe->state);
    return absl::OkStatus();
  }
  // Undone: a transaction it opened (with the tool's own), a lock it took.
  (void)step_db.Execute("ROLLBACK AND NO CHAIN NO RELEASE");
  (void)step_db.Execute("UNLOCK TABLES");
  return absl::FailedPreconditionError(absl::StrCat(
      "it changed what the tool owns of the step's session (", changed,
      "): the tool owns transactions and the session it records the step "
      "on, so the step stops here, before the statement is recorded, and "
      "nothing after it runs. Remove that from the plugin"));
}

SessionNames StepNames(backend::Database& db,
                       const std::vector<sql::Statement>& statements) {
  SessionNames names;
  for (const sql::Statement& s : statements) {
    names.Add(NamedVariables(s.text));
  }
  if (names.system.empty()) return names;
  std::vector<backend::SqlValue> params;
  for (const std::string& n : names.system) params.push_back(n);
  std::vector<std::string> marks(names.system.size(), "?");
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query(
      absl::StrCat("SELECT LOWER(variable_name) FROM "
                   "information_schema.system_variables WHERE "
                   "variable_scope <> 'GLOBAL' AND LOWER(variable_name) IN (",
                   absl::StrJoin(marks, ", "), ")"),
      params);
  if (!rows.ok()) return names;  // MySQL: no such view; read them all
  std::vector<std::string> known;
  for (const backend::Row& r : *rows) known.push_back(r[0].value_or(""));
  names.system.erase(
      std::remove_if(names.system.begin(), names.system.end(),
                     [&known](const std::string& n) {
                       return std::find(known.begin(), known.end(), n) ==
                              known.end();
                     }),
      names.system.end());
  return names;
}

}  // namespace aos::engine
