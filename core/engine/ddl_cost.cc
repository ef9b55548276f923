#include "core/engine/ddl_cost.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/backend/database_error.h"
#include "core/engine/online_alter.h"
#include "core/engine/probe_tables.h"
#include "core/sql/mysql_tokenizer.h"
#include "core/sql/statement_kind.h"
#include "core/sql/statement_splitter.h"
#include "core/sql/table_change.h"

namespace aos::engine {
namespace {

struct TableSize {
  std::optional<int64_t> rows;
  std::optional<int64_t> bytes;
};

std::optional<int64_t> Number(const std::optional<std::string>& text) {
  int64_t n = 0;
  if (!text || !absl::SimpleAtoi(*text, &n)) return std::nullopt;
  return n;
}

// How the server would run a change: the first ALGORITHM (and LOCK) it
// accepts, from the least blocking.
struct Attempt {
  const char* algorithm;
  const char* lock;
  const char* id;
};
constexpr Attempt kAttempts[] = {
    {"INSTANT", "", "instant"},
    {"INPLACE", "NONE", "inplace"},
    {"INPLACE", "SHARED", "inplace_locks_writes"},
    {"COPY", "", "copy"},
};

// The class of a statement that names its own algorithm and lock.
const char* NamedClass(absl::string_view statement) {
  std::string upper = absl::AsciiStrToUpper(statement);
  auto names = [&](absl::string_view a) {
    return absl::StrContains(upper, absl::StrCat("ALGORITHM=", a)) ||
           absl::StrContains(upper, absl::StrCat("ALGORITHM = ", a));
  };
  const bool no_lock = absl::StrContains(upper, "LOCK=NONE") ||
                       absl::StrContains(upper, "LOCK = NONE");
  if (names("INSTANT")) return "instant";
  if (names("NOCOPY") || names("INPLACE")) {
    return no_lock ? "inplace" : "inplace_locks_writes";
  }
  if (names("COPY")) return "copy";
  return "unknown";
}

// `text` (a table change) on `clone` instead of its table.
std::string OnClone(const std::string& text, const std::string& clone) {
  std::optional<sql::TableChange> change = sql::ParseTableChange(text);
  return change ? sql::OnTable(text, *change, clone) : text;
}

// Tries the plan's table changes on empty clones (see the file comment of
// ddl_cost.h). The clones are dropped when it goes.
class MysqlProbe {
 public:
  MysqlProbe(backend::Database& db, const DdlPolicy& policy)
      : db_(db), policy_(policy) {}
  ~MysqlProbe() {
    for (const auto& [table, clone] : clones_) {
      (void)db_.Execute(
          absl::StrCat("DROP TABLE IF EXISTS ", sql::QuoteIdentifier(clone)));
    }
  }

  absl::Status Start(DdlAssessment& out) {
    absl::StatusOr<std::vector<backend::Row>> id =
        db_.Query("SELECT CONNECTION_ID(), DATABASE()");
    if (!id.ok()) return id.status();
    if (!id->empty() && (*id)[0].size() == 2) {
      connection_ = (*id)[0][0].value_or("0");
    }
    absl::StatusOr<std::vector<backend::Row>> wsrep =
        db_.Query("SELECT @@wsrep_on, @@wsrep_OSU_method");
    if (wsrep.ok() && !wsrep->empty() && (*wsrep)[0].size() == 2) {
      out.galera_toi = (*wsrep)[0][0].value_or("0") == "1" &&
                       (*wsrep)[0][1].value_or("") == "TOI";
    }
    if (absl::Status st = DropAbandonedProbes(db_); !st.ok()) return st;
    absl::StatusOr<std::vector<backend::Row>> sizes = db_.Query(
        "SELECT TABLE_NAME, TABLE_ROWS, DATA_LENGTH + INDEX_LENGTH FROM "
        "information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
        "TABLE_TYPE = 'BASE TABLE'");
    if (!sizes.ok()) return sizes.status();
    for (const backend::Row& r : *sizes) {
      if (r.size() != 3 || !r[0]) continue;
      sizes_[*r[0]] = TableSize{Number(r[1]), Number(r[2])};
    }
    return absl::OkStatus();
  }

