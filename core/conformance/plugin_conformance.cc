#include "core/conformance/plugin_conformance.h"

#include <map>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/backend/open_database.h"
#include "core/conformance/expected_schema_check.h"
#include "core/conformance/phase_rules.h"
#include "core/conformance/schema_shape.h"
#include "core/conformance/schema_snapshot.h"
#include "core/engine/module_migrator.h"
#include "core/sql/statement_splitter.h"

namespace aos::conformance {
namespace {

constexpr auto Pass = CheckResult::Pass;
constexpr auto Failure = CheckResult::Failure;

// Splits every script of a step, in the dialect it is written for.
void CheckStepSplits(const plugin::Migration& m, const plugin::Step& step,
                     const char* direction, std::vector<CheckResult>* out) {
  if (step.kind != plugin::Step::Kind::kSql) return;
  std::vector<std::pair<std::string, std::string>> scripts = {
      {"mysql", step.sql}};
  for (const auto& [dialect, sql] : step.sql_by_dialect) {
    scripts.emplace_back(dialect, sql);
  }
  for (const auto& [dialect, sql] : scripts) {
    std::string name = absl::StrCat("version ", m.version, " ", direction,
                                     " (", dialect, ") splits into statements");
    absl::StatusOr<std::vector<sql::Statement>> split =
        sql::SplitStatements(sql, dialect);
    if (!split.ok()) {
      out->push_back(Failure(name, std::string(split.status().message())));
    } else if (split->empty() && dialect == "mysql") {
      // A dialect override may be a deliberate no-op (say, widening a type
      // SQLite does not have); the generic script may not.
      out->push_back(Failure(name, "the script has no statement"));
    }
  }
}

class Walker {
 public:
  Walker(const plugin::ModulePlugin& module, const config::ConnectionUrl& url,
         const std::function<void(const std::string&)>& log,
         const WalkOptions& options)
      : module_(module),
        url_(url),
        log_(log),
        options_(options),
        drift_(module, url.dialect, options.record_expected_schemas) {}

  std::vector<CheckResult> Run() {
    absl::StatusOr<std::unique_ptr<backend::Database>> db =
        backend::OpenDatabase(url_, {});
    if (!db.ok()) {
      return {Failure("connect to the conformance database",
                      std::string(db.status().message()))};
    }
    db_ = std::move(*db);
    absl::StatusOr<std::vector<std::string>> tables = db_->ListTables();
    if (!tables.ok() || !tables->empty()) {
      return {Failure("the conformance database is empty",
                      tables.ok() ? "it has tables; give an empty database"
                                  : std::string(tables.status().message()))};
    }
    std::vector<CheckResult> out;
    absl::StatusOr<SchemaSnapshot> base = TakeSnapshot(*db_);
    if (!base.ok()) return {Failure("read the schema", std::string(base.status().message()))};
    SchemaSnapshot before = *base;
    int64_t previous = 0;
    bool walk_ok = true;
    for (const plugin::Migration& m : module_.migrations) {
      if (!Step(m, previous, before, &out)) {
        walk_ok = false;
        break;
      }
      absl::StatusOr<SchemaSnapshot> now = TakeSnapshot(*db_);
      before = now.ok() ? *now : SchemaSnapshot{};
      previous = m.version;
    }
    if (walk_ok) {
      out.push_back(Pass(absl::StrCat("snake walk 0..", module_.LatestVersion(),
                                      " (up, down, up at every version",
                                      PhaseCounts(), ")")));
      out.push_back(Pass(drift_.Summary()));
      WalkBackToBase(*base, &out);
    }
    return out;
  }

 private:
  bool Migrate(int64_t target, std::string* error) {
    engine::MigrateOptions options;
    options.target = target;
    options.lock_timeout_seconds = 10;
    report::ModuleResult r =
        engine::MigrateModule(module_, url_, options, [](const engine::ProgressEvent&) {});
    if (!r.ok) *error = r.ResultText(true);
    return r.ok;
  }

