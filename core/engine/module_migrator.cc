#include "core/engine/module_migrator.h"

#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/backend/database_error.h"
#include "core/backend/open_database.h"
#include "core/engine/apply/step_applier.h"
#include "core/engine/archive/archive_plan.h"  // issue 27
#include "core/engine/bookkeeping/history_store.h"
#include "core/engine/bookkeeping/statement_ledger.h"
#include "core/engine/bookkeeping/version_store.h"
#include "core/engine/first_step_checks.h"
#include "core/engine/locks/held_lock.h"
#include "core/engine/module_failure.h"
#include "core/engine/module_state.h"
#include "core/engine/plan/controller_registry.h"
#include "core/engine/plan/planner.h"
#include "core/engine/preflight/preflight.h"
#include "core/engine/resume/resume_point.h"
#include "core/engine/resume/session_wait.h"

// One module's run as a pipeline of stages, each owning one thing:
//   OpenAndRead   connect, read the module's state (module_state.h)
//   IsSettled     at the target, nothing blocking: done without the lock
//   TakeModuleLock                             (held_lock.h, RAII)
//   UnderLock     read the state again, then Mark or Plan + ApplySteps
//                                              (planner.h, step_applier.h)
// Every failure becomes the result's FAIL text through SetFailure
// (module_failure.h), the one rule for masking, category and redaction.
namespace aos::engine {
namespace {

// How long an interrupted run's server session may take to end by itself
// before it is ended with KILL (session_wait.h).
constexpr absl::Duration kSessionGrace = absl::Seconds(30);

class ModuleRun {
 public:
  ModuleRun(const plugin::ModulePlugin& module, const config::ConnectionUrl& url,
            const MigrateOptions& options, ProgressSink progress)
      : module_(module), url_(url), options_(options), sink_(std::move(progress)) {
    result_.module_id = module.module_id;
    result_.display_name = module.display_name;
  }

  // The no-op check, made once, in the parent, and writing nothing: the
  // result if the run ends there (settled, with this controller's row in
  // the registry current, or the database cannot be read), else nullopt:
  // the run goes on in a child, under the lock, which records this
  // controller (UnderLock) as a settled run would have.
  std::optional<report::ModuleResult> CheckSettled() {
    absl::StatusOr<ModuleState> state = OpenAndRead();
    if (!state.ok()) return Failed(kReadPhase, state.status());
    if (!IsSettled(*state)) return std::nullopt;
    absl::StatusOr<bool> current = ControllerCurrent(*state);
    if (!current.ok()) {
      if (options_.rolling.mode == RollingMode::kPlain) return Succeeded(state->version);
      return Failed(kReadPhase, current.status());
    }
    if (!*current) return std::nullopt;
    return Succeeded(state->version);
  }

  // The run, after the parent's CheckSettled: under the module's lock,
  // the state read again and acted on (a module found settled there ends
  // with "No changes", its controller recorded).
  report::ModuleResult Migrate() {
    progress_("connecting");
    if (absl::StatusOr<ModuleState> state = OpenAndRead(); !state.ok()) {
      return Failed(kReadPhase, state.status());
    }
    LockSettings settings{options_.lock_timeout_seconds,
                          options_.lease_seconds, options_.session};
    absl::StatusOr<HeldLock> lock = TakeModuleLock(
        *db_, url_, module_.repository_id, settings, [this](const std::string& holder) {
          sink_({ProgressEvent::Kind::kLockWait, holder});
        });
    if (!lock.ok()) return Failed(kReadPhase, lock.status());
    progress_("holding the migration lock");
    UnderLock(*lock);
    if (absl::Status st = lock->Release(); !st.ok() && result_.ok) {
      return Failed("Error while releasing the migration lock: ", st);
    }
    return result_;
  }

 private:
  int64_t Target() const {
    return options_.target.value_or(module_.LatestVersion());
  }

  absl::StatusOr<ModuleState> OpenAndRead() {
    if (db_ == nullptr) {
      absl::StatusOr<std::unique_ptr<backend::Database>> db =
          backend::OpenDatabase(url_, options_.session);
      if (!db.ok()) return db.status();
      db_ = *std::move(db);
    }
    return ReadModuleState(*db_, module_);
  }

  // The common case at every controller start, answered without the lock:
  // a run that holds it only ever moves the version towards its own
  // target, and a module at its target with nothing blocking is settled.
  bool IsSettled(const ModuleState& state) const {
    return !options_.mark_version && !options_.archive.purge &&  // issue 27
           state.version == Target() &&
           RunBlocker(state, module_, /*has_work=*/false).ok();
  }

