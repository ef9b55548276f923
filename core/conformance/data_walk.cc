#include "core/conformance/data_walk.h"

#include <memory>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/backend/open_database.h"
#include "core/conformance/row_generator.h"
#include "core/conformance/row_loss.h"
#include "core/conformance/row_snapshot.h"
#include "core/engine/archive/archive_store.h"
#include "core/engine/module_inspector.h"
#include "core/engine/module_migrator.h"
#include "core/engine/preflight/preflight.h"

namespace aos::conformance {
namespace {

constexpr auto Pass = CheckResult::Pass;
constexpr auto Failure = CheckResult::Failure;

// The statement (from 1) a failed step's error names ("statement 2 of 3");
// 0 when none.
int64_t FailedStatement(const std::string& error) {
  for (size_t at = error.find("statement "); at != std::string::npos;
       at = error.find("statement ", at + 1)) {
    const size_t digits = at + 10;
    const size_t of = error.find(" of ", digits);
    int64_t n = 0;
    if (of != std::string::npos &&
        absl::SimpleAtoi(error.substr(digits, of - digits), &n)) {
      return n;
    }
  }
  return 0;
}

std::string Listed(const std::vector<RowLoss>& losses) {
  return absl::StrJoin(losses, "; ", [](std::string* out, const RowLoss& l) {
    absl::StrAppend(out, l.Name(), ": ", l.detail);
  });
}

class DataWalker {
 public:
  DataWalker(const plugin::ModulePlugin& module,
             const config::ConnectionUrl& url,
             const std::function<void(const std::string&)>& log)
      : module_(module), url_(url), log_(log) {}

  std::vector<CheckResult> Run() {
    absl::StatusOr<std::unique_ptr<backend::Database>> db =
        backend::OpenDatabase(url_, {});
    if (!db.ok()) {
      return {
          Failure("data walk: connect", std::string(db.status().message()))};
    }
    db_ = *std::move(db);
    engine::ModuleStatus at =
        engine::InspectModule(module_, url_, std::nullopt, {}, true, nullptr);
    if (!at.current) return {Failure("data walk: read the version", at.error)};
    int64_t previous = *at.current;
    const int64_t from = previous;
    std::vector<CheckResult> out;
    for (const plugin::Migration& m : module_.migrations) {
      if (m.version <= previous) continue;
      if (!Step(m, previous, &out)) return out;
      previous = m.version;
    }
    for (const CheckResult& r : out) {
      if (!r.ok) return out;
    }
    out.push_back(Pass(absl::StrCat(
        "data walk ", from, "..", module_.LatestVersion(),
        ": every step ran over generated rows (", inserted_,
        " in all), as its pre-flight said (", statement_checks_,
        " checks right before their statement); ", round_trips_,
        " reversible steps down and up again kept the rows and gave back "
        "what they archived",
        declared_.empty() ? ""
                          : absl::StrCat(" (declared lost: ",
                                         absl::StrJoin(declared_, ", "), ")"),
        notes_.empty() ? "" : "; ", absl::StrJoin(notes_, "; "))));
    return out;
  }

 private:
  // Runs the module to `target`; the error text and category when it fails.
  // The pre-flight's findings of the run go to asked_.
  bool Migrate(int64_t target, std::string* error, std::string* category) {
    engine::MigrateOptions options;
    options.target = target;
    options.lock_timeout_seconds = 10;
    asked_.clear();
    options.preflight_observer = [this](const report::PreflightFinding& f) {
      asked_.push_back(f);
    };
    report::ModuleResult r = engine::MigrateModule(
        module_, url_, options, [](const engine::ProgressEvent&) {});
    if (!r.ok) {
      *error = r.ResultText(true);
      *category = r.error_category;
    }
    return r.ok;
  }

  // The conflicts the pre-flight shows for step `m` before it runs.
  std::vector<std::string> Foreseen(const plugin::Migration& m) {
    engine::DdlPolicy policy;
    policy.allow_blocking = true;
    engine::ModuleStatus view =
        engine::InspectModule(module_, url_, m.version, {}, true, &policy);
    std::vector<std::string> conflicts;
    if (view.pending.empty()) return conflicts;
    for (const report::PreflightFinding& f : view.pending[0].preflight) {
      if (f.outcome == "conflict") {
        conflicts.push_back(absl::StrCat("statement ", f.statement, ": ",
                                         f.change, " on ", f.table));
      }
    }
    return conflicts;
  }

  std::string Name(const plugin::Migration& m) const {
    return absl::StrCat("data walk: version ", m.version, " (", m.description,
                        ")");
  }

