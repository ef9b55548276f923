#include "core/conformance/data_walk.h"

#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/backend/open_database.h"
#include "core/conformance/row_generator.h"
#include "core/engine/module_inspector.h"
#include "core/engine/module_migrator.h"
#include "core/engine/preflight/preflight.h"

namespace aos::conformance {
namespace {

constexpr auto Pass = CheckResult::Pass;
constexpr auto Failure = CheckResult::Failure;

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
    out.push_back(Pass(
        absl::StrCat("data walk ", from, "..", module_.LatestVersion(),
                     ": every step ran "
                     "over generated rows (",
                     inserted_,
                     " in all), as its pre-flight "
                     "said",
                     notes_.empty() ? "" : "; ", absl::StrJoin(notes_, "; "))));
    return out;
  }

 private:
  // Runs the module to `target`; the error text and category when it fails.
  bool Migrate(int64_t target, std::string* error, std::string* category) {
    engine::MigrateOptions options;
    options.target = target;
    options.lock_timeout_seconds = 10;
    report::ModuleResult r = engine::MigrateModule(module_, url_, options,
                                                   [](const engine::ProgressEvent&) {});
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

  bool Step(const plugin::Migration& m, int64_t previous,
            std::vector<CheckResult>* out) {
    const std::string v = absl::StrCat("data walk: version ", m.version, " (",
                                       m.description, ")");
    absl::StatusOr<Fill> fill = FillTables(*db_, kDataWalkRows, &counter_);
    if (!fill.ok()) {
      out->push_back(Failure(absl::StrCat(v, ": fill the tables"),
                             std::string(fill.status().message())));
      return false;
    }
    inserted_ += fill->inserted;
    for (const std::string& n : fill->notes) {
      if (notes_.size() < 8) notes_.push_back(n);
    }
    const std::vector<std::string> foreseen = Foreseen(m);
    log_(absl::StrCat("up to ", m.version, " over generated rows"));
    std::string error, category;
    if (!Migrate(m.version, &error, &category)) {
      std::string why = category == engine::kDataConflictCategory
                            ? "the pre-flight refused the generated rows"
                        : foreseen.empty()
                            ? "the pre-flight did not foresee this failure"
                            : "as the pre-flight foresaw";
      out->push_back(Failure(
          absl::StrCat(v, ": upgrade from ", previous, " over generated rows"),
          absl::StrCat(why, ": ", error)));
      return false;
    }
    if (!foreseen.empty()) {
      out->push_back(Failure(
          absl::StrCat(v, ": the pre-flight agrees with the step"),
          absl::StrCat("--dry-run showed a conflict (",
                       absl::StrJoin(foreseen, "; "), ") but the step ran")));
      return false;
    }
    if (!m.downgrade) return true;
    if (!Migrate(previous, &error, &category) ||
        !Migrate(m.version, &error, &category)) {
      out->push_back(Failure(absl::StrCat(v, ": down to ", previous,
                                          " and up again over the "
                                          "generated rows"),
                             error));
      return false;
    }
    return true;
  }

  const plugin::ModulePlugin& module_;
  const config::ConnectionUrl& url_;
  const std::function<void(const std::string&)>& log_;
  std::unique_ptr<backend::Database> db_;
  int64_t counter_ = 1;
  int64_t inserted_ = 0;
  std::vector<std::string> notes_;
};

}  // namespace

std::vector<CheckResult> DataWalk(
    const plugin::ModulePlugin& module, const config::ConnectionUrl& url,
    const std::function<void(const std::string&)>& log) {
  return DataWalker(module, url, log).Run();
}

}  // namespace aos::conformance
