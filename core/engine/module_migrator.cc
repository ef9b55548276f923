#include "core/engine/module_migrator.h"

#include <memory>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "core/backend/database.h"
#include "core/backend/open_database.h"
#include "core/engine/code_step_host.h"
#include "core/engine/history_store.h"
#include "core/engine/file_lock.h"
#include "core/engine/lease_lock.h"
#include "core/engine/planner.h"
#include "core/engine/version_store.h"
#include "core/sql/statement_splitter.h"

namespace aos::engine {
namespace {

constexpr char kReadPhase[] = "Error while getting migrate versions: ";

// Failures the operator cannot fix from the command line: hidden behind the
// spec's "Unknown DB Error" unless --verbose.
bool IsMasked(const absl::Status& st) {
  return backend::IsDatabaseError(st) ||
         st.code() == absl::StatusCode::kInternal ||
         st.code() == absl::StatusCode::kDataLoss;
}

class Run {
 public:
  Run(const plugin::ModulePlugin& module, const config::ConnectionUrl& url,
      const MigrateOptions& options, const ProgressFn& progress)
      : module_(module), url_(url), options_(options), progress_(progress) {
    result_.module_id = module.module_id;
    result_.display_name = module.display_name;
  }

  // Go() up to the point where work would start: its result if it ends
  // there (settled, or the database cannot be read), else nullopt.
  std::optional<report::ModuleResult> Settled() {
    absl::StatusOr<std::unique_ptr<backend::Database>> db =
        backend::OpenDatabase(url_, options_.session);
    if (!db.ok()) return Fail(kReadPhase, db.status());
    db_ = std::move(*db);
    absl::StatusOr<bool> done = NothingToDo();
    if (!done.ok()) return Fail(kReadPhase, done.status());
    if (!*done) return std::nullopt;
    result_.ok = true;
    return result_;
  }

  report::ModuleResult Go() {
    progress_("connecting");
    if (std::optional<report::ModuleResult> ended = Settled()) return *ended;
    absl::StatusOr<std::unique_ptr<ModuleLock>> lock = MakeLock();
    if (!lock.ok()) return Fail(kReadPhase, lock.status());
    if (absl::Status st = (*lock)->Acquire(progress_); !st.ok()) {
      return Fail(kReadPhase, st);
    }
    progress_("holding the migration lock");
    report::ModuleResult result = Locked();
    if (absl::Status st = (*lock)->Release(); !st.ok() && result.ok) {
      return Fail("Error while releasing the migration lock: ", st);
    }
    return result;
  }

 private:
  // The module's version and history: one round trip on every run but a
  // module's first (when a table is missing, each is read on its own).
  absl::StatusOr<int64_t> ReadVersionAndState(HistoryState* state,
                                              bool* row_exists) {
    HistoryStore history(*db_, module_.repository_id);
    absl::StatusOr<std::vector<std::vector<backend::Row>>> both =
        db_->QueryAll(
            {VersionQuery(module_.repository_id), history.StateQuery()});
    if (both.ok()) {
      *state = HistoryStore::ParseState((*both)[1]);
      return ParseVersion((*both)[0], module_.repository_id, row_exists);
    }
    absl::StatusOr<int64_t> version =
        ReadVersion(*db_, module_.repository_id, row_exists);
    if (!version.ok()) return version.status();
    absl::StatusOr<HistoryState> read = history.ReadState();
    if (!read.ok()) return read.status();
    *state = *std::move(read);
    return version;
  }

  absl::StatusOr<std::unique_ptr<ModuleLock>> MakeLock() {
    if (db_->dialect() == "sqlite") {
      return std::unique_ptr<ModuleLock>(
          new FileLock(url_.database, options_.lock_timeout_seconds));
    }
    // The lease renewer gets a connection of its own: the main one may sit
    // in a long DDL statement.
    absl::StatusOr<std::unique_ptr<backend::Database>> renewer =
        backend::OpenDatabase(url_, options_.session);
    if (!renewer.ok()) return renewer.status();
    return std::unique_ptr<ModuleLock>(new LeaseLock(
        *db_, std::move(*renewer), module_.repository_id,
        {options_.lock_timeout_seconds, options_.lease_seconds}));
  }

