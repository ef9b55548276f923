#include "core/engine/module_failure.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "core/backend/database.h"
#include "core/backend/database_error.h"

namespace aos::engine {

bool IsMasked(const absl::Status& status) {
  return backend::IsDatabaseError(status) ||
         status.code() == absl::StatusCode::kInternal ||
         status.code() == absl::StatusCode::kDataLoss;
}

std::string ErrorCategoryName(const absl::Status& status) {
  std::optional<backend::ErrorCategory> category = backend::CategoryOf(status);
  if (!category) return "";
  return std::string(backend::CategoryName(*category));
}

std::string Redact(std::string text, const config::ConnectionUrl& url) {
  text = config::RedactUrls(text);
  if (!url.password.empty()) {
    text = absl::StrReplaceAll(text, {{url.password, "***"}});
  }
  return text;
}

void SetFailure(report::ModuleResult* result, absl::string_view phase,
                const absl::Status& status, const config::ConnectionUrl& url) {
  result->ok = false;
  result->database_error = IsMasked(status);
  result->error_category = ErrorCategoryName(status);
  result->error = Redact(absl::StrCat(phase, status.message()), url);
}

}  // namespace aos::engine
