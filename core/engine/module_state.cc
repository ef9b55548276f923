#include "core/engine/module_state.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/engine/batch/batch_progress.h"
#include "core/engine/bookkeeping/statement_ledger.h"
#include "core/engine/bookkeeping/step_checksum.h"
#include "core/engine/bookkeeping/version_store.h"
#include "core/engine/plan/planner.h"

namespace aos::engine {
namespace {

// The version and the history, in one round trip when both tables exist.
absl::Status ReadVersionAndHistory(backend::Database& db,
                                   const std::string& repository_id,
                                   ModuleState* state) {
  HistoryStore history(db, repository_id);
  ControllerRegistry registry(db, repository_id);
  absl::StatusOr<std::vector<std::vector<backend::Row>>> both = db.QueryAll(
      {VersionQuery(repository_id), history.StateQuery(), registry.ListQuery()});
  HistoryState read;
  absl::StatusOr<int64_t> version;
  if (both.ok()) {
    read = HistoryStore::ParseState((*both)[1]);
    state->controllers = ControllerRegistry::ParseList((*both)[2]);
    version = ParseVersion((*both)[0], repository_id,
                           &state->version_row_exists);
  } else {
    version = ReadVersion(db, repository_id, &state->version_row_exists);
    if (!version.ok()) return version.status();
    absl::StatusOr<HistoryState> alone = history.ReadState();
    if (!alone.ok()) return alone.status();
    read = *std::move(alone);
  }
  if (!version.ok()) return version.status();
  state->version = *version;
  state->interrupted = std::move(read.interrupted);
  state->failed = std::move(read.failed);
  state->applied = std::move(read.applied);
  return absl::OkStatus();
}

std::vector<const plugin::Migration*> ChangedMigrations(
    const ModuleState& state, const plugin::ModulePlugin& module,
    absl::string_view dialect) {
  std::vector<const plugin::Migration*> changed;
  for (const plugin::Migration& m : module.migrations) {
    if (m.version > state.version) break;
    auto it = state.applied.find(m.version);
    if (it != state.applied.end() &&
        it->second != StepChecksum(m, true, dialect)) {
      changed.push_back(&m);
    }
  }
  return changed;
}

// PostgreSQL: a step that ran in segments around a batched statement
// (issue 28, apply/postgresql_segments.cc) and was left interrupted or
// failed: its progress row says which of its statements took effect (all
// before the one it names), so that it resumes there. Nothing else of a
// PostgreSQL step is ever left part-way.
absl::Status JudgeSegmented(backend::Database& db,
                            const plugin::ModulePlugin& module,
                            const StepRecord& unfinished, bool interrupted,
                            ModuleState* state) {
  absl::StatusOr<std::optional<BatchRow>> row =
      BatchProgress(module.repository_id, "postgresql").Read(db);
  if (!row.ok()) return row.status();
  // Each segment's commit records the same count in the history row: a
  // row of another attempt (one a repair left) says nothing of this one.
  if (!*row || (*row)->place.version != unfinished.version ||
      (*row)->place.direction != unfinished.direction ||
      (*row)->place.statement - 1 != unfinished.statements_done) {
    return absl::OkStatus();
  }
  ResumeVerdict v;
  v.interrupted = interrupted;
  v.version = unfinished.version;
  v.direction = unfinished.direction;
  v.applied = std::max<int64_t>(0, (*row)->place.statement - 1);
  v.total = unfinished.statements_total;
  v.resumable = true;
  const plugin::Migration* step = nullptr;
  for (const plugin::Migration& m : module.migrations) {
    if (m.version == unfinished.version) step = &m;
  }
  if (step == nullptr ||
      StepChecksum(*step, unfinished.direction == "upgrade", db.dialect()) !=
          unfinished.checksum) {
    v.resumable = false;
    v.why_not = "the plugin's step has changed since it ran in part";
  }
  state->resume = v;
  return absl::OkStatus();
}

// The verdict on the step an earlier run left unfinished, if any: one more
// round trip (the ledger), and on an interrupted DDL statement the schema.
absl::Status JudgeUnfinished(backend::Database& db,
                             const plugin::ModulePlugin& module,
                             ModuleState* state) {
  const std::optional<StepRecord>& unfinished =
      state->interrupted ? state->interrupted : state->failed;
  if (unfinished && db.dialect() == "postgresql") {
    return JudgeSegmented(db, module, *unfinished,
                          state->interrupted.has_value(), state);
  }
  if (!unfinished || db.transactional_ddl()) return absl::OkStatus();
  absl::StatusOr<std::optional<LedgerRow>> ledger =
      StatementLedger(db, module.repository_id).Read();
  if (!ledger.ok()) return ledger.status();
  absl::StatusOr<std::optional<ResumeVerdict>> verdict = JudgeResume(
      db, module, *unfinished, state->interrupted.has_value(), *ledger);
  if (!verdict.ok()) return verdict.status();
  state->resume = *std::move(verdict);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ModuleState> ReadModuleState(
    backend::Database& db, const plugin::ModulePlugin& module) {
  ModuleState state;
  if (absl::Status st =
          ReadVersionAndHistory(db, module.repository_id, &state);
      !st.ok()) {
    return st;
  }
  state.changed = ChangedMigrations(state, module, db.dialect());
  if (absl::Status st = JudgeUnfinished(db, module, &state); !st.ok()) {
    return st;
  }
  // At version 0 the tables of a first step left part-way are ours.
  if (state.version == 0 && !state.interrupted && !state.failed) {
    absl::Status st =
        CheckUnversionedIsEmpty(db, module.repository_id, module.module_id);
    // kFailedPrecondition: foreign tables; anything else: it could not ask.
    if (!st.ok() && st.code() != absl::StatusCode::kFailedPrecondition) {
      return st;
    }
    state.foreign_tables = st;
  }
  return state;
}

absl::Status RunBlocker(const ModuleState& state,
                        const plugin::ModulePlugin& module, bool has_work) {
  if (state.interrupted && !(state.resume && state.resume->resumable)) {
    const StepRecord& r = *state.interrupted;
    std::string why;
    if (state.resume) {
      why = absl::StrCat(" It cannot be resumed: ", state.resume->why_not, ".");
    }
    return absl::FailedPreconditionError(absl::StrCat(
        "the ", r.direction, " of migration ", r.version, " started at ",
        r.started_at, " UTC on ", r.host, " (pid ", r.pid,
        ") and never finished: ", r.statements_done, " of ",
        r.statements_total, " statements ran.", why,
        " Repair the database, then record its real version with -n ",
        module.module_id, " --mark-version N --force"));
  }
  if (!state.changed.empty()) {
    std::vector<std::string> names;
    for (const plugin::Migration* m : state.changed) {
      names.push_back(absl::StrCat(m->version, " (", m->description, ")"));
    }
    return absl::FailedPreconditionError(absl::StrCat(
        "the content of applied migration ", absl::StrJoin(names, ", "),
        " differs from what was applied (checksum mismatch); check the "
        "plugin, then accept the database as it is with -n ",
        module.module_id, " --mark-version ", state.version));
  }
  if (has_work) return state.foreign_tables;
  return absl::OkStatus();
}

std::string DescribeInterrupted(const StepRecord& r) {
  return absl::StrCat(r.direction, " of migration ", r.version,
                      " started at ", r.started_at, " UTC on ", r.host,
                      " (pid ", r.pid, "), ", r.statements_done, " of ",
                      r.statements_total, " statements ran");
}

namespace {

// What --mark-version would discard; "" if none.
std::string DescribeDiscardedByMark(const ModuleState& state) {
  if (state.resume && (state.resume->interrupted || state.resume->applied > 0)) {
    const ResumeVerdict& v = *state.resume;
    return absl::StrCat("the ", v.interrupted ? "interrupted" : "failed", " ",
                        v.direction, " of migration ", v.version, " (",
                        v.applied, " of ", v.total, " statements applied",
                        v.resumable ? "; the next run would resume it" : "",
                        ")");
  }
  if (state.interrupted) {
    return absl::StrCat("the interrupted ",
                        DescribeInterrupted(*state.interrupted));
  }
  return "";
}

}  // namespace

absl::Status MarkRefusal(const plugin::ModulePlugin& module,
                         const ModuleState& state, int64_t version, bool force) {
  if (version != 0 && module.Find(version) == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "version ", version, " does not exist for ", module.module_id,
        " (it has 0, ", DescribeVersions(module), ")"));
  }
  const std::string discarded = DescribeDiscardedByMark(state);
  if (discarded.empty() || force) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "--mark-version ", version, " would discard ", discarded,
      ". Finish or undo that step by hand, then add --force to record "
      "version ", version));
}