  // The common case at every controller start: already at the target and
  // no interrupted step. Answered without taking the lock (a run that holds
  // it only ever moves the version towards its own target, and a module at
  // its target with no step running is settled).
  absl::StatusOr<bool> NothingToDo() {
    if (options_.mark_version) return false;
    HistoryState state;
    absl::StatusOr<int64_t> current = ReadVersionAndState(&state, nullptr);
    if (!current.ok()) return current.status();
    if (*current != options_.target.value_or(module_.LatestVersion())) {
      return false;
    }
    if (state.interrupted) return false;
    if (absl::Status st = CheckAppliedContent(state.applied, *current);
        !st.ok()) {
      return false;  // the locked path reports it
    }
    result_.from = *current;
    result_.to = *current;
    return true;
  }

  report::ModuleResult Locked() {
    HistoryStore history(*db_, module_.repository_id);
    HistoryState state;
    absl::StatusOr<int64_t> current =
        ReadVersionAndState(&state, &version_row_exists_);
    if (!current.ok()) return Fail(kReadPhase, current.status());
    result_.from = *current;
    result_.to = *current;
    if (options_.mark_version) return Mark(history);

    if (state.interrupted) return Interrupted(*state.interrupted);
    if (absl::Status st = CheckAppliedContent(state.applied, *current);
        !st.ok()) {
      return Fail(IsMasked(st) ? kReadPhase : "", st);
    }

    if (*current == 0) {
      if (absl::Status st = CheckUnversionedIsEmpty(*db_, module_.repository_id,
                                                    module_.module_id);
          !st.ok()) {
        return Fail(IsMasked(st) ? kReadPhase : "", st);
      }
    }
    int64_t target = options_.target.value_or(module_.LatestVersion());
    absl::StatusOr<std::vector<PlannedStep>> plan =
        PlanSteps(module_, *current, target);
    if (!plan.ok()) return Fail("", plan.status());
    if (plan->empty()) {
      result_.ok = true;
      return result_;
    }
    if (absl::Status st = history.EnsureTable(); !st.ok()) {
      return Fail(kReadPhase, st);
    }
    absl::Status st = db_->transactional_ddl()
                          ? ApplyEachInTransaction(*plan, history)
                          : ApplyInSequence(*plan, history);
    if (!st.ok()) return result_;  // Fail() was called
    result_.ok = true;
    return result_;
  }

  // The checksum of a step's script for this engine.
  std::string Checksum(const plugin::Migration& m, bool upgrade) const {
    const plugin::Step& s = upgrade ? m.upgrade : *m.downgrade;
    if (s.kind == plugin::Step::Kind::kSql) {
      return Sha256Hex(s.SqlFor(db_->dialect()));
    }
    return Sha256Hex(absl::StrCat("code step ", m.version, " ",
                                  upgrade ? "upgrade" : "downgrade"));
  }

  // A step whose content changed after it was applied is reported, never
  // silently accepted (an operator accepts it with --mark-version).
  absl::Status CheckAppliedContent(const std::map<int64_t, std::string>& applied,
                                   int64_t current) const {
    std::vector<std::string> changed;
    for (const plugin::Migration& m : module_.migrations) {
      if (m.version > current) break;
      auto it = applied.find(m.version);
      if (it != applied.end() && it->second != Checksum(m, true)) {
        changed.push_back(absl::StrCat(m.version, " (", m.description, ")"));
      }
    }
    if (changed.empty()) return absl::OkStatus();
    return absl::FailedPreconditionError(absl::StrCat(
        "the content of applied migration ", absl::StrJoin(changed, ", "),
        " differs from what was applied (checksum mismatch); check the "
        "plugin, then accept the database as it is with -n ",
        module_.module_id, " --mark-version ", current));
  }

  // A step ready to run: its history record and its statements.
  struct ReadyStep {
    const PlannedStep* planned;
    StepRecord record;
    std::vector<sql::Statement> statements;
  };

  absl::StatusOr<ReadyStep> Ready(const PlannedStep& step) const {
    ReadyStep ready{&step, {}, {}};
    const plugin::Step& s = step.step();
    ready.record.version = step.migration->version;
    ready.record.direction = step.upgrade ? "upgrade" : "downgrade";
    ready.record.checksum = Checksum(*step.migration, step.upgrade);
    ready.record.statements_total = 1;
    if (s.kind == plugin::Step::Kind::kSql) {
      absl::StatusOr<std::vector<sql::Statement>> split =
          sql::SplitStatements(s.SqlFor(db_->dialect()), db_->dialect());
      if (!split.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("the plugin's script does not parse: ",
                         split.status().message()));
      }
      ready.statements = *std::move(split);
      ready.record.statements_total = ready.statements.size();
    }
    return ready;
  }