  // The cost of `text`, statement `index` of its step; nullopt for a
  // statement that is not a change of a table the run started with.
  std::optional<report::StatementCost> Assess(const std::string& text,
                                              size_t index, bool galera_toi,
                                              StatementRun* run) {
    if (sql::ClassifyStatement(text) != sql::StatementKind::kDdl) {
      return std::nullopt;
    }
    std::optional<sql::TableChange> change = sql::ParseTableChange(text);
    if (!change) {
      Forget(text);
      return std::nullopt;
    }
    const std::string& table = change->table.name;
    if (!change->table.schema.empty() || !sizes_.count(table) ||
        changed_.count(table)) {
      return std::nullopt;  // another database's, or new in this run
    }
    if (change->renames_table) {
      Forget(text);
      return std::nullopt;
    }
    report::StatementCost cost;
    cost.statement = static_cast<int64_t>(index) + 1;
    cost.table = table;
    cost.rows = sizes_[table].rows;
    cost.bytes = sizes_[table].bytes;
    cost.algorithm = "unknown";
    absl::StatusOr<std::string> clone = CloneOf(table);
    if (!clone.ok()) {
      cost.note = std::string(clone.status().message());
    } else if (change->names_algorithm || !change->rewritable) {
      absl::Status st = db_.Execute(sql::OnTable(text, *change, *clone));
      if (st.ok()) {
        cost.algorithm =
            change->names_algorithm ? NamedClass(text) : "unknown";
        if (!change->names_algorithm) {
          cost.note = "its algorithm cannot be written in";
        }
      } else {
        cost.note = absl::StrCat("an empty copy refused it: ", st.message());
      }
    } else {
      absl::Status last;
      for (const Attempt& a : kAttempts) {
        last = db_.Execute(OnClone(
            sql::WithAlgorithm(text, *change, a.algorithm, a.lock), *clone));
        if (last.ok()) {
          cost.algorithm = a.id;
          if (a.id != std::string("copy")) {
            run->text = sql::WithAlgorithm(text, *change, a.algorithm, a.lock);
          }
          break;
        }
      }
      if (!last.ok()) {
        cost.note = absl::StrCat("an empty copy refused it: ", last.message());
      }
    }
    cost.blocks = Blocks(cost.algorithm, galera_toi);
    const TableSize& size = sizes_[table];
    cost.refused = !cost.blocks.empty() && !policy_.allow_blocking &&
                   ((size.rows && *size.rows >= policy_.max_rows) ||
                    (size.bytes && *size.bytes >= policy_.max_bytes));
    if (cost.refused && policy_.online) GoOnline(*change, cost, run);
    return cost;
  }

 private:
  static std::string Blocks(const std::string& algorithm, bool galera_toi) {
    if (algorithm == "instant") return "";
    if (galera_toi) return "cluster";
    return algorithm == "inplace" ? "" : "writes";
  }

  // A refused ALTER TABLE through pt-online-schema-change, where it can
  // run safely; else the reason why not, and it stays refused.
  void GoOnline(const sql::TableChange& change, report::StatementCost& cost,
                StatementRun* run) {
    std::string why;
    if (change.form != sql::TableChange::Form::kAlterTable) {
      why = "pt-online-schema-change runs only ALTER TABLE";
    } else if (policy_.online_unavailable) {
      why = policy_.online_unavailable();
    }
    if (why.empty()) {
      absl::Status possible = OnlineAlterPossible(db_, change.table.name);
      if (!possible.ok()) why = std::string(possible.message());
    }
    if (!why.empty()) {
      cost.note = absl::StrCat("cannot run online: ", why);
      return;
    }
    cost.refused = false;
    cost.online = true;
    run->online = true;
    run->table = change.table.name;
    run->alter_spec = change.alter_spec;
  }

  absl::StatusOr<std::string> CloneOf(const std::string& table) {
    auto it = clones_.find(table);
    if (it != clones_.end()) return it->second;
    std::string clone = ProbeTableName(connection_, clones_.size() + 1);
    absl::Status st =
        db_.Execute(absl::StrCat("CREATE TABLE ", sql::QuoteIdentifier(clone),
                                 " LIKE ", sql::QuoteIdentifier(table)));
    if (!st.ok()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "an empty copy of the table could not be made: ", st.message()));
    }
    clones_[table] = clone;
    return clone;
  }