  bool Fill(const plugin::Migration& m, std::vector<CheckResult>* out) {
    absl::StatusOr<conformance::Fill> fill =
        FillTables(*db_, kDataWalkRows, &counter_);
    if (!fill.ok()) {
      out->push_back(Failure(absl::StrCat(Name(m), ": fill the tables"),
                             std::string(fill.status().message())));
      return false;
    }
    inserted_ += fill->inserted;
    for (const std::string& n : fill->notes) {
      if (notes_.size() < 8) notes_.push_back(n);
    }
    return true;
  }

  // Every row of the module now; a failure in `out` when it cannot be read.
  std::optional<RowSnapshot> Snapshot(const std::string& when,
                                      std::vector<CheckResult>* out) {
    absl::StatusOr<RowSnapshot> s = SnapshotRows(*db_);
    if (s.ok()) return *std::move(s);
    out->push_back(Failure(absl::StrCat("data walk: read the rows ", when),
                           std::string(s.status().message())));
    return std::nullopt;
  }

  bool Step(const plugin::Migration& m, int64_t previous,
            std::vector<CheckResult>* out) {
    if (!Fill(m, out)) return false;
    std::optional<RowSnapshot> before_up;
    if (m.downgrade) {
      before_up = Snapshot(absl::StrCat("before version ", m.version), out);
      if (!before_up) return false;
    }
    if (!Up(m, previous, out)) return false;
    if (!m.downgrade) return true;
    return RoundTrip(m, previous, *before_up, out);
  }

  // Why a step failed, as the pre-flight saw it: the statement-time
  // comparison. A failed statement the run's pre-flight asked about and
  // let through (nothing in the way, or a check it could not map) is a
  // disagreement named with what was asked there.
  std::string WhyFailed(const std::vector<std::string>& foreseen,
                        const std::string& error,
                        const std::string& category) const {
    if (category == engine::kDataConflictCategory) {
      return "the pre-flight refused the generated rows";
    }
    const int64_t k = FailedStatement(error);
    std::vector<std::string> asked;
    bool before_step = false;
    for (const report::PreflightFinding& f : asked_) {
      if (f.statement != k || f.outcome == "conflict") continue;
      before_step = f.when == "before_step";
      asked.push_back(absl::StrCat(f.change, " on ", f.table, ": ", f.outcome,
                                   f.note.empty() ? "" : ", ", f.note));
    }
    if (!asked.empty()) {
      return absl::StrCat("the pre-flight let statement ", k, " run (asked ",
                          before_step ? "before the step" : "right before it",
                          ": ", absl::StrJoin(asked, "; "),
                          "), but the statement failed on the rows");
    }
    if (k > 0 && foreseen.empty()) {
      return absl::StrCat("the pre-flight asked nothing of statement ", k,
                          " (a change it does not read), which failed on the "
                          "rows");
    }
    return foreseen.empty() ? "the pre-flight did not foresee this failure"
                            : "as the pre-flight foresaw";
  }

  bool Up(const plugin::Migration& m, int64_t previous,
          std::vector<CheckResult>* out) {
    const std::vector<std::string> foreseen = Foreseen(m);
    log_(absl::StrCat("up to ", m.version, " over generated rows"));
    std::string error, category;
    if (!Migrate(m.version, &error, &category)) {
      out->push_back(Failure(
          absl::StrCat(Name(m), ": upgrade from ", previous,
                       " over generated rows"),
          absl::StrCat(WhyFailed(foreseen, error, category), ": ", error)));
      return false;
    }
    std::vector<std::string> found = foreseen;
    for (const report::PreflightFinding& f : asked_) {
      if (f.when == "before_statement") ++statement_checks_;
      if (f.outcome != "conflict") continue;
      found.push_back(absl::StrCat("statement ", f.statement, ": ", f.change,
                                   " on ", f.table, ", asked ", f.when));
    }
    if (!found.empty()) {
      out->push_back(Failure(
          absl::StrCat(Name(m), ": the pre-flight agrees with the step"),
          absl::StrCat("the pre-flight found a conflict (",
                       absl::StrJoin(found, "; "), ") but the step ran")));
      return false;
    }
    return true;
  }

  // What the upgrade of `version` archived (archive_store.h).
  std::optional<std::vector<Destroyed>> DestroyedBy(
      int64_t version, std::vector<CheckResult>* out) {
    absl::StatusOr<std::vector<engine::ArchiveRecord>> records =
        engine::ArchiveStore(*db_, module_.repository_id).List();
    if (!records.ok()) {
      out->push_back(Failure("data walk: read the archives",
                             std::string(records.status().message())));
      return std::nullopt;
    }
    std::vector<Destroyed> destroyed;
    for (const engine::ArchiveRecord& r : *records) {
      if (r.version != version || r.direction != "upgrade") continue;
      destroyed.push_back({r.table, r.columns});
    }
    return destroyed;
  }

