#include "core/conformance/resume_walk.h"

#include <map>
#include <memory>

#include "absl/strings/str_cat.h"
#include "core/backend/open_database.h"
#include "core/conformance/schema_snapshot.h"
#include "core/engine/bookkeeping_tables.h"
#include "core/engine/module_migrator.h"
#include "core/sql/mysql_tokenizer.h"
#include "core/sql/statement_splitter.h"

namespace aos::conformance {
namespace {

constexpr auto Pass = CheckResult::Pass;
constexpr auto Failure = CheckResult::Failure;

class ResumeWalker {
 public:
  ResumeWalker(const plugin::ModulePlugin& module,
               const config::ConnectionUrl& url,
               const std::function<void(const std::string&)>& log)
      : module_(module), url_(url), log_(log) {}

  std::vector<CheckResult> Run() {
    absl::StatusOr<std::unique_ptr<backend::Database>> db =
        backend::OpenDatabase(url_, {});
    if (!db.ok()) {
      return {
          Failure("resume walk: connect", std::string(db.status().message()))};
    }
    db_ = *std::move(db);
    std::map<int64_t, SchemaSnapshot> clean;
    if (std::string error = CleanRun(&clean); !error.empty()) {
      return {Failure("resume walk: a run that is never stopped", error)};
    }
    std::vector<CheckResult> out;
    int64_t previous = 0;
    for (const plugin::Migration& m : module_.migrations) {
      out.push_back(WalkStep(m, previous, clean[m.version]));
      if (!out.back().ok) break;
      previous = m.version;
    }
    return out;
  }

 private:
  // The database dropped and created again, empty.
  absl::Status Reset() {
    const std::string name = sql::QuoteIdentifier(url_.database);
    return db_->Execute(
        absl::StrCat("DROP DATABASE IF EXISTS ", name, "; CREATE DATABASE ",
                     name, "; USE ", name),
        {});
  }

  // The schema and, as more lines, the row count of each table.
  absl::StatusOr<SchemaSnapshot> Capture() {
    absl::StatusOr<SchemaSnapshot> state = TakeSnapshot(*db_);
    if (!state.ok()) return state.status();
    absl::StatusOr<std::vector<std::string>> tables = db_->ListTables();
    if (!tables.ok()) return tables.status();
    for (const std::string& t : *tables) {
      if (engine::IsBookkeepingTable(t)) continue;
      absl::StatusOr<std::vector<backend::Row>> rows = db_->Query(
          absl::StrCat("SELECT COUNT(*) FROM ", sql::QuoteIdentifier(t)));
      if (!rows.ok()) return rows.status();
      state->push_back(
          absl::StrCat("rows of ", t, ": ", (*rows)[0][0].value_or("?")));
    }
    std::sort(state->begin(), state->end());
    return state;
  }

  report::ModuleResult Migrate(int64_t target,
                               std::optional<engine::CrashPoint> crash) {
    engine::MigrateOptions options;
    options.target = target;
    options.lock_timeout_seconds = 10;
    options.crash_at = crash;
    return engine::MigrateModule(module_, url_, options,
                                 [](const std::string&) {});
  }

  // Each version's state after an unstopped run from empty; "" or why not.
  std::string CleanRun(std::map<int64_t, SchemaSnapshot>* clean) {
    if (absl::Status st = Reset(); !st.ok()) return std::string(st.message());
    for (const plugin::Migration& m : module_.migrations) {
      report::ModuleResult r = Migrate(m.version, std::nullopt);
      if (!r.ok) return r.ResultText(true);
      absl::StatusOr<SchemaSnapshot> state = Capture();
      if (!state.ok()) return std::string(state.status().message());
      (*clean)[m.version] = *std::move(state);
    }
    return "";
  }

  // One stop and resume of step `m`; "" when the result is the clean one.
  std::string StopAndResume(const plugin::Migration& m, int64_t previous,
                            const engine::CrashPoint& crash,
                            const SchemaSnapshot& clean) {
    if (absl::Status st = Reset(); !st.ok()) return std::string(st.message());
    if (report::ModuleResult r = Migrate(previous, std::nullopt); !r.ok) {
      return absl::StrCat("reaching version ", previous, ": ",
                          r.ResultText(true));
    }
    if (Migrate(m.version, crash).ok) return "the stopped run did not stop";
    report::ModuleResult resumed = Migrate(m.version, std::nullopt);
    if (!resumed.ok) {
      return absl::StrCat("the next run failed: ", resumed.ResultText(true));
    }
    absl::StatusOr<SchemaSnapshot> now = Capture();
    if (!now.ok()) return std::string(now.status().message());
    return SchemaDiff(clean, *now);
  }

  CheckResult WalkStep(const plugin::Migration& m, int64_t previous,
                       const SchemaSnapshot& clean) {
    const std::string v = absl::StrCat("resume walk, version ", m.version, " (",
                                       m.description, ")");
    if (m.upgrade.kind == plugin::Step::Kind::kCode) {
      return Pass(
          absl::StrCat(v, ": a code step; a stop in it needs a person"));
    }
    absl::StatusOr<std::vector<sql::Statement>> statements =
        sql::SplitStatements(m.upgrade.SqlFor("mysql"), "mysql");
    if (!statements.ok()) {
      return Failure(v, std::string(statements.status().message()));
    }
    const int64_t n = static_cast<int64_t>(statements->size());
    for (int64_t k = 1; k <= n; ++k) {
      for (bool after : {false, true}) {
        const std::string where =
            absl::StrCat("stopped ", after ? "after" : "before", " statement ",
                         k, " of ", n);
        log_(absl::StrCat("version ", m.version, ": ", where));
        std::string diff =
            StopAndResume(m, previous, {m.version, k, after}, clean);
        if (!diff.empty()) return Failure(absl::StrCat(v, ": ", where), diff);
      }
    }
    return Pass(
        absl::StrCat(v, ": stopped before and after ",
                     n == 1 ? std::string("its statement")
                            : absl::StrCat("each of its ", n, " statements"),
                     ", the next run finished it as a run never stopped does"));
  }

  const plugin::ModulePlugin& module_;
  const config::ConnectionUrl& url_;
  const std::function<void(const std::string&)>& log_;
  std::unique_ptr<backend::Database> db_;
};

}  // namespace

std::vector<CheckResult> ResumeWalk(
    const plugin::ModulePlugin& module, const config::ConnectionUrl& url,
    const std::function<void(const std::string&)>& log) {
  if (url.dialect != "mysql") {
    return {Pass(absl::StrCat("resume walk: ", url.dialect,
                              " rolls a stopped step back whole; nothing to "
                              "resume"))};
  }
  return ResumeWalker(module, url, log).Run();
}

}  // namespace aos::conformance