  // A DDL statement that makes a table new or gone: later changes of it
  // are of a table the run did not start with.
  void Forget(const std::string& text) {
    std::optional<std::vector<sql::TableName>> targets = sql::DdlTargets(text);
    if (!targets) return;
    for (const sql::TableName& t : *targets) {
      if (t.schema.empty() && !t.trigger) changed_.insert(t.name);
    }
  }

  backend::Database& db_;
  const DdlPolicy& policy_;
  std::string connection_ = "0";
  std::map<std::string, TableSize> sizes_;
  std::map<std::string, std::string> clones_;  // table -> its clone
  std::set<std::string> changed_;  // created, dropped or renamed in the run
};

absl::StatusOr<DdlAssessment> AssessMysql(backend::Database& db,
                                          const std::vector<PlannedStep>& plan,
                                          int64_t resume_at,
                                          const DdlPolicy& policy) {
  DdlAssessment out;
  out.costs.resize(plan.size());
  MysqlProbe probe(db, policy);
  if (absl::Status st = probe.Start(out); !st.ok()) return st;
  for (size_t i = 0; i < plan.size(); ++i) {
    const plugin::Step& s = plan[i].step();
    if (s.kind != plugin::Step::Kind::kSql) continue;
    absl::StatusOr<std::vector<sql::Statement>> split =
        sql::SplitStatements(s.SqlFor("mysql"), "mysql");
    if (!split.ok()) continue;  // the run says so, at that step
    const size_t first = i == 0 ? static_cast<size_t>(resume_at) : 0;
    for (size_t k = first; k < split->size(); ++k) {
      StatementRun run;
      std::optional<report::StatementCost> cost =
          probe.Assess((*split)[k].text, k, out.galera_toi, &run);
      if (!cost) continue;
      out.costs[i].push_back(*cost);
      if (run.online || !run.text.empty()) out.runs[{i, k}] = std::move(run);
    }
  }
  return out;
}

// PostgreSQL: each ALTER TABLE on an existing table runs on an empty clone
// in one transaction that is rolled back, each in a savepoint; a new
// relfilenode means the server rewrote the table (under ACCESS EXCLUSIVE:
// nobody reads or writes it meanwhile). A change that keeps the file but
// must check every row (SET NOT NULL, a constraint without NOT VALID, a
// primary key or unique constraint) reads the table under that lock too.
// CREATE INDEX without CONCURRENTLY holds writes for the build.
class PostgresqlProbe {
 public:
  PostgresqlProbe(backend::Database& db, const DdlPolicy& policy)
      : db_(db), policy_(policy) {}
  ~PostgresqlProbe() {
    if (open_) (void)db_.Rollback();
  }

  absl::Status Start() {
    absl::StatusOr<std::vector<backend::Row>> sizes = db_.Query(
        "SELECT c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid) "
        "FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace "
        "AND c.relkind IN ('r', 'p')");
    if (!sizes.ok()) return sizes.status();
    for (const backend::Row& r : *sizes) {
      if (r.size() != 3 || !r[0]) continue;
      std::optional<int64_t> rows = Number(r[1]);
      if (rows && *rows < 0) rows.reset();  // never analysed
      sizes_[*r[0]] = TableSize{rows, Number(r[2])};
    }
    absl::StatusOr<std::vector<backend::Row>> ids =
        db_.Query("SELECT pg_backend_pid(), current_schema()");
    if (!ids.ok()) return ids.status();
    if (!ids->empty() && ids->front().size() == 2) {
      schema_ = ids->front()[1].value_or("public");
      probe_schema_ = ProbeTableName(ids->front()[0].value_or("0"), 0);
    }
    if (absl::Status st = db_.Begin(); !st.ok()) return st;
    open_ = true;
    // The clones live in a schema of their own under the tables' own
    // names, first on the search path: the statements run on them as
    // written, and the constraints and indexes LIKE copies get the names
    // the statements use (events_pkey). Gone with the rollback.
    return db_.ExecuteAll(
        {{absl::StrCat("CREATE SCHEMA ", Ident(probe_schema_)), {}},
         {absl::StrCat("SET LOCAL search_path TO ", Ident(probe_schema_), ", ",
                       Ident(schema_)),
          {}}});
  }

