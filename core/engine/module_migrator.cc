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

  report::ModuleResult Go() {
    progress_("connecting");
    absl::StatusOr<std::unique_ptr<backend::Database>> db =
        backend::OpenDatabase(url_, options_.session);
    if (!db.ok()) return Fail(kReadPhase, db.status());
    db_ = std::move(*db);
    if (absl::StatusOr<bool> done = NothingToDo(); !done.ok()) {
      return Fail(kReadPhase, done.status());
    } else if (*done) {
      result_.ok = true;
      return result_;
    }
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
    absl::StatusOr<int64_t> current = ReadVersion(*db_, module_.repository_id);
    if (!current.ok()) return current.status();
    if (*current != options_.target.value_or(module_.LatestVersion())) {
      return false;
    }
    HistoryStore history(*db_, module_.repository_id);
    absl::StatusOr<std::optional<StepRecord>> interrupted =
        history.FindInterrupted();
    if (!interrupted.ok()) return interrupted.status();
    if (*interrupted) return false;
    if (absl::Status st = CheckAppliedContent(history, *current); !st.ok()) {
      return false;  // the locked path reports it
    }
    result_.from = *current;
    result_.to = *current;
    return true;
  }

  report::ModuleResult Locked() {
    HistoryStore history(*db_, module_.repository_id);
    absl::StatusOr<int64_t> current = ReadVersion(*db_, module_.repository_id);
    if (!current.ok()) return Fail(kReadPhase, current.status());
    result_.from = *current;
    result_.to = *current;
    if (options_.mark_version) return Mark(history);

    absl::StatusOr<std::optional<StepRecord>> interrupted =
        history.FindInterrupted();
    if (!interrupted.ok()) return Fail(kReadPhase, interrupted.status());
    if (*interrupted) return Interrupted(**interrupted);
    if (absl::Status st = CheckAppliedContent(history, *current); !st.ok()) {
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
    if (!plan->empty()) {
      if (absl::Status st = history.EnsureTable(); !st.ok()) {
        return Fail(kReadPhase, st);
      }
    }
    for (const PlannedStep& step : *plan) {
      if (absl::Status st = Apply(step, history); !st.ok()) {
        return Fail(StepPhase(step), st);
      }
      result_.to = step.to_version;
    }
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
  absl::Status CheckAppliedContent(HistoryStore& history, int64_t current) {
    absl::StatusOr<std::map<int64_t, std::string>> applied =
        history.AppliedChecksums();
    if (!applied.ok()) return applied.status();
    std::vector<std::string> changed;
    for (const plugin::Migration& m : module_.migrations) {
      if (m.version > current) break;
      auto it = applied->find(m.version);
      if (it != applied->end() && it->second != Checksum(m, true)) {
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

  absl::Status Apply(const PlannedStep& step, HistoryStore& history) {
    const plugin::Step& s = step.step();
    progress_(absl::StrCat(step.upgrade ? "upgrading " : "downgrading ",
                           step.from_version, " -> ", step.to_version, " (",
                           step.migration->description, ")"));
    StepRecord record;
    record.version = step.migration->version;
    record.direction = step.upgrade ? "upgrade" : "downgrade";
    std::vector<sql::Statement> statements;
    record.checksum = Checksum(*step.migration, step.upgrade);
    if (s.kind == plugin::Step::Kind::kSql) {
      const std::string& script = s.SqlFor(db_->dialect());
      absl::StatusOr<std::vector<sql::Statement>> split =
          sql::SplitStatements(script, db_->dialect());
      if (!split.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("the plugin's script does not parse: ",
                         split.status().message()));
      }
      statements = *std::move(split);
      record.statements_total = statements.size();
    } else {
      record.statements_total = 1;
    }
    if (db_->transactional_ddl()) {
      return ApplyInTransaction(step, statements, &record, history);
    }
    if (absl::Status st = history.Begin(&record); !st.ok()) return st;
    absl::Status outcome = RunStep(s, statements, record, history);
    if (!outcome.ok()) {
      (void)history.Finish(record, false, Redact(std::string(outcome.message())));
      return outcome;
    }
    if (absl::Status st = WriteVersion(*db_, module_.repository_id,
                                       module_.path, step.to_version);
        !st.ok()) {
      return st;
    }
    return history.Finish(record, true, "");
  }

  // PostgreSQL and SQLite: the step, its version and its history row commit
  // together or not at all, so no step is ever left half done; a failure is
  // recorded afterwards, outside the rolled-back transaction.
  absl::Status ApplyInTransaction(const PlannedStep& step,
                                  const std::vector<sql::Statement>& statements,
                                  StepRecord* record, HistoryStore& history) {
    if (absl::Status st = db_->Begin(); !st.ok()) return st;
    absl::Status outcome = history.Begin(record);
    if (outcome.ok()) outcome = RunStep(step.step(), statements, *record, history);
    if (outcome.ok()) {
      outcome = WriteVersion(*db_, module_.repository_id, module_.path,
                             step.to_version);
    }
    if (outcome.ok()) outcome = history.Finish(*record, true, "");
    if (outcome.ok()) outcome = db_->Commit();
    if (outcome.ok()) return outcome;
    (void)db_->Rollback();
    StepRecord failed = *record;
    if (history.EnsureTable().ok() && history.Begin(&failed).ok()) {
      (void)history.Finish(
          failed, false,
          Redact(absl::StrCat("rolled back: ", outcome.message())));
    }
    return outcome;
  }

  // The step's statements (or code), counting progress in the history.
  absl::Status RunStep(const plugin::Step& s,
                       const std::vector<sql::Statement>& statements,
                       const StepRecord& record, HistoryStore& history) {
    if (s.kind == plugin::Step::Kind::kCode) {
      return RunCodeStep(s, *db_, module_.module_id);
    }
    for (size_t i = 0; i < statements.size(); ++i) {
      absl::Status st = db_->Execute(statements[i].text, {});
      if (!st.ok()) {
        return absl::Status(
            st.code(), absl::StrCat("statement ", i + 1, " of ",
                                    statements.size(), " (line ",
                                    statements[i].line, "): ", st.message(),
                                    LockWaitHint(st)));
      }
      if (absl::Status p = history.Progress(record, i + 1); !p.ok()) return p;
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
  report::ModuleResult result_;
};

}  // namespace

report::ModuleResult MigrateModule(const plugin::ModulePlugin& module,
                                   const config::ConnectionUrl& url,
                                   const MigrateOptions& options,
                                   const ProgressFn& progress) {
  return Run(module, url, options, progress).Go();
}

}  // namespace aos::engine
