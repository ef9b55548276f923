// preflight.h: the pre-flight on the live data. Before a step changes a
// table in a way whose success depends on the rows already in it (a key
// over duplicates, NOT NULL over NULLs, a foreign key over orphans, a
// narrowed column, a CHECK, a character set: sql/data_dependency.h), the
// table is asked whether any row is in the way (sql/conflict_query.h: one
// bounded SELECT, a consistent read, no lock, only the columns the
// statement names). preflight_plan.h decides when: before the step's first
// statement, or right before the statement when an earlier one of the
// step writes the table.
//
// A row in the way refuses the step with a data_conflict failure
// (IsDataConflict) that names the statement, the table, the change, how
// many rows, the first few keys or values (escaped, cut) and the way out.
// A check that cannot be asked (its query fails) is reported "unchecked"
// and refuses nothing: the statement then meets the server as before.
// Every check is timed.
#ifndef AOS_CORE_ENGINE_PREFLIGHT_PREFLIGHT_H_
#define AOS_CORE_ENGINE_PREFLIGHT_PREFLIGHT_H_

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "core/backend/database.h"
#include "core/engine/preflight/preflight_plan.h"
#include "core/report/preflight_finding.h"
#include "core/sql/destructive_statement.h"
#include "core/sql/statement_splitter.h"

namespace aos::engine {

// At most this many keys or values are shown, and rows counted up to
// kPreflightCountCap (then "more than").
inline constexpr int kPreflightShown = 5;
inline constexpr int64_t kPreflightCountCap = 1000;

// Asks the live data about one check. `in_transaction`: the connection is
// inside the step's transaction (PostgreSQL, SQLite), which a failed query
// must not abort (it runs under a savepoint).
report::PreflightFinding RunCheck(backend::Database& db,
                                  const PlannedCheck& check,
                                  bool in_transaction);

// The refusal for a conflict found before statement `finding.statement`
// of `statements` (kFailedPrecondition, IsDataConflict); `before_step`:
// nothing of the step ran.
absl::Status DataConflict(const report::PreflightFinding& finding,
                          const std::vector<sql::Statement>& statements,
                          bool before_step, bool transactional);

// Whether `status` is a pre-flight refusal (-f json: "data_conflict").
bool IsDataConflict(const absl::Status& status);
inline constexpr char kDataConflictCategory[] = "data_conflict";

// The key of a step in a Preflight: its version and direction.
std::string PreflightKey(int64_t version, bool upgrade);

// A run's pre-flight: the checks of each step, at the two points where a
// step asks (before its first statement, before a statement).
class Preflight {
 public:
  // `observe`, when set, is told every finding the run asks (the
  // conformance kit's data walk compares them with what the step did).
  explicit Preflight(
      std::function<void(const std::string&)> progress,
      std::function<void(const report::PreflightFinding&)> observe = nullptr)
      : progress_(std::move(progress)), observe_(std::move(observe)) {}

  // The checks of `statements` from `first` on that run before the step;
  // a step (by `key`) already asked is not asked again.
  absl::Status BeforeStep(backend::Database& db, const std::string& key,
                          const std::vector<sql::Statement>& statements,
                          size_t first, bool in_transaction);
  // The checks of statement `index` of the step `key` that run right
  // before it.
  absl::Status BeforeStatement(backend::Database& db, const std::string& key,
                               const std::vector<sql::Statement>& statements,
                               size_t first, size_t index, bool in_transaction);
  // Issue 27 (archived_narrowing.h): with the archive on, an upgrade's
  // column narrowed over values that do not fit is not refused where the
  // step's session would cut them silently: the archive keeps them first
  // (Narrowed). Found before the step, it is asked again right before its
  // statement, in the step's session (a SET sql_mode may come between).
  void ArchiveNarrowing(bool on) { archive_narrowing_ = on; }
  // What statement `index` of step `key` narrows over values that the
  // archive keeps first (set by BeforeStatement).
  std::vector<sql::Destruction> Narrowed(const std::string& key,
                                         size_t index) const;

  int64_t checks() const { return checks_; }
  int64_t millis() const { return millis_; }

 private:
  absl::Status Run(backend::Database& db, const std::string& key,
                   const PlannedCheck& check,
                   const std::vector<sql::Statement>& statements,
                   bool in_transaction);
  // Whether the conflict `check` found is the archive's instead (see
  // ArchiveNarrowing).
  bool KeptInstead(backend::Database& db, const std::string& key,
                   const PlannedCheck& check,
                   const std::vector<sql::Statement>& statements);

  // The step's checks, planned once (with the tables that have triggers
  // when it has any check).
  const std::vector<PlannedCheck>& Checks(
      backend::Database& db, const std::string& key,
      const std::vector<sql::Statement>& statements, size_t first,
      bool in_transaction);

  std::function<void(const std::string&)> progress_;
  std::function<void(const report::PreflightFinding&)> observe_;
  std::map<std::string, std::vector<PlannedCheck>> planned_;
  std::vector<std::string> asked_;  // steps asked before they started
  bool archive_narrowing_ = false;
  // Checks found before the step that the archive may keep, asked again
  // right before their statement; what the archive keeps there.
  std::set<std::pair<std::string, size_t>> deferred_;
  std::map<std::pair<std::string, size_t>, std::vector<sql::Destruction>>
      narrowed_;
  int64_t checks_ = 0;
  int64_t millis_ = 0;
};

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_PREFLIGHT_PREFLIGHT_H_