  std::optional<report::StatementCost> Assess(const std::string& text,
                                              size_t index) {
    if (sql::ClassifyStatement(text) != sql::StatementKind::kDdl) {
      return std::nullopt;
    }
    std::optional<sql::TableChange> change = sql::ParseTableChange(text);
    if (!change || change->form == sql::TableChange::Form::kDropIndex) {
      Forget(text);
      return std::nullopt;
    }
    const std::string& table = change->table.name;
    if (!change->table.schema.empty() || !sizes_.count(table) ||
        changed_.count(table)) {
      return std::nullopt;
    }
    if (change->renames_table) {
      Forget(text);
      return std::nullopt;
    }
    report::StatementCost cost;
    cost.statement = static_cast<int64_t>(index) + 1;
    cost.table = table;
    cost.rows = sizes_[table].rows;
    cost.bytes = sizes_[table].bytes;
    const std::string upper = absl::AsciiStrToUpper(text);
    if (change->form == sql::TableChange::Form::kCreateIndex) {
      cost.algorithm =
          absl::StrContains(upper, "CONCURRENTLY") ? "catalog" : "locks_writes";
    } else {
      cost.algorithm = Probe(text, *change, &cost.note);
      if (cost.algorithm == "catalog" && ChecksEveryRow(upper)) {
        cost.algorithm = "scan";
      }
    }
    if (cost.algorithm == "locks_writes") {
      cost.blocks = "writes";
    } else if (cost.algorithm != "catalog") {
      cost.blocks = "reads_writes";
    }
    const TableSize& size = sizes_[table];
    cost.refused = !cost.blocks.empty() && !policy_.allow_blocking &&
                   ((size.rows && *size.rows >= policy_.max_rows) ||
                    (size.bytes && *size.bytes >= policy_.max_bytes));
    if (cost.refused && policy_.online) {
      cost.note = "cannot run online: pt-online-schema-change is for MySQL";
    }
    return cost;
  }

 private:
  static bool ChecksEveryRow(const std::string& upper) {
    if (absl::StrContains(upper, "NOT VALID")) return false;
    return absl::StrContains(upper, "SET NOT NULL") ||
           absl::StrContains(upper, "PRIMARY KEY") ||
           absl::StrContains(upper, "UNIQUE") ||
           absl::StrContains(upper, "CHECK") ||
           absl::StrContains(upper, "FOREIGN KEY") ||
           absl::StrContains(upper, "REFERENCES");
  }

  static std::string Ident(const std::string& name) {
    std::string q = "\"";
    for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  }

  // "rewrite", "catalog" or "unknown" (with `*note`), the clone keeping
  // the change for the statements after it.
  std::string Probe(const std::string& text, const sql::TableChange& change,
                    std::string* note) {
    absl::StatusOr<std::string> clone = CloneOf(change.table.name);
    if (!clone.ok()) {
      *note = std::string(clone.status().message());
      return "unknown";
    }
    const std::string file =
        absl::StrCat("SELECT pg_relation_filenode('", *clone, "')");
    absl::StatusOr<std::vector<std::vector<backend::Row>>> seen =
        db_.QueryAll({{"SAVEPOINT aos_probe", {}},
                      {file, {}},
                      {text, {}},
                      {file, {}},
                      {"RELEASE SAVEPOINT aos_probe", {}}});
    if (!seen.ok()) {
      (void)db_.Execute("ROLLBACK TO SAVEPOINT aos_probe");
      *note = absl::StrCat("an empty copy refused it: ",
                           seen.status().message());
      return "unknown";
    }
    auto first = [](const std::vector<backend::Row>& rows) {
      return rows.empty() || rows[0].empty() ? std::optional<std::string>()
                                             : rows[0][0];
    };
    return first((*seen)[1]) != first((*seen)[3]) ? "rewrite" : "catalog";
  }

  // The clone of `table` in the probe schema, as a regclass literal's
  // text.
  absl::StatusOr<std::string> CloneOf(const std::string& table) {
    const std::string clone =
        absl::StrCat(Ident(probe_schema_), ".", Ident(table));
    if (cloned_.count(table)) return clone;
    absl::Status st = db_.ExecuteAll(
        {{"SAVEPOINT aos_clone", {}},
         {absl::StrCat("CREATE TABLE ", clone, " (LIKE ", Ident(schema_), ".",
                       Ident(table), " INCLUDING ALL)"),
          {}},
         {"RELEASE SAVEPOINT aos_clone", {}}});
    if (!st.ok()) {
      (void)db_.Execute("ROLLBACK TO SAVEPOINT aos_clone");
      return absl::FailedPreconditionError(absl::StrCat(
          "an empty copy of the table could not be made: ", st.message()));
    }
    cloned_.insert(table);
    return clone;
  }