  // A killed run's session, ended before the state is read (session_wait.h):
  // on PostgreSQL the holder's the lock was taken over from, at once (its
  // transaction can never commit); on MySQL the ledger's, given
  // kSessionGrace to finish its statement.
  void UnderLock(const HeldLock& lock) {
    if (std::optional<TakenOverSession> orphan = lock.TakenOver()) {
      absl::Status ended = WaitForSessionEnd(
          *db_, orphan->id, absl::ZeroDuration(),
          absl::Seconds(options_.lock_timeout_seconds), progress_, orphan->since);
      if (!ended.ok()) return (void)Failed(kReadPhase, ended);
    }
    absl::StatusOr<ModuleState> state = OpenAndRead();
    if (state.ok() && state->resume && state->resume->session_running) {
      absl::Status ended = WaitForSessionEnd(
          *db_, state->resume->session_running, kSessionGrace,
          absl::Seconds(options_.lock_timeout_seconds) + kSessionGrace,
          progress_);
      if (!ended.ok()) return (void)Failed(kReadPhase, ended);
      state = OpenAndRead();  // judged again, the statement settled
    }
    if (!state.ok()) return (void)Failed(kReadPhase, state.status());
    result_.from = result_.to = state->version;
    if (options_.mark_version) return Mark(*state);
    absl::StatusOr<std::vector<ControllerRecord>> controllers =
        RecordController(*state, /*only_where_known=*/true);
    if (!controllers.ok() && options_.rolling.mode != RollingMode::kPlain) {
      return (void)Failed(kReadPhase, controllers.status());
    }
    absl::StatusOr<std::vector<PlannedStep>> plan =
        PlanSteps(module_, state->version, Target());
    if (!plan.ok()) {
      // A blocker says more than an impossible plan.
      absl::Status blocker = RunBlocker(*state, module_, false);
      return (void)Failed("", blocker.ok() ? plan.status() : blocker);
    }
    if (absl::Status st = RunBlocker(*state, module_, !plan->empty());
        !st.ok()) {
      return (void)Failed(IsMasked(st) ? kReadPhase : "", st);
    }
    // A registry that knew no controller is written only by a run that
    // goes on: a refused one leaves such a database as it was.
    if (controllers.ok() && controllers->empty()) {
      controllers = RecordController(*state, /*only_where_known=*/false);
      if (!controllers.ok() && options_.rolling.mode != RollingMode::kPlain) {
        return (void)Failed(kReadPhase, controllers.status());
      }
    }
    if (controllers.ok()) {
      RollingCut cut = CutRollingPlan(*plan, Rolling(), *controllers);
      if (!cut.refusal.ok()) return (void)Failed("", cut.refusal);
      result_.held_back = cut.held_back;
      plan->resize(cut.keep);
    }
    if (absl::Status st = RetireArchives(!plan->empty()); !st.ok()) {
      return (void)Failed(kReadPhase, st);
    }
    if (plan->empty()) return (void)Succeeded(state->version);
    Apply(*state, *plan);
  }

  // Issue 27: archives past their retention (all with --purge-archives),
  // retired by a run that holds the lock and has work or was asked to.
  absl::Status RetireArchives(bool has_work) {
    if (!has_work && !options_.archive.purge) return absl::OkStatus();
    Archiver archiver(*db_, module_.repository_id, options_.archive);
    absl::StatusOr<int64_t> retired = archiver.Expire(options_.archive.purge);
    if (!retired.ok()) return retired.status();
    if (*retired > 0) progress_(absl::StrCat("retired ", *retired, " archive(s)"));
    return absl::OkStatus();
  }

  // The rolling policy, this controller named by its key: the configured
  // name (its host name by default) on this machine (controller_registry.h).
  RollingPolicy Rolling() const {
    RollingPolicy policy = options_.rolling;
    policy.self = ThisController(policy.self).Key();
    return policy;
  }

  // This controller's row in the module's registry (module_state.h).
  absl::StatusOr<bool> ControllerCurrent(const ModuleState& state) {
    return ThisControllerIsCurrent(*db_, module_, state, Rolling().self);
  }
  absl::StatusOr<std::vector<ControllerRecord>> RecordController(
      const ModuleState& state, bool only_where_known) {
    return RecordThisController(*db_, module_, state, Rolling().self, only_where_known);
  }

