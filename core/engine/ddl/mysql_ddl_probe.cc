#include "core/engine/ddl/mysql_ddl_probe.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/engine/ddl/online_alter.h"
#include "core/engine/ddl/online_server_check.h"
#include "core/engine/ddl/probe_tables.h"
#include "core/engine/ddl/run_tables.h"
#include "core/sql/mysql_tokenizer.h"
#include "core/sql/statement_splitter.h"
#include "core/sql/table_change.h"

namespace aos::engine {
namespace {

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

// Engines whose CREATE TABLE ... LIKE is an empty table of its own; any
// other may keep its rows elsewhere (CONNECT, FEDERATED, MERGE, SPIDER):
// its copy would reach them.
bool ClonableEngine(const std::string& engine) {
  const std::string upper = absl::AsciiStrToUpper(engine);
  return upper == "INNODB" || upper == "MYISAM" || upper == "ARIA" ||
         upper == "MEMORY";
}

// Tries the plan's table changes on empty clones (see the file comment of
// ddl_cost.h), only those whose every table can be pointed at a clone
// (table_change.h): a statement that names any other table, or says what
// the reader cannot vouch for, is not run at all and costs "unknown". The
// clones are dropped when it goes.
class MysqlProbe {
 public:
  MysqlProbe(backend::Database& db, const DdlPolicy& policy)
      : db_(db), policy_(policy), tables_(sql::ChangeDialect::kMysql) {}
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
      tables_.SetSchema((*id)[0][1].value_or(""));
    }
    absl::StatusOr<std::vector<backend::Row>> wsrep =
        db_.Query("SELECT @@wsrep_on, @@wsrep_OSU_method");
    if (wsrep.ok() && !wsrep->empty() && (*wsrep)[0].size() == 2) {
      out.galera_toi = (*wsrep)[0][0].value_or("0") == "1" &&
                       (*wsrep)[0][1].value_or("") == "TOI";
    }
    if (absl::Status st = DropAbandonedProbes(db_); !st.ok()) return st;
    absl::StatusOr<std::vector<backend::Row>> sizes = db_.Query(
        "SELECT TABLE_NAME, TABLE_ROWS, DATA_LENGTH + INDEX_LENGTH, ENGINE "
        "FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
        "TABLE_TYPE <> 'VIEW'");
    if (!sizes.ok()) return sizes.status();
    for (const backend::Row& r : *sizes) {
      if (r.size() != 4 || !r[0]) continue;
      tables_.Add(*r[0], TableSize{StatNumber(r[1]), StatNumber(r[2]),
                                   r[3].value_or("")});
    }
    return absl::OkStatus();
  }

  // The cost of `text`, statement `index` of its step (`where` names it);
  // nullopt for a statement that blocks nothing (run_tables.h).
  std::optional<report::StatementCost> Assess(const std::string& text,
                                              size_t index,
                                              const std::string& where,
                                              bool galera_toi,
                                              StatementRun* run) {
    // Issue 28: the DML gate (batch/dml_gate.h), on the tables as they
    // stand before the statement.
    std::optional<report::StatementCost> dml = AssessDml(
        db_, text, index,
        [this](const sql::TableName& n) { return tables_.Lookup(n); },
        DmlLimits{policy_.max_rows, policy_.max_bytes, policy_.allow_blocking,
                  policy_.batch.start_rows, /*schema=*/""},
        &run->batch);
    GateTarget target = tables_.Next(text, index, where);
    if (dml) return dml;
    if (target.kind == GateTarget::Kind::kNothing) return std::nullopt;
    report::StatementCost cost = target.cost;
    if (target.kind == GateTarget::Kind::kTry) {
      if (absl::Status confined = Confine(target); !confined.ok()) {
        cost.note =
            absl::StrCat("not tried on an empty copy: ", confined.message());
      } else {
        Try(text, target, cost, run);
      }
    }
    cost.blocks = Blocks(cost.algorithm, galera_toi);
    cost.refused = RunTables::Refused(cost, policy_);
    if (cost.refused && policy_.online) {
      if (target.kind == GateTarget::Kind::kTry) {
        GoOnline(*target.change, cost, run);
      } else {
        cost.note = absl::StrCat(cost.note, "; cannot run online: ",
                                 "pt-online-schema-change runs only a change "
                                 "of a table the run starts with, tried");
      }
    }
    return cost;
  }

