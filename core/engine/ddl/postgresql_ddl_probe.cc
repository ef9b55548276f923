#include "core/engine/ddl/postgresql_ddl_probe.h"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/engine/ddl/probe_tables.h"
#include "core/engine/ddl/run_tables.h"
#include "core/sql/mysql_tokenizer.h"
#include "core/sql/statement_splitter.h"
#include "core/sql/table_change.h"

namespace aos::engine {
namespace {

// PostgreSQL: each ALTER TABLE on an existing table runs on an empty clone
// in one transaction that is rolled back, each in a savepoint; a new
// relfilenode means the server rewrote the table (under ACCESS EXCLUSIVE:
// nobody reads or writes it meanwhile). A change that keeps the file but
// must check every row (SET NOT NULL, a constraint without NOT VALID, a
// primary key or unique constraint) reads the table under that lock too.
// CREATE INDEX without CONCURRENTLY holds writes for the build.
//
// A statement runs as written, unqualified names finding the clones first
// on the search path: so only one whose every table is named bare and is
// cloned first (its own, a foreign key's parent) runs at all; one that
// names any other table (ATTACH PARTITION, INHERIT, a schema-qualified
// name, ...) or says what the reader cannot vouch for (table_change.h) is
// not run and costs "unknown". Nothing is ever committed: the transaction
// is rolled back, and each statement is one statement (no ';').
class PostgresqlProbe {
 public:
  PostgresqlProbe(backend::Database& db, const DdlPolicy& policy)
      : db_(db), policy_(policy), tables_(sql::ChangeDialect::kPostgresql) {}
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
      std::optional<int64_t> rows = StatNumber(r[1]);
      if (rows && *rows < 0) rows.reset();  // never analysed
      tables_.Add(*r[0], TableSize{rows, StatNumber(r[2])});
    }
    absl::StatusOr<std::vector<backend::Row>> ids =
        db_.Query("SELECT pg_backend_pid(), current_schema()");
    if (!ids.ok()) return ids.status();
    if (!ids->empty() && ids->front().size() == 2) {
      schema_ = ids->front()[1].value_or("public");
      tables_.SetSchema(schema_);
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
                                              size_t index,
                                              const std::string& where,
                                              StatementRun* run) {
    // Issue 28: the DML gate (batch/dml_gate.h), on the tables as they
    // stand before the statement, asked in their own schema (the clones
    // shadow them on the search path).
    std::optional<report::StatementCost> dml = AssessDml(
        db_, text, index,
        [this](const sql::TableName& n) { return tables_.Lookup(n); },
        DmlLimits{policy_.max_rows, policy_.max_bytes, policy_.allow_blocking,
                  policy_.batch.start_rows, schema_},
        &run->batch);
    GateTarget target = tables_.Next(text, index, where);
    if (dml) return dml;
    if (target.kind == GateTarget::Kind::kNothing) return std::nullopt;
    report::StatementCost cost = target.cost;
    const std::vector<std::string> words = Words(text);
    if (target.kind != GateTarget::Kind::kTry) {
      cost.algorithm = "unknown";
    } else if (target.change->form == sql::TableChange::Form::kCreateIndex) {
      cost.algorithm = Has(words, {"INDEX", "CONCURRENTLY"}) ? "catalog"
                                                             : "locks_writes";
    } else if (absl::Status confined = Confine(target); !confined.ok()) {
      cost.algorithm = "unknown";
      cost.note =
          absl::StrCat("not tried on an empty copy: ", confined.message());
    } else {
      cost.algorithm = Probe(text, target, &cost.note);
      if (cost.algorithm == "catalog" && ChecksEveryRow(words)) {
        cost.algorithm = "scan";
      }
    }
    if (cost.algorithm == "locks_writes") {
      cost.blocks = "writes";
    } else if (cost.algorithm != "catalog") {
      cost.blocks = "reads_writes";
    }
    cost.refused = RunTables::Refused(cost, policy_);
    if (cost.refused && policy_.online) {
      cost.note = "cannot run online: pt-online-schema-change is for MySQL";
    }
    return cost;
  }