  // Where the plan's first step starts: past the statements an earlier
  // attempt applied (resume_point.h). Fails the result when that attempt
  // left a step that cannot be resumed in the way.
  std::optional<int64_t> ResumeAt(const ModuleState& state,
                                  const PlannedStep& first) {
    if (!state.resume) return 0;
    const ResumeVerdict& v = *state.resume;
    absl::Status blocker =
        ResumeBlocker(v, first.migration->version, first.upgrade);
    if (!blocker.ok()) {
      Failed("", blocker);
      return std::nullopt;
    }
    if (!IsStep(v, first.migration->version, first.upgrade)) return 0;
    if (!options_.resume) {
      Failed("", ResumeOff(v));
      return std::nullopt;
    }
    result_.resumed = report::ModuleResult::Resumed{
        v.version, v.applied + 1, v.total, false};
    return v.applied;
  }

  void Apply(const ModuleState& state, const std::vector<PlannedStep>& plan) {
    std::optional<int64_t> resume_at = ResumeAt(state, plan[0]);
    if (!resume_at) return;
    if (result_.resumed) result_.resumed->only_step = plan.size() == 1;
    if (absl::Status st = CheckDriftFirst(*db_, module_, state.version, options_.drift, &result_);
        !st.ok()) {  // issue 29: before anything of the run is recorded
      return (void)Failed("", st);
    }
    absl::StatusOr<DdlAssessment> ddl = AssessCost(plan, *resume_at);
    if (!ddl.ok()) return (void)Failed(kReadPhase, ddl.status());
    if (absl::Status st = DdlRefusal(*ddl, plan, options_.ddl); !st.ok()) {
      return (void)Failed("", st);
    }
    // The archiver (issue 27) refuses with the pre-flight, then rides along.
    Archiver archiver(*db_, module_.repository_id, options_.archive);
    preflight_.ArchiveNarrowing(options_.archive.enabled);  // MySQL only
    if (absl::Status st = CheckFirstStep(*db_, preflight_, archiver, plan[0], *resume_at); !st.ok()) {
      return (void)Failed("", st);
    }
    HistoryStore history(*db_, module_.repository_id);
    StatementLedger ledger(*db_, module_.repository_id);
    const bool keeps_ledger = !db_->transactional_ddl();
    if (absl::Status st = EnsureBookkeeping(history, keeps_ledger ? &ledger : nullptr);
        !st.ok()) {
      return (void)Failed(kReadPhase, st);
    }
    absl::StatusOr<backend::Database*> step_db = StepConnection();
    if (!step_db.ok()) return (void)Failed(kReadPhase, step_db.status());
    ApplyContext context{*db_,
                         **step_db,
                         history,
                         module_,
                         progress_,
                         [](std::string text) { return Redact(std::move(text)); },
                         options_.session.lock_wait_timeout_seconds,
                         state.version_row_exists};
    Configure(context, state, plan[0], *resume_at);
    context.ddl = &*ddl;
    context.archiver = &archiver;  // issue 27
    context.run_online = [this, galera = ddl->galera_toi](const StatementRun& run) {
      return RunOnline(run, galera);
    };
    if (keeps_ledger) {
      absl::StatusOr<StepSession> session = ReadStepSession(**step_db);
      if (!session.ok()) return (void)Failed(kReadPhase, session.status());
      context.ledger = &ledger;
      context.session = *session;
      if (options_.statement_progress) context.open_progress_reader = progress_reader_;
    }
    int64_t reached = state.version;
    absl::Status st = ApplySteps(context, plan, &reached);
    result_.restored = DescribeRestored(archiver.restored());  // issue 27
    result_.to = reached;
    if (!st.ok()) return (void)Failed("", st);
    result_.ok = true;
  }

  // ApplySteps' settings from the state, where it resumes and the options.
  void Configure(ApplyContext& context, const ModuleState& state,
                 const PlannedStep& first, int64_t resume_at) {
    context.resume_at = resume_at;
    context.close_interrupted = state.resume && state.resume->interrupted;
    if (state.resume && IsStep(*state.resume, first.migration->version, first.upgrade)) {
      context.session_resume = state.resume->session;  // session_resume.h
    }
    context.fraction = fraction_;
    context.timings = &result_.steps;
    context.crash_at = options_.crash_at;
    context.ddl_lock_wait_seconds = options_.ddl_lock_wait_seconds;
    context.batch = options_.ddl.batch;  // issue 28
    context.preflight = &preflight_;
  }

