#include "core/engine/preflight/preflight.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "core/engine/preflight/archived_narrowing.h"
#include "core/report/shown_value.h"
#include "core/sql/conflict_query.h"

namespace aos::engine {
namespace {

constexpr char kPayload[] = "type.aos/data_conflict";
constexpr size_t kValueChars = 40;  // characters of a value shown

// A query inside the step's transaction runs under a savepoint, so that
// its failure leaves the transaction usable.
absl::StatusOr<std::vector<backend::Row>> Ask(
    backend::Database& db, const std::string& sql,
    const std::vector<backend::SqlValue>& params, bool in_transaction) {
  if (!in_transaction) return db.Query(sql, params);
  if (absl::Status st = db.Execute("SAVEPOINT aos_preflight"); !st.ok()) {
    return st;
  }
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query(sql, params);
  if (!rows.ok()) (void)db.Execute("ROLLBACK TO SAVEPOINT aos_preflight");
  (void)db.Execute("RELEASE SAVEPOINT aos_preflight");
  return rows;
}

std::vector<backend::SqlValue> NameParams(const sql::TableName& t) {
  std::vector<backend::SqlValue> params = {t.name};
  if (!t.schema.empty()) params.push_back(t.schema);
  return params;
}

absl::StatusOr<std::vector<sql::ColumnFacts>> Columns(backend::Database& db,
                                                      const sql::TableName& t,
                                                      bool in_transaction) {
  absl::StatusOr<std::vector<backend::Row>> rows =
      Ask(db, sql::ColumnsQuery(db.dialect(), !t.schema.empty()), NameParams(t),
          in_transaction);
  if (!rows.ok()) return rows.status();
  return sql::ReadColumnFacts(*rows);
}

absl::StatusOr<std::vector<std::string>> PrimaryKey(backend::Database& db,
                                                    const sql::TableName& t,
                                                    bool in_transaction) {
  absl::StatusOr<std::vector<backend::Row>> rows =
      Ask(db, sql::PrimaryKeyQuery(db.dialect(), !t.schema.empty()),
          NameParams(t), in_transaction);
  if (!rows.ok()) return rows.status();
  std::vector<std::string> key;
  for (const backend::Row& r : *rows) {
    if (!r.empty() && r[0]) key.push_back(*r[0]);
  }
  return key;
}

// The rows the conflict query returned, counted and shown.
void ReadConflicts(const std::vector<backend::Row>& rows,
                   report::PreflightFinding& f) {
  f.outcome = rows.empty() ? "clean" : "conflict";
  f.more = static_cast<int64_t>(rows.size()) > kPreflightCountCap;
  for (size_t k = 0;
       k < rows.size() && static_cast<int64_t>(k) < kPreflightCountCap; ++k) {
    const backend::Row& row = rows[k];
    int64_t n = 1;
    if (row.empty() || !row[0] || !absl::SimpleAtoi(*row[0], &n)) n = 1;
    f.rows += n;
    ++f.keys;
    if (static_cast<int>(k) >= kPreflightShown || row.size() < 2) continue;
    std::vector<std::string> values;
    for (size_t j = 1; j < row.size(); ++j) {
      values.push_back(report::ShownValue(row[j], kValueChars));
    }
    f.samples.push_back(absl::StrCat("(", absl::StrJoin(values, ", "), ")",
                                     n > 1 ? absl::StrCat(" x", n) : ""));
  }
}

// The query and what it needs of the catalog; nullopt with `f` finished
// when there is nothing to ask.
absl::StatusOr<std::optional<sql::ConflictQuery>> BuildQuery(
    backend::Database& db, const sql::DataDependency& d, bool in_transaction,
    report::PreflightFinding& f) {
  absl::StatusOr<std::vector<sql::ColumnFacts>> columns =
      Columns(db, d.table, in_transaction);
  if (!columns.ok()) return columns.status();
  std::vector<sql::ColumnFacts> parent;
  std::vector<std::string> parent_key;
  if (d.kind == sql::DataDependency::Kind::kForeignKey) {
    absl::StatusOr<std::vector<sql::ColumnFacts>> p =
        Columns(db, d.parent, in_transaction);
    if (!p.ok()) return p.status();
    parent = *std::move(p);
    if (d.parent_columns.empty() && !parent.empty()) {
      absl::StatusOr<std::vector<std::string>> key =
          PrimaryKey(db, d.parent, in_transaction);
      if (!key.ok()) return key.status();
      parent_key = *std::move(key);
    }
  }
  std::string skipped;
  std::optional<sql::ConflictQuery> q =
      sql::BuildConflictQuery(d, db.dialect(), *columns, parent, parent_key,
                              kPreflightCountCap + 1, &skipped);
  if (!q) {
    f.outcome = "skipped";
    f.note = skipped.empty() ? "nothing to ask" : skipped;
  }
  return q;
}

// A statement as a message names it: on one line, cut.
std::string OneLine(absl::string_view text) {
  std::string out;
  for (char ch : text) {
    const bool blank = ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ';
    if (blank && (out.empty() || out.back() == ' ')) continue;
    out += blank ? ' ' : ch;
  }
  if (out.size() > 100) out = absl::StrCat(out.substr(0, 97), "...");
  return out;
}

}  // namespace

report::PreflightFinding RunCheck(backend::Database& db,
                                  const PlannedCheck& check,
                                  bool in_transaction) {
  const sql::DataDependency& d = check.dependency;
  report::PreflightFinding f;
  f.statement = static_cast<int64_t>(check.statement) + 1;
  f.table = d.table.name;
  f.kind = sql::DependencyKindName(d.kind);
  f.change = d.what;
  f.when = check.before_step ? "before_step" : "before_statement";
  const absl::Time start = absl::Now();
  absl::StatusOr<std::optional<sql::ConflictQuery>> q =
      BuildQuery(db, d, in_transaction, f);
  absl::StatusOr<std::vector<backend::Row>> rows = std::vector<backend::Row>{};
  if (!q.ok()) {
    rows = q.status();
  } else if (q->has_value()) {
    f.in_the_way = (*q)->in_the_way;
    rows = Ask(db, (*q)->sql, {}, in_transaction);
  }
  f.millis = absl::ToInt64Milliseconds(absl::Now() - start);
  if (!rows.ok()) {
    f.outcome = "unchecked";
    std::string why(rows.status().message());
    if (why.size() > 200) why = absl::StrCat(why.substr(0, 197), "...");
    f.note = absl::StrCat("not checked: ", why);
  } else if (q.ok() && q->has_value()) {
    ReadConflicts(*rows, f);
  }
  return f;
}

absl::Status DataConflict(const report::PreflightFinding& f,
                          const std::vector<sql::Statement>& statements,
                          bool before_step, bool transactional) {
  const size_t index = static_cast<size_t>(f.statement - 1);
  const sql::Statement& s = statements[index];
  std::string ran = before_step ? "Nothing of the step ran"
                    : transactional
                        ? "The step was rolled back whole"
                        : absl::StrCat(
                              "Statements before it ran; the next run "
                              "resumes the step at statement ",
                              f.statement);
  absl::Status st = absl::FailedPreconditionError(absl::StrCat(
      "pre-flight: statement ", f.statement, " of ", statements.size(),
      " (line ", s.line, ", ", OneLine(s.text),
      ") would fail on the rows already in table ", f.table, ": ", f.change,
      " (", f.kind, "), ", f.Describe(), ". ", ran,
      ". Fix those rows (or install a release of the plugin whose step "
      "does), then run again"));
  st.SetPayload(kPayload, absl::Cord(kDataConflictCategory));
  return st;
}

std::string PreflightKey(int64_t version, bool upgrade) {
  return absl::StrCat(version, upgrade ? "+" : "-");
}

bool IsDataConflict(const absl::Status& status) {
  return status.GetPayload(kPayload).has_value();
}

const std::vector<PlannedCheck>& Preflight::Checks(
    backend::Database& db, const std::string& key,
    const std::vector<sql::Statement>& statements, size_t first,
    bool in_transaction) {
  auto it = planned_.find(key);
  if (it == planned_.end()) {
    std::vector<PlannedCheck> checks =
        PlanChecks(statements, first, db.dialect());
    if (!checks.empty()) {  // which tables have triggers decides when
      checks = PlanChecks(
          statements, first, db.dialect(),
          TriggeredTablesFrom(Ask(db, TriggeredTablesQuery(db.dialect()), {},
                                  in_transaction)));
    }
    it = planned_.emplace(key, std::move(checks)).first;
  }
  return it->second;
}

std::vector<sql::Destruction> Preflight::Narrowed(const std::string& key,
                                                  size_t index) const {
  auto it = narrowed_.find({key, index});
  if (it == narrowed_.end()) return {};
  return it->second;
}

bool Preflight::KeptInstead(backend::Database& db, const std::string& key,
                            const PlannedCheck& check,
                            const std::vector<sql::Statement>& statements) {
  if (!archive_narrowing_ || !absl::EndsWith(key, "+")) return false;
  absl::StatusOr<std::optional<sql::Destruction>> kept =
      NarrowingToKeep(db, check.dependency);
  if (!kept.ok() || !*kept) return false;
  absl::StatusOr<bool> cuts = CutsSilently(db);
  if (!cuts.ok()) return false;
  if (check.before_step) {  // decided right before the statement
    if (!*cuts && !SetsSqlModeBefore(statements, check.statement)) return false;
    deferred_.insert({key, check.statement});
    return true;
  }
  if (!*cuts) return false;
  narrowed_[{key, check.statement}].push_back(**kept);
  progress_(absl::StrCat("pre-flight: statement ", check.statement + 1,
                         " cuts values of ", check.dependency.table.name,
                         ": the archive keeps them first"));
  return true;
}

absl::Status Preflight::Run(backend::Database& db, const std::string& key,
                            const PlannedCheck& check,
                            const std::vector<sql::Statement>& statements,
                            bool in_transaction) {
  report::PreflightFinding f = RunCheck(db, check, in_transaction);
  ++checks_;
  millis_ += f.millis;
  progress_(absl::StrCat("pre-flight: statement ", f.statement, ", ", f.change,
                         " on ", f.table, ": ", f.outcome, " (", f.millis,
                         " ms)"));
  if (observe_) observe_(f);
  if (f.outcome != "conflict") return absl::OkStatus();
  if (KeptInstead(db, key, check, statements)) return absl::OkStatus();
  return DataConflict(f, statements, check.before_step, db.transactional_ddl());
}

absl::Status Preflight::BeforeStep(
    backend::Database& db, const std::string& key,
    const std::vector<sql::Statement>& statements, size_t first,
    bool in_transaction) {
  if (std::find(asked_.begin(), asked_.end(), key) != asked_.end()) {
    return absl::OkStatus();
  }
  asked_.push_back(key);
  for (const PlannedCheck& c :
       Checks(db, key, statements, first, in_transaction)) {
    if (!c.before_step) continue;
    if (absl::Status st = Run(db, key, c, statements, in_transaction);
        !st.ok()) {
      return st;
    }
  }
  return absl::OkStatus();
}

absl::Status Preflight::BeforeStatement(
    backend::Database& db, const std::string& key,
    const std::vector<sql::Statement>& statements, size_t first, size_t index,
    bool in_transaction) {
  narrowed_.erase({key, index});
  for (const PlannedCheck& planned :
       Checks(db, key, statements, first, in_transaction)) {
    if (planned.statement != index) continue;
    PlannedCheck c = planned;
    if (c.before_step) {  // asked again here only when the archive may keep it
      if (!deferred_.count({key, index})) continue;
      c.before_step = false;
    }
    if (absl::Status st = Run(db, key, c, statements, in_transaction);
        !st.ok()) {
      return st;
    }
  }
  return absl::OkStatus();
}

}  // namespace aos::engine