  // up to v, down to v-1 (schema must equal `before`), up to v again (schema
  // must equal the first up).
  bool Step(const plugin::Migration& m, int64_t previous,
            const SchemaSnapshot& before, std::vector<CheckResult>* out) {
    std::string error;
    std::string v = absl::StrCat("version ", m.version, " (", m.description, ")");
    absl::StatusOr<SchemaShape> shape_before = SchemaShape{};
    if (m.phase == plugin::Phase::kExpand) shape_before = ReadSchemaShape(*db_);
    log_(absl::StrCat("up to ", m.version));
    if (!Migrate(m.version, &error)) {
      out->push_back(Failure(absl::StrCat(v, ": upgrade from ", previous), error));
      return false;
    }
    absl::StatusOr<SchemaSnapshot> after_up = TakeSnapshot(*db_);
    if (!after_up.ok()) {
      out->push_back(Failure(v, std::string(after_up.status().message())));
      return false;
    }
    if (!Drift(absl::StrCat(v, ": after its upgrade"), m.version, out)) return false;
    CheckPhase(m, shape_before, before, *after_up, out);
    RunPreviousQueries(m, out);
    if (!m.downgrade) {
      log_(absl::StrCat("version ", m.version, " is irreversible"));
      if (Migrate(previous, &error) ||
          error.find("irreversible") == std::string::npos) {
        out->push_back(Failure(
            absl::StrCat(v, ": --migration below an irreversible step fails"),
            error.empty() ? "it did not fail" : error));
        return false;
      }
      out->push_back(Pass(absl::StrCat(
          v, " is irreversible: --migration below it is refused clearly")));
      return true;
    }
    log_(absl::StrCat("down to ", previous));
    if (!Migrate(previous, &error)) {
      out->push_back(Failure(absl::StrCat(v, ": downgrade to ", previous), error));
      return false;
    }
    absl::StatusOr<SchemaSnapshot> after_down = TakeSnapshot(*db_);
    if (after_down.ok() && *after_down != before) {
      out->push_back(Failure(
          absl::StrCat(v, ": downgrade restores the schema of version ",
                       previous),
          SchemaDiff(before, *after_down)));
      return false;
    }
    if (!Drift(absl::StrCat(v, ": after its downgrade"), previous, out)) return false;
    log_(absl::StrCat("up to ", m.version, " again"));
    if (!Migrate(m.version, &error)) {
      out->push_back(Failure(absl::StrCat(v, ": upgrade again after its downgrade"), error));
      return false;
    }
    absl::StatusOr<SchemaSnapshot> again = TakeSnapshot(*db_);
    if (again.ok() && *again != *after_up) {
      out->push_back(Failure(absl::StrCat(v, ": the second upgrade gives the same schema"),
                             SchemaDiff(*after_up, *again)));
      return false;
    }
    return Drift(absl::StrCat(v, ": after its second upgrade"), m.version, out);
  }

  // The live schema against the one the plugin ships for `version`.
  bool Drift(const std::string& when, int64_t version, std::vector<CheckResult>* out) {
    const std::string mismatch = drift_.Mismatch(*db_, version);
    if (mismatch.empty()) return true;
    out->push_back(Failure(absl::StrCat(when, ", the live schema is the one the plugin "
                                        "ships for version ",
                                        version, " (", url_.dialect, ")"),
                           mismatch));
    return false;
  }

  void WalkBackToBase(const SchemaSnapshot& base, std::vector<CheckResult>* out) {
    int64_t lowest = 0;
    for (const plugin::Migration& m : module_.migrations) {
      if (!m.downgrade) lowest = m.version;
    }
    std::string name = absl::StrCat("up to ", module_.LatestVersion(),
                                     ", down to ", lowest,
                                     " leaves only what version ", lowest,
                                     " had");
    std::string error;
    if (!Migrate(lowest, &error)) {
      out->push_back(Failure(name, error));
      return;
    }
    absl::StatusOr<SchemaSnapshot> now = TakeSnapshot(*db_);
    if (lowest == 0 && now.ok() && *now != base) {
      out->push_back(Failure(name, SchemaDiff(base, *now)));
      return;
    }
    out->push_back(Pass(name));
  }

  // ", 2 expand, 1 migrate, 1 contract steps" for a phased plugin.
  std::string PhaseCounts() const {
    std::map<plugin::Phase, int> n;
    for (const plugin::Migration& m : module_.migrations) ++n[m.phase];
    std::string counts;
    for (plugin::Phase p : {plugin::Phase::kExpand, plugin::Phase::kMigrate,
                            plugin::Phase::kContract}) {
      if (n[p]) absl::StrAppend(&counts, ", ", n[p], " ", plugin::PhaseName(p));
    }
    if (counts.empty()) return "";
    if (n[plugin::Phase::kUnspecified]) {
      absl::StrAppend(&counts, ", ", n[plugin::Phase::kUnspecified],
                      " unspecified");
    }
    return absl::StrCat(counts, " steps");
  }