absl::Status RecordMark(backend::Database& db,
                        const plugin::ModulePlugin& module, int64_t version) {
  absl::Status st = HistoryStore(db, module.repository_id).RecordMark(version);
  if (st.ok()) st = WriteVersion(db, module.repository_id, module.path, version);
  if (!st.ok()) return st;
  // A batched statement left part-way (issue 28) is the operator's now:
  // no later run resumes its chunks.
  absl::StatusOr<bool> batches = db.TableExists(kBatchesTable);
  if (!batches.ok() || !*batches) return batches.status();
  backend::BoundStatement clear = BatchProgress(module.repository_id).Clear();
  return db.Execute(clear.sql, clear.params);
}

absl::StatusOr<bool> ThisControllerIsCurrent(backend::Database& db,
                                             const plugin::ModulePlugin& module,
                                             const ModuleState& state,
                                             const std::string& self) {
  absl::StatusOr<std::vector<ControllerRecord>> all =
      state.controllers ? *state.controllers
                        : ControllerRegistry(db, module.repository_id).List();
  if (!all.ok()) return all.status();
  for (const ControllerRecord& c : *all) {
    if (c.host == self) return ControllerRegistry::IsCurrent(module, c);
  }
  return false;
}

absl::StatusOr<std::vector<ControllerRecord>> RecordThisController(
    backend::Database& db, const plugin::ModulePlugin& module,
    const ModuleState& state, const std::string& self, bool only_where_known) {
  ControllerRegistry registry(db, module.repository_id);
  absl::StatusOr<std::vector<ControllerRecord>> all =
      state.controllers ? *state.controllers : registry.List();
  if (!all.ok()) return all.status();
  if (only_where_known && all->empty()) return all;
  std::optional<ControllerRecord> mine;
  for (const ControllerRecord& c : *all) {
    if (c.host == self) mine = c;
  }
  if (absl::Status st = registry.Record(self, module, mine); !st.ok()) return st;
  return all;
}

}  // namespace aos::engine
