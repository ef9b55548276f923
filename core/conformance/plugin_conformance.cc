#include "core/conformance/plugin_conformance.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "core/backend/open_database.h"
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
         const std::function<void(const std::string&)>& log)
      : module_(module), url_(url), log_(log) {}

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
                                      " (up, down, up at every version)")));
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
        engine::MigrateModule(module_, url_, options, [](const std::string&) {});
    if (!r.ok) *error = r.ResultText(true);
    return r.ok;
  }

  // up to v, down to v-1 (schema must equal `before`), up to v again (schema
  // must equal the first up).
  bool Step(const plugin::Migration& m, int64_t previous,
            const SchemaSnapshot& before, std::vector<CheckResult>* out) {
    std::string error;
    std::string v = absl::StrCat("version ", m.version, " (", m.description, ")");
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
    return true;
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

  const plugin::ModulePlugin& module_;
  const config::ConnectionUrl& url_;
  const std::function<void(const std::string&)>& log_;
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
    const std::function<void(const std::string&)>& log) {
  return Walker(module, url, log).Run();
}

}  // namespace aos::conformance