  // The phase rules (phase_rules.h) on what the first up of `m` did.
  void CheckPhase(const plugin::Migration& m,
                  const absl::StatusOr<SchemaShape>& shape_before,
                  const SchemaSnapshot& before, const SchemaSnapshot& after,
                  std::vector<CheckResult>* out) {
    const std::string step =
        absl::StrCat("migration ", m.version, " (", plugin::PhaseName(m.phase), ")");
    if (m.phase == plugin::Phase::kMigrate) {
      if (after != before) {
        out->push_back(Failure(
            absl::StrCat(step, " changes the schema: a migrate step may only "
                               "move data"),
            SchemaDiff(before, after)));
      } else {
        out->push_back(Pass(absl::StrCat(step, " leaves the schema as it was (",
                                         m.description, ")")));
      }
      return;
    }
    if (m.phase != plugin::Phase::kExpand) return;
    absl::StatusOr<SchemaShape> shape_after = ReadSchemaShape(*db_);
    if (!shape_before.ok() || !shape_after.ok()) {
      out->push_back(Failure(
          absl::StrCat(step, ": read the schema"),
          std::string((shape_before.ok() ? shape_after : shape_before)
                          .status()
                          .message())));
      return;
    }
    std::vector<Violation> violations =
        ExpandViolations(*shape_before, *shape_after);
    for (const Violation& bad : violations) {
      out->push_back(
          Failure(absl::StrCat(step, " ", bad.what, ": ", bad.why), ""));
    }
    if (violations.empty()) {
      out->push_back(
          Pass(absl::StrCat(step, " only adds (", m.description, ")")));
    }
  }

  // The previous release's queries, at its version and after each expand
  // and migrate step above it up to the first other one.
  void RunPreviousQueries(const plugin::Migration& m,
                          std::vector<CheckResult>* out) {
    if (options_.previous_queries.empty() ||
        m.version < options_.previous_release || stopped_queries_) {
      return;
    }
    std::string where;
    if (m.version == options_.previous_release) {
      where = absl::StrCat("at version ", m.version, " (the previous release)");
    } else if (m.phase == plugin::Phase::kExpand ||
               m.phase == plugin::Phase::kMigrate) {
      where = absl::StrCat("after migration ", m.version, " (",
                           plugin::PhaseName(m.phase), ")");
    } else {
      stopped_queries_ = true;
      return;
    }
    const std::string name =
        absl::StrCat("the previous release's queries run ", where);
    std::string error = PreviousQueriesError();
    if (!error.empty()) stopped_queries_ = true;  // once is enough
    out->push_back(error.empty() ? Pass(name) : Failure(name, error));
  }

  // Runs the queries in a transaction rolled back; "" or the first failure.
  std::string PreviousQueriesError() {
    absl::StatusOr<std::vector<sql::Statement>> statements =
        sql::SplitStatements(options_.previous_queries, db_->dialect());
    if (!statements.ok()) return std::string(statements.status().message());
    if (absl::Status st = db_->Begin(); !st.ok()) {
      return std::string(st.message());
    }
    std::string error;
    for (const sql::Statement& s : *statements) {
      const std::string head = absl::AsciiStrToUpper(s.text.substr(0, 6));
      absl::Status st = head == "SELECT" || head.rfind("WITH", 0) == 0
                            ? db_->Query(s.text).status()
                            : db_->Execute(s.text);
      if (!st.ok()) {
        error = absl::StrCat("line ", s.line, ": ", s.text, "\n",
                             st.message());
        break;
      }
    }
    (void)db_->Rollback();
    return error;
  }

  const plugin::ModulePlugin& module_;
  const config::ConnectionUrl& url_;
  const std::function<void(const std::string&)>& log_;
  const WalkOptions& options_;
  bool stopped_queries_ = false;
  ExpectedSchemaCheck drift_;
  std::unique_ptr<backend::Database> db_;
};

}  // namespace

std::vector<CheckResult> CheckDescriptor(const plugin::ModulePlugin& module) {
  std::vector<CheckResult> out;
  size_t before = out.size();
  for (const plugin::Migration& m : module.migrations) {
    CheckStepSplits(m, m.upgrade, "up", &out);
    if (m.downgrade) CheckStepSplits(m, *m.downgrade, "down", &out);
  }
  if (out.size() == before) {
    out.push_back(Pass(absl::StrCat(
        "descriptor: module ", module.module_id, " (", module.display_name,
        "), repository ", module.repository_id, ", ", module.migrations.size(),
        " migrations up to ", module.LatestVersion(),
        ", every script splits into statements")));
  }
  return out;
}

std::vector<CheckResult> SnakeWalk(
    const plugin::ModulePlugin& module, const config::ConnectionUrl& url,
    const std::function<void(const std::string&)>& log,
    const WalkOptions& options) {
  return Walker(module, url, log, options).Run();
}

}  // namespace aos::conformance
