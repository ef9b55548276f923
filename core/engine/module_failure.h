// module_failure.h: the one rule for what a module's FAIL row says.
//
// A failure the operator cannot fix from the command line (a database
// error, an internal error, a version table that holds garbage) is masked
// behind the spec's "Unknown DB Error" unless --verbose; every other one is
// said plainly. Database errors carry their category (database_error.h) to
// `-f json`. No password ever leaves through these texts.
#ifndef AOS_CORE_ENGINE_MODULE_FAILURE_H_
#define AOS_CORE_ENGINE_MODULE_FAILURE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/report/module_result.h"

namespace aos::engine {

// The phase prefix of a failure to read the module's state (the spec's).
inline constexpr char kReadPhase[] = "Error while getting migrate versions: ";

// Whether the failure is hidden behind "Unknown DB Error" without -v.
bool IsMasked(const absl::Status& status);

// The failure's category name for -f json ("" when not a database error).
std::string ErrorCategoryName(const absl::Status& status);

// `text` with the password of every URL and of every libpq-style
// "password=" parameter in it replaced by ***. Redaction goes by these
// components, never by searching for the password's text: a message is
// never mangled (a password "o" must not touch "Error") and never tells
// anything about the password (not even that it equals the user name).
std::string Redact(std::string text);

// Makes `result` a FAIL: "<phase><message>", redacted, masked by the rule
// above, with its category.
void SetFailure(report::ModuleResult* result, absl::string_view phase,
                const absl::Status& status);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_MODULE_FAILURE_H_