  void ShowProgress(const PlannedStep& step) {
    progress_(absl::StrCat(step.upgrade ? "upgrading " : "downgrading ",
                           step.from_version, " -> ", step.to_version, " (",
                           step.migration->description, ")"));
  }

  // MySQL: DDL commits by itself, so each step's statements run on their
  // own, between two bookkeeping transactions. The first records step 1 as
  // running; after step k, one transaction in one round trip records step k
  // done, the version k, and step k+1 running. A step that fails is
  // recorded failed; one cut short (process or server gone) stays running.
  absl::Status ApplyInSequence(const std::vector<PlannedStep>& plan,
                               HistoryStore& history) {
    absl::StatusOr<ReadyStep> ready = Ready(plan.front());
    if (!ready.ok()) return FailStatus(StepPhase(plan.front()), ready.status());
    if (absl::Status st = history.Begin(&ready->record); !st.ok()) {
      return FailStatus(StepPhase(plan.front()), st);
    }
    for (size_t i = 0; i < plan.size(); ++i) {
      const PlannedStep& step = plan[i];
      ShowProgress(step);
      absl::Status outcome = RunStep(step.step(), ready->statements, history);
      if (!outcome.ok()) {
        (void)history.Finish(false, Redact(std::string(outcome.message())));
        return FailStatus(StepPhase(step), outcome);
      }
      std::vector<backend::BoundStatement> done;
      if (!version_row_exists_) {
        // The module's first version row (and maybe table): once per module.
        if (absl::Status st = WriteVersion(*db_, module_.repository_id,
                                           module_.path, step.to_version);
            !st.ok()) {
          return FailStatus(StepPhase(step), st);
        }
        version_row_exists_ = true;
      } else {
        done.push_back(VersionUpdate(module_.repository_id, step.to_version));
      }
      done.push_back(history.FinishStatement(true, ""));
      absl::StatusOr<ReadyStep> next = absl::CancelledError();
      if (i + 1 < plan.size()) {
        next = Ready(plan[i + 1]);
        if (next.ok()) done.push_back(history.BeginStatement(&next->record));
      }
      done.insert(done.begin(), {"BEGIN", {}});
      done.push_back({"COMMIT", {}});
      if (absl::Status st = db_->ExecuteAll(done); !st.ok()) {
        (void)db_->Rollback();
        return FailStatus(StepPhase(step), st);
      }
      result_.to = step.to_version;
      if (i + 1 < plan.size()) {
        if (!next.ok()) return FailStatus(StepPhase(plan[i + 1]), next.status());
        ready = std::move(next);
      }
    }
    return absl::OkStatus();
  }

  // PostgreSQL and SQLite: the step, its version and its history row commit
  // together or not at all, so no step is ever left half done; a failure is
  // recorded afterwards, outside the rolled-back transaction.
  absl::Status ApplyEachInTransaction(const std::vector<PlannedStep>& plan,
                                      HistoryStore& history) {
    for (const PlannedStep& step : plan) {
      absl::StatusOr<ReadyStep> ready = Ready(step);
      if (!ready.ok()) return FailStatus(StepPhase(step), ready.status());
      ShowProgress(step);
      if (absl::Status st = db_->Begin(); !st.ok()) {
        return FailStatus(StepPhase(step), st);
      }
      absl::Status outcome = history.Begin(&ready->record);
      if (outcome.ok()) {
        outcome = RunStep(step.step(), ready->statements, history);
      }
      if (outcome.ok()) {
        if (version_row_exists_) {
          backend::BoundStatement update =
              VersionUpdate(module_.repository_id, step.to_version);
          outcome = db_->Execute(update.sql, update.params);
        } else {
          outcome = WriteVersion(*db_, module_.repository_id, module_.path,
                                 step.to_version);
        }
      }
      if (outcome.ok()) outcome = history.Finish(true, "");
      if (outcome.ok()) outcome = db_->Commit();
      if (!outcome.ok()) {
        (void)db_->Rollback();
        StepRecord failed = ready->record;
        if (history.EnsureTable().ok() && history.Begin(&failed).ok()) {
          (void)history.Finish(
              false, Redact(absl::StrCat("rolled back: ", outcome.message())));
        }
        return FailStatus(StepPhase(step), outcome);
      }
      version_row_exists_ = true;
      result_.to = step.to_version;
    }
    return absl::OkStatus();
  }