  void Forget(const std::string& text) {
    std::optional<std::vector<sql::TableName>> targets = sql::DdlTargets(text);
    if (!targets) return;
    for (const sql::TableName& t : *targets) {
      if (t.schema.empty() && !t.trigger) changed_.insert(t.name);
    }
  }

  backend::Database& db_;
  const DdlPolicy& policy_;
  bool open_ = false;
  std::string schema_ = "public";
  std::string probe_schema_ = "_aos_probe_0_0";
  std::map<std::string, TableSize> sizes_;
  std::set<std::string> cloned_;
  std::set<std::string> changed_;
};

absl::StatusOr<DdlAssessment> AssessPostgresql(
    backend::Database& db, const std::vector<PlannedStep>& plan,
    int64_t resume_at, const DdlPolicy& policy) {
  DdlAssessment out;
  out.costs.resize(plan.size());
  PostgresqlProbe probe(db, policy);
  if (absl::Status st = probe.Start(); !st.ok()) return st;
  for (size_t i = 0; i < plan.size(); ++i) {
    const plugin::Step& s = plan[i].step();
    if (s.kind != plugin::Step::Kind::kSql) continue;
    absl::StatusOr<std::vector<sql::Statement>> split =
        sql::SplitStatements(s.SqlFor("postgresql"), "postgresql");
    if (!split.ok()) continue;
    for (size_t k = i == 0 ? static_cast<size_t>(resume_at) : 0;
         k < split->size(); ++k) {
      if (std::optional<report::StatementCost> cost =
              probe.Assess((*split)[k].text, k)) {
        out.costs[i].push_back(*cost);
      }
    }
  }
  return out;
}

std::string Limits(const DdlPolicy& p) {
  return absl::StrCat(p.max_rows, " rows or ", p.max_bytes >> 20, " MiB");
}

}  // namespace

absl::StatusOr<DdlAssessment> AssessDdl(backend::Database& db,
                                        const std::vector<PlannedStep>& plan,
                                        int64_t resume_at,
                                        const DdlPolicy& policy) {
  if (db.dialect() == "mysql") return AssessMysql(db, plan, resume_at, policy);
  if (db.dialect() == "postgresql") {
    return AssessPostgresql(db, plan, resume_at, policy);
  }
  DdlAssessment out;
  out.costs.resize(plan.size());
  out.note = DdlNote(db.dialect());
  return out;
}

std::string DdlNote(absl::string_view dialect) {
  if (dialect != "sqlite") return "";
  return "SQLite: a step locks only this module's database file; nothing "
         "blocks anyone else";
}

absl::Status DdlRefusal(const DdlAssessment& assessment,
                        const std::vector<PlannedStep>& plan,
                        const DdlPolicy& policy) {
  for (size_t i = 0; i < assessment.costs.size() && i < plan.size(); ++i) {
    for (const report::StatementCost& c : assessment.costs[i]) {
      if (!c.refused) continue;
      const PlannedStep& step = plan[i];
      return absl::FailedPreconditionError(absl::StrCat(
          "Migration ", step.from_version, " -> ", step.to_version, " (",
          step.migration->description,
          ") refused before anything ran, database left at ",
          plan[0].from_version, ": its statement ", c.statement,
          " would block ",
          c.blocks == "cluster" ? "the whole Galera cluster" : "its table",
          " for as long as it runs: ", c.Describe(),
          c.note.empty() || c.algorithm == "unknown"
              ? ""
              : absl::StrCat(" (", c.note, ")"),
          "; refused at ", Limits(policy),
          " and above"
          ". Ways out: --online runs an ALTER TABLE through "
          "pt-online-schema-change (MySQL/MariaDB; package percona-toolkit); "
          "--allow-blocking runs it as it is, in a maintenance window; or "
          "raise blocking_max_rows / blocking_max_mib in the config"));
    }
  }
  return absl::OkStatus();
}

}  // namespace aos::engine
