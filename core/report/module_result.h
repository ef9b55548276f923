// module_result.h: the outcome of one module's run: one row of the report.
#ifndef AOS_CORE_REPORT_MODULE_RESULT_H_
#define AOS_CORE_REPORT_MODULE_RESULT_H_

#include <cstdint>
#include <optional>
#include <string>

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

  // The Result column: "No changes", "9 -> 10", or the error as above.
  std::string ResultText(bool verbose) const {
    if (!ok) return database_error && !verbose ? kUnknownDbError : error;
    if (!from || !to || *from == *to) return "No changes";
    return std::to_string(*from) + " -> " + std::to_string(*to);
  }
};

}  // namespace aos::report

#endif  // AOS_CORE_REPORT_MODULE_RESULT_H_
