// module_result.h: the outcome of one module's run: one row of the report.
#ifndef AOS_CORE_REPORT_MODULE_RESULT_H_
#define AOS_CORE_REPORT_MODULE_RESULT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/report/drift_info.h"  // issue 29

namespace aos::report {

inline constexpr char kUnknownDbError[] =
    "Unknown DB Error. Please contact your administrator.";

struct ModuleResult {
  std::string module_id;
  std::string display_name;
  bool ok = false;
  std::optional<int64_t> from;  // version before the run, when known
  std::optional<int64_t> to;    // version after the run, when known
  // OK: empty. FAIL: what happened, prefixed by the phase.
  std::string error;
  // FAIL caused by the database (not by the operator's input): shown as
  // kUnknownDbError unless --verbose.
  bool database_error = false;
  // FAIL caused by the database: what kind of failure, as the engine
  // classified the server's error ("connection_lost", "cannot_connect",
  // "access_denied", "lock_wait_timeout", "deadlock", "duplicate",
  // "syntax", "other"); empty otherwise.
  std::string error_category;

  // A step an earlier run left failed part-way, which this run started
  // again where it had stopped (engine/resume_point.h).
  struct Resumed {
    int64_t version = 0;     // its migration
    int64_t statement = 0;   // the statement it started at, from 1
    int64_t statements = 0;  // of how many
    bool only_step = false;  // the run's only step
  };
  std::optional<Resumed> resumed;
  // --mark-version recorded `to` (nothing was applied).
  bool marked = false;
  // --expand stopped before this step (engine/rolling_plan.h).
  struct HeldBack {
    int64_t version = 0;
    std::string phase;   // "contract", "unspecified"
    std::string reason;  // why it was not applied
  };
  std::optional<HeldBack> held_back;
  // Issue 27: what a downgrade gave back from the archives ("unit: 2,000
  // rows"); "" for nothing.
  std::string restored;
  // Each step this run applied or tried, in order, with how long it took
  // (a failed step's time is until it failed).
  struct StepTime {
    int64_t from = 0;    // the version it starts from
    int64_t to = 0;      // the version it leads to
    int64_t micros = 0;  // how long it ran
    bool ok = false;     // it took effect and was recorded
  };
  std::vector<StepTime> steps;
  // Issue 29: the module's drift as the run found it before its first step
  // (engine/drift/drift_gate.h); not known (and `not_known` empty) when
  // the run did not check it. --accept-drift: what it accepted
  // (`accepted_drift`, then the Result says so).
  DriftInfo drift;
  std::optional<int64_t> accepted_drift;

  // The Result column: "No changes", "9 -> 10", "9 -> 10 (resumed at
  // statement 3 of 4)", "marked 10 (was 9), nothing applied", or the error
  // as above.
  std::string ResultText(bool verbose) const {
    if (!ok) return database_error && !verbose ? kUnknownDbError : error;
    if (accepted_drift) {  // issue 29
      return *accepted_drift == 0
                 ? std::string("no drift to accept")
                 : "accepted " + std::to_string(*accepted_drift) +
                       (*accepted_drift == 1 ? " difference" : " differences") +
                       (to ? " at version " + std::to_string(*to) : "") +
                       ", nothing applied";
    }
    if (marked && to) {
      return "marked " + std::to_string(*to) +
             (from ? " (was " + std::to_string(*from) + ")" : "") +
             ", nothing applied";
    }
    std::string held;
    if (held_back) {
      held = " (stopped before " + std::to_string(held_back->version) + ": " +
             held_back->reason + ")";
    }
    if (!from || !to || *from == *to) return "No changes" + held;
    std::string text = std::to_string(*from) + " -> " + std::to_string(*to);
    if (resumed) {
      text += resumed->only_step
                  ? " (resumed "
                  : " (migration " + std::to_string(resumed->version) +
                        " resumed ";
      // Past its last statement: all had taken effect, only the record had
      // not.
      text += resumed->statement > resumed->statements
                  ? "after its last statement)"
                  : "at statement " + std::to_string(resumed->statement) +
                        " of " + std::to_string(resumed->statements) + ")";
    }
    if (!restored.empty()) text += " (restored " + restored + ")";  // 27
    return text + held;
  }
};

}  // namespace aos::report

#endif  // AOS_CORE_REPORT_MODULE_RESULT_H_
