#include "core/conformance/resume_walk.h"

#include <algorithm>
#include <map>
#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/backend/open_database.h"
#include "core/conformance/schema_snapshot.h"
#include "core/engine/bookkeeping/bookkeeping_tables.h"
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

  // The schema and, as more lines, the rows of each table: their values,
  // ordered by all columns (up to kShownRows of them; a larger table by its
  // count and a checksum of them all).
  absl::StatusOr<SchemaSnapshot> Capture() {
    absl::StatusOr<SchemaSnapshot> state = TakeSnapshot(*db_);
    if (!state.ok()) return state.status();
    absl::StatusOr<std::vector<std::string>> tables = db_->ListTables();
    if (!tables.ok()) return tables.status();
    for (const std::string& t : *tables) {
      if (engine::IsBookkeepingTable(t)) continue;
      absl::StatusOr<std::string> columns = ComparedColumns(t);
      if (!columns.ok()) return columns.status();
      absl::StatusOr<std::vector<backend::Row>> rows = db_->Query(absl::StrCat(
          "SELECT ", *columns, " FROM ", sql::QuoteIdentifier(t)));
      if (!rows.ok()) return rows.status();
      AddRows(t, *rows, &*state);
    }
    std::sort(state->begin(), state->end());
    return state;
  }

  // The select list that compares `table`'s rows: every column's value,
  // but of a date or time column only whether it is NULL (a clock's value,
  // DEFAULT CURRENT_TIMESTAMP or NOW(), differs from run to run: no
  // statement of a clean run writes it again the same).
  absl::StatusOr<std::string> ComparedColumns(const std::string& table) {
    absl::StatusOr<std::vector<backend::Row>> columns = db_->Query(
        "SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS "
        "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? "
        "ORDER BY ORDINAL_POSITION",
        {table});
    if (!columns.ok()) return columns.status();
    std::vector<std::string> list;
    for (const backend::Row& c : *columns) {
      const std::string name = sql::QuoteIdentifier(c[0].value_or(""));
      const std::string type = c[1].value_or("");
      const bool clock = type == "timestamp" || type == "datetime" ||
                         type == "date" || type == "time";
      list.push_back(clock ? absl::StrCat(name, " IS NULL") : name);
    }
    if (list.empty()) return std::string("*");
    return absl::StrJoin(list, ", ");
  }

  static void AddRows(const std::string& table,
                      const std::vector<backend::Row>& rows,
                      SchemaSnapshot* state) {
    static constexpr size_t kShownRows = 50;
    std::vector<std::string> values;
    for (const backend::Row& row : rows) {
      std::vector<std::string> cells;
      for (const std::optional<std::string>& cell : row) {
        cells.push_back(cell ? absl::StrCat("'", *cell, "'") : "NULL");
      }
      values.push_back(absl::StrJoin(cells, ", "));
    }
    std::sort(values.begin(), values.end());
    state->push_back(absl::StrCat("rows of ", table, ": ", values.size()));
    if (values.size() <= kShownRows) {
      for (const std::string& v : values) {
        state->push_back(absl::StrCat("row of ", table, ": (", v, ")"));
      }
      return;
    }
    uint64_t sum = 1469598103934665603ULL;  // FNV-1a of all values in order
    for (const std::string& v : values) {
      for (char c : v + "\n") {
        sum = (sum ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
      }
    }
    state->push_back(absl::StrCat("values of ", table, ": checksum ",
                                  absl::Hex(sum, absl::kZeroPad16)));
  }

  report::ModuleResult Migrate(int64_t target,
                               std::optional<engine::CrashPoint> crash) {
    engine::MigrateOptions options;
    options.target = target;
    options.lock_timeout_seconds = 10;
    options.crash_at = crash;
    return engine::MigrateModule(module_, url_, options,
                                 [](const engine::ProgressEvent&) {});
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

  // One stop and resume of step `m`: "" when the next run left the
  // database as the clean run does; else why not. A next run that refused
  // (a person must look) and left the database as the stop did sets
  // `refusal` to its reason and returns "".
  std::string StopAndResume(const plugin::Migration& m, int64_t previous,
                            const engine::CrashPoint& crash,
                            const SchemaSnapshot& clean,
                            std::string* refusal) {
    if (absl::Status st = Reset(); !st.ok()) return std::string(st.message());
    if (report::ModuleResult r = Migrate(previous, std::nullopt); !r.ok) {
      return absl::StrCat("reaching version ", previous, ": ",
                          r.ResultText(true));
    }
    if (Migrate(m.version, crash).ok) return "the stopped run did not stop";
    absl::StatusOr<SchemaSnapshot> stopped = Capture();
    if (!stopped.ok()) return std::string(stopped.status().message());
    report::ModuleResult resumed = Migrate(m.version, std::nullopt);
    absl::StatusOr<SchemaSnapshot> now = Capture();
    if (!now.ok()) return std::string(now.status().message());
    if (!resumed.ok) {
      if (!IsRefusal(resumed)) {
        return absl::StrCat("the next run failed: ", resumed.ResultText(true));
      }
      if (std::string diff = SchemaDiff(*stopped, *now); !diff.empty()) {
        return absl::StrCat("the next run refused (", resumed.error,
                            ") but changed the database:\n", diff);
      }
      *refusal = resumed.error;
      return "";
    }
    if (std::string diff = SchemaDiff(clean, *now); !diff.empty()) {
      return absl::StrCat(
          "the next run ended OK with a database other than a clean run's "
          "(- clean, + resumed):\n", diff);
    }
    return "";
  }

  // A refusal: the run failed for no fault of the database, telling a
  // person what to do (every such message ends naming --mark-version).
  static bool IsRefusal(const report::ModuleResult& r) {
    return !r.ok && !r.database_error &&
           absl::StrContains(r.error, "--mark-version");
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
    std::vector<std::string> refused;
    for (int64_t k = 1; k <= n; ++k) {
      for (bool after : {false, true}) {
        const std::string where =
            absl::StrCat("stopped ", after ? "after" : "before", " statement ",
                         k, " of ", n);
        log_(absl::StrCat("version ", m.version, ": ", where));
        std::string refusal;
        std::string diff =
            StopAndResume(m, previous, {m.version, k, after}, clean, &refusal);
        if (!diff.empty()) return Failure(absl::StrCat(v, ": ", where), diff);
        if (!refusal.empty()) {
          refused.push_back(absl::StrCat(where, ": ", refusal));
        }
      }
    }
    std::string name = absl::StrCat(
        v, ": stopped before and after ",
        n == 1 ? std::string("its statement")
               : absl::StrCat("each of its ", n, " statements"),
        refused.empty() ? ", the next run finished it as a run never stopped "
                          "does"
                        : absl::StrCat(
                              ", the next run finished it as a run never "
                              "stopped does or refused, nothing applied (",
                              refused.size(), " of ", 2 * n,
                              " stops: a person must look)"));
    for (const std::string& r : refused) absl::StrAppend(&name, "\n    ", r);
    return Pass(name);
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