 private:
  // The statement's words (keywords and bare names, upper-cased; no
  // string or quoted name), from the lexer.
  static std::vector<std::string> Words(const std::string& text) {
    std::vector<std::string> words;
    for (const sql::Token& t : sql::Tokenize(text, 100000)) {
      if (t.type == sql::Token::Type::kWord) words.push_back(t.upper);
    }
    return words;
  }

  // Whether `seq` stands in `words`, word after word.
  static bool Has(const std::vector<std::string>& words,
                  std::initializer_list<const char*> seq) {
    const std::vector<std::string> want(seq.begin(), seq.end());
    return std::search(words.begin(), words.end(), want.begin(),
                       want.end()) != words.end();
  }

  static bool ChecksEveryRow(const std::vector<std::string>& words) {
    if (Has(words, {"NOT", "VALID"})) return false;
    return Has(words, {"SET", "NOT", "NULL"}) ||
           Has(words, {"PRIMARY", "KEY"}) || Has(words, {"UNIQUE"}) ||
           Has(words, {"CHECK"}) || Has(words, {"FOREIGN", "KEY"}) ||
           Has(words, {"REFERENCES"});
  }

  static std::string Ident(const std::string& name) {
    std::string q = "\"";
    for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  }

  // Makes a clone of every table `change` names, each named bare so that
  // the search path finds the clone; else why it may not be run.
  absl::Status Confine(const GateTarget& target) {
    for (const TriedTable& t : target.tables) {
      if (!t.written.schema.empty()) {
        return absl::FailedPreconditionError(absl::StrCat(
            "it names ", t.written.schema, ".", t.written.name,
            " with its schema, which no clone would stand in for"));
      }
      absl::StatusOr<std::string> clone = CloneOf(t.written.name, t.before_run);
      if (!clone.ok()) return clone.status();
    }
    return absl::OkStatus();
  }

  // "rewrite", "catalog" or "unknown" (with `*note`), the clone keeping
  // the change for the statements after it.
  std::string Probe(const std::string& text, const GateTarget& target,
                    std::string* note) {
    const TriedTable& own = target.tables.front();
    absl::StatusOr<std::string> clone =
        CloneOf(own.written.name, own.before_run);  // made
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
      *note =
          absl::StrCat("an empty copy refused it: ", seen.status().message());
      return "unknown";
    }
    auto first = [](const std::vector<backend::Row>& rows) {
      return rows.empty() || rows[0].empty() ? std::optional<std::string>()
                                             : rows[0][0];
    };
    return first((*seen)[1]) != first((*seen)[3]) ? "rewrite" : "catalog";
  }

  // The clone of `before_run` in the probe schema, named `table` (the
  // name the statement uses), as a regclass literal's text.
  absl::StatusOr<std::string> CloneOf(const std::string& table,
                                      const std::string& before_run) {
    const std::string clone =
        absl::StrCat(Ident(probe_schema_), ".", Ident(table));
    if (cloned_.count(table)) return clone;
    absl::Status st = db_.ExecuteAll(
        {{"SAVEPOINT aos_clone", {}},
         {absl::StrCat("CREATE TABLE ", clone, " (LIKE ", Ident(schema_), ".",
                       Ident(before_run), " INCLUDING ALL)"),
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

  backend::Database& db_;
  const DdlPolicy& policy_;
  bool open_ = false;
  std::string schema_ = "public";
  std::string probe_schema_ = "_aos_probe_0_0";
  RunTables tables_;
  std::set<std::string> cloned_;
};

}  // namespace

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
      StatementRun run;
      if (std::optional<report::StatementCost> cost = probe.Assess(
              (*split)[k].text, k, StatementWhere(plan[i], k), &run)) {
        out.costs[i].push_back(*cost);
      }
      if (run.batch) out.runs[{i, k}] = std::move(run);
    }
  }
  return out;
}

}  // namespace aos::engine