  // The step's statements (or code), counting progress in the history
  // between statements (Finish records the last).
  absl::Status RunStep(const plugin::Step& s,
                       const std::vector<sql::Statement>& statements,
                       HistoryStore& history) {
    if (s.kind == plugin::Step::Kind::kCode) {
      return RunCodeStep(s, *db_, module_.module_id);
    }
    for (size_t i = 0; i < statements.size(); ++i) {
      if (i > 0) {
        if (absl::Status p = history.Progress(i); !p.ok()) return p;
      }
      absl::Status st = db_->Execute(statements[i].text, {});
      if (!st.ok()) {
        return absl::Status(
            st.code(), absl::StrCat("statement ", i + 1, " of ",
                                    statements.size(), " (line ",
                                    statements[i].line, "): ", st.message(),
                                    LockWaitHint(st)));
      }
    }
    return absl::OkStatus();
  }

  report::ModuleResult Mark(HistoryStore& history) {
    int64_t v = *options_.mark_version;
    if (v != 0 && module_.Find(v) == nullptr) {
      return Fail("", absl::InvalidArgumentError(absl::StrCat(
                          "version ", v, " does not exist for ",
                          module_.module_id, " (it has 0, ",
                          DescribeVersions(module_), ")")));
    }
    if (absl::Status st = history.RecordMark(v); !st.ok()) {
      return Fail("Error while recording the version: ", st);
    }
    if (absl::Status st =
            WriteVersion(*db_, module_.repository_id, module_.path, v);
        !st.ok()) {
      return Fail("Error while recording the version: ", st);
    }
    result_.to = v;
    result_.ok = true;
    return result_;
  }

  report::ModuleResult Interrupted(const StepRecord& r) {
    return Fail("", absl::FailedPreconditionError(absl::StrCat(
                        "the ", r.direction, " of migration ", r.version,
                        " started at ", r.started_at, " UTC on ", r.host,
                        " (pid ", r.pid, ") and never finished: ",
                        r.statements_done, " of ", r.statements_total,
                        " statements ran. Repair the database, then record "
                        "its real version with -n ",
                        module_.module_id, " --mark-version N")));
  }

  // A lock wait timeout says what the statement waited for.
  std::string LockWaitHint(const absl::Status& st) const {
    if (!absl::StartsWith(st.message(), "(1205)")) return "";
    return absl::StrCat(
        "; it waited lock_wait_timeout (",
        options_.session.lock_wait_timeout_seconds,
        " s) for a lock another session holds on a table it changes (find "
        "that session with SHOW PROCESSLIST)");
  }

  std::string StepPhase(const PlannedStep& step) const {
    return absl::StrCat("Error while applying migration ",
                        step.from_version, " -> ", step.to_version, " (",
                        step.migration->description, "), database left at ",
                        step.from_version, ": ");
  }

  // Fail() for the steps' helpers: records the failure, returns its status.
  absl::Status FailStatus(absl::string_view phase, const absl::Status& st) {
    Fail(phase, st);
    return st;
  }

  report::ModuleResult Fail(absl::string_view phase, const absl::Status& st) {
    result_.ok = false;
    result_.database_error = IsMasked(st);
    result_.error = Redact(absl::StrCat(phase, st.message()));
    return result_;
  }

  // No password ever leaves this module, whatever quoted it.
  std::string Redact(std::string text) const {
    text = config::RedactUrls(text);
    if (!url_.password.empty()) {
      text = absl::StrReplaceAll(text, {{url_.password, "***"}});
    }
    return text;
  }

  const plugin::ModulePlugin& module_;
  const config::ConnectionUrl& url_;
  const MigrateOptions& options_;
  const ProgressFn& progress_;
  std::unique_ptr<backend::Database> db_;
  bool version_row_exists_ = false;  // the module has its migrate_version row
  report::ModuleResult result_;
};

}  // namespace

report::ModuleResult MigrateModule(const plugin::ModulePlugin& module,
                                   const config::ConnectionUrl& url,
                                   const MigrateOptions& options,
                                   const ProgressFn& progress) {
  return Run(module, url, options, progress).Go();
}

std::optional<report::ModuleResult> SettledResult(
    const plugin::ModulePlugin& module, const config::ConnectionUrl& url,
    const MigrateOptions& options) {
  ProgressFn silent = [](const std::string&) {};
  return Run(module, url, options, silent).Settled();
}

}  // namespace aos::engine