 private:
  static std::string Blocks(const std::string& algorithm, bool galera_toi) {
    if (algorithm == "instant") return "";
    if (galera_toi) return "cluster";
    return algorithm == "inplace" ? "" : "writes";
  }

  // Makes a clone of every table the change names, as it was before the
  // run (run_tables.h); else why it may not be tried on clones.
  absl::Status Confine(const GateTarget& target) {
    for (const TriedTable& t : target.tables) {
      if (!ClonableEngine(t.engine)) {
        return absl::FailedPreconditionError(
            absl::StrCat(t.before_run, "'s engine ", t.engine,
                         " may keep its rows elsewhere"));
      }
      absl::StatusOr<std::string> clone = CloneOf(t.before_run);
      if (!clone.ok()) return clone.status();
    }
    return absl::OkStatus();
  }

  // Runs `text` on the clones, as written or with the first algorithm the
  // server accepts; fills in `cost` (and `run`).
  void Try(const std::string& text, const GateTarget& target,
           report::StatementCost& cost, StatementRun* run) {
    const sql::TableChange& change = *target.change;
    if (change.names_algorithm || !change.rewritable) {
      absl::Status st = OnClones(text, target);
      if (st.ok()) {
        cost.algorithm = change.names_algorithm
                             ? sql::NamedAlgorithmClass(change)
                             : "unknown";
        if (!change.names_algorithm) {
          cost.note = "its algorithm cannot be written in";
        } else if (cost.algorithm == std::string("unknown")) {
          cost.note = "its ALGORITHM and LOCK options leave the algorithm to "
                      "the server";
        }
      } else {
        cost.note = absl::StrCat("an empty copy refused it: ", st.message());
      }
      return;
    }
    absl::Status last;
    for (const Attempt& a : kAttempts) {
      const std::string with =
          sql::WithAlgorithm(text, change, a.algorithm, a.lock);
      last = OnClones(with, target);
      if (last.ok()) {
        cost.algorithm = a.id;
        if (a.id != std::string("copy")) run->text = with;
        return;
      }
    }
    cost.note = absl::StrCat("an empty copy refused it: ", last.message());
  }

  // Runs `text` with each table it names replaced by its clone (made by
  // Confine); never on a table of the module: a text that does not read
  // as a confined change of cloned tables is not run.
  absl::Status OnClones(const std::string& text, const GateTarget& target) {
    std::optional<sql::TableChange> change = sql::ParseTableChange(text);
    bool cloned = change.has_value() && change->not_confined.empty();
    if (cloned) {
      const std::string on_clones = sql::OnTables(
          text, *change, [&](const sql::TableName& t) -> std::string {
            for (const TriedTable& tried : target.tables) {
              auto it = tried.written == t ? clones_.find(tried.before_run)
                                           : clones_.end();
              if (it != clones_.end()) return it->second;
            }
            cloned = false;
            return "";
          });
      if (cloned) return db_.Execute(on_clones);
    }
    return absl::InternalError("it does not read as a change of the copies");
  }

  // A refused ALTER TABLE through pt-online-schema-change, where it can
  // run safely; else the reason why not, and it stays refused.
  void GoOnline(const sql::TableChange& change, report::StatementCost& cost,
                StatementRun* run) {
    std::string why;
    if (!change.not_confined.empty()) {
      why = absl::StrCat("pt-online-schema-change would run it on a copy of "
                         "the table, and ", change.not_confined);
    } else if (change.form != sql::TableChange::Form::kAlterTable) {
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
    // Issue 28: what the server's settings will cost the writers.
    run->warning = OnlineServerWarning(db_, change.table.name);
    if (!run->warning.empty()) {
      cost.note = absl::StrCat(cost.note, cost.note.empty() ? "" : "; ", run->warning);
    }
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

  backend::Database& db_;
  const DdlPolicy& policy_;
  std::string connection_ = "0";
  RunTables tables_;
  std::map<std::string, std::string> clones_;  // table before the run -> clone
};

}  // namespace

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
      std::optional<report::StatementCost> cost = probe.Assess(
          (*split)[k].text, k, StatementWhere(plan[i], k), out.galera_toi,
          &run);
      if (!cost) continue;
      out.costs[i].push_back(*cost);
      if (run.online || !run.text.empty() || run.batch) {
        out.runs[{i, k}] = std::move(run);
      }
    }
  }
  return out;
}

}  // namespace aos::engine