  // The tables a run records in, made where missing (`ledger`: MySQL's).
  absl::Status EnsureBookkeeping(HistoryStore& history, StatementLedger* ledger) {
    absl::Status ready = history.EnsureTable();
    if (ready.ok()) ready = EnsureVersionTable(*db_);
    if (ready.ok() && ledger != nullptr) ready = ledger->EnsureTable();
    return ready;
  }

  // A statement run through pt-online-schema-change (online_alter.h).
  absl::Status RunOnline(const StatementRun& run, bool galera) {
    progress_(OnlineActivity(run.table, run.warning));
    if (absl::Status st = ClearOnlineLeftovers(*db_, run.table); !st.ok()) return st;
    return RunOnlineAlter(url_, run.table, run.alter_spec, galera, options_.online_tool, progress_,
                          [this](int64_t p) { fraction_(p, 100, "%"); });
  }

  // What the plan's DDL would cost, asked of the server (ddl_cost.h).
  absl::StatusOr<DdlAssessment> AssessCost(const std::vector<PlannedStep>& plan,
                                           int64_t resume_at) {
    progress_("asking the server what each DDL statement costs");
    DdlPolicy policy = options_.ddl;
    const std::string program = options_.online_tool.program;
    policy.online_unavailable = [program] { return OnlineToolMissing(program); };
    return AssessDdl(*db_, plan, resume_at, policy);
  }

  // Where the steps' statements run (step_applier.h, ApplyContext).
  absl::StatusOr<backend::Database*> StepConnection() {
    if (db_->transactional_ddl()) return db_.get();
    backend::SessionOptions one_statement = options_.session;
    one_statement.multi_statements = false;  // database.h: SessionOptions
    absl::StatusOr<std::unique_ptr<backend::Database>> db =
        backend::OpenDatabase(url_, one_statement);
    if (!db.ok()) return db.status();
    step_db_ = *std::move(db);
    return step_db_.get();
  }

  void Mark(const ModuleState& state) {
    const int64_t v = *options_.mark_version;
    if (absl::Status st = MarkRefusal(module_, state, v, options_.force); !st.ok()) {
      return (void)Failed("", st);
    }
    if (absl::Status st = RecordMark(*db_, module_, v); !st.ok()) {
      return (void)Failed("Error while recording the version: ", st);
    }
    result_.to = v;
    result_.ok = true;
    result_.marked = true;
  }

  report::ModuleResult Succeeded(int64_t version) {
    if (!result_.from) result_.from = version;
    result_.to = version;
    result_.ok = true;
    return result_;
  }

  report::ModuleResult Failed(absl::string_view phase, const absl::Status& st) {
    SetFailure(&result_, phase, st);
    if (IsDataConflict(st)) result_.error_category = kDataConflictCategory;
    return result_;
  }

  const plugin::ModulePlugin& module_;
  const config::ConnectionUrl& url_;
  const MigrateOptions& options_;
  ProgressSink sink_;
  // What the run does now, told as an activity.
  ProgressFn progress_{[this](const std::string& what) {
    if (sink_) sink_({ProgressEvent::Kind::kActivity, what});
  }};
  // How far the current activity is (ApplyContext::fraction).
  std::function<void(int64_t, int64_t, const std::string&)> fraction_{
      [this](int64_t done, int64_t total, const std::string& unit) {
        if (sink_) sink_(Fraction(done, total, unit));
      }};
  // Opens the connection a long statement's progress is read from.
  std::function<absl::StatusOr<std::unique_ptr<backend::Database>>()> progress_reader_{
      [this] { return backend::OpenDatabase(url_, options_.session); }};
  std::unique_ptr<backend::Database> db_;       // the tool's connection
  std::unique_ptr<backend::Database> step_db_;  // MySQL: the steps' own
  report::ModuleResult result_;
  Preflight preflight_{[this](const std::string& m) { progress_(m); },
                       options_.preflight_observer};
};

}  // namespace

report::ModuleResult MigrateModule(const plugin::ModulePlugin& module,
                                   const config::ConnectionUrl& url,
                                   const MigrateOptions& options,
                                   const ProgressSink& progress) {
  return ModuleRun(module, url, options, progress).Migrate();
}

std::optional<report::ModuleResult> SettledResult(
    const plugin::ModulePlugin& module, const config::ConnectionUrl& url,
    const MigrateOptions& options) {
  return ModuleRun(module, url, options, [](const ProgressEvent&) {})
      .CheckSettled();
}

}  // namespace aos::engine