  bool RoundTrip(const plugin::Migration& m, int64_t previous,
                 const RowSnapshot& before_up, std::vector<CheckResult>* out);
  void JudgeLosses(const plugin::Migration& m, int64_t previous,
                   const std::vector<RowLoss>& archived,
                   const std::vector<RowLoss>& round_trip,
                   std::vector<CheckResult>* out);

  const plugin::ModulePlugin& module_;
  const config::ConnectionUrl& url_;
  const std::function<void(const std::string&)>& log_;
  std::unique_ptr<backend::Database> db_;
  int64_t counter_ = 1;
  int64_t inserted_ = 0;
  int64_t statement_checks_ = 0;
  int64_t round_trips_ = 0;
  std::vector<std::string> notes_;
  std::vector<std::string> declared_;  // "v3 t.c", losses declared and found
  std::vector<report::PreflightFinding> asked_;  // by the last run
};

// Down to `previous` and up again over the rows: the down gives back what
// the up archived (as it was before the up), and the round trip keeps the
// rows of every table there before the down and after the up again.
bool DataWalker::RoundTrip(const plugin::Migration& m, int64_t previous,
                           const RowSnapshot& before_up,
                           std::vector<CheckResult>* out) {
  std::optional<std::vector<Destroyed>> destroyed = DestroyedBy(m.version, out);
  if (!destroyed) return false;
  const std::string at = absl::StrCat("at version ", m.version);
  std::optional<RowSnapshot> before_down = Snapshot(at, out);
  if (!before_down) return false;
  std::string error, category;
  std::optional<RowSnapshot> after_down;
  if (Migrate(previous, &error, &category)) {
    after_down = Snapshot(absl::StrCat("after the down to ", previous), out);
    if (!after_down) return false;
  }
  if (!after_down || !Migrate(m.version, &error, &category)) {
    out->push_back(Failure(absl::StrCat(Name(m), ": down to ", previous,
                                        " and up again over the "
                                        "generated rows"),
                           error));
    return false;
  }
  std::optional<RowSnapshot> after_up = Snapshot(at + " again", out);
  if (!after_up) return false;
  ++round_trips_;
  JudgeLosses(m, previous, ArchivedLosses(before_up, *after_down, *destroyed),
              RoundTripLosses(before_up, *before_down, *after_up), out);
  return true;
}

// A loss the migration's scripts declare passes; one they do not fails the
// walk, naming it; a declaration of nothing lost is stale. The walk goes
// on (the database is at the step's version either way).
void DataWalker::JudgeLosses(const plugin::Migration& m, int64_t previous,
                             const std::vector<RowLoss>& archived,
                             const std::vector<RowLoss>& round_trip,
                             std::vector<CheckResult>* out) {
  std::vector<std::string> declared =
      DeclaredLosses(m.upgrade.SqlFor(db_->dialect()));
  for (const std::string& d :
       DeclaredLosses(m.downgrade->SqlFor(db_->dialect()))) {
    declared.push_back(d);
  }
  const std::string how = absl::StrCat(
      " (declare a loss the down cannot avoid with a line `-- aos:loses ",
      "<table>` or `-- aos:loses <table>.<column>` in migration ", m.version,
      "'s up or down script)");
  std::vector<RowLoss> undeclared;
  for (const RowLoss& l : archived) {
    if (!IsDeclared(declared, l)) undeclared.push_back(l);
  }
  if (!undeclared.empty()) {
    out->push_back(
        Failure(absl::StrCat(Name(m), ": the down to ", previous,
                             " gives back what the upgrade archived"),
                absl::StrCat("lost: ", Listed(undeclared), how)));
  }
  undeclared.clear();
  for (const RowLoss& l : round_trip) {
    if (!IsDeclared(declared, l)) undeclared.push_back(l);
  }
  if (!undeclared.empty()) {
    out->push_back(Failure(absl::StrCat(Name(m), ": down to ", previous,
                                        " and up again keeps the rows"),
                           absl::StrCat("lost: ", Listed(undeclared), how)));
  }
  for (const std::string& d : declared) {
    bool found = false;
    for (const std::vector<RowLoss>* losses : {&archived, &round_trip}) {
      for (const RowLoss& l : *losses) found = found || IsDeclared({d}, l);
    }
    if (found) {
      declared_.push_back(absl::StrCat("v", m.version, " ", d));
    } else {
      out->push_back(Failure(
          absl::StrCat(Name(m), ": declared losses"),
          absl::StrCat("-- aos:loses ", d, ": the walk found nothing of ", d,
                       " lost by the down and up again (a stale "
                       "declaration: remove it)")));
    }
  }
}

}  // namespace

std::vector<CheckResult> DataWalk(
    const plugin::ModulePlugin& module, const config::ConnectionUrl& url,
    const std::function<void(const std::string&)>& log) {
  return DataWalker(module, url, log).Run();
}

}  // namespace aos::conformance
