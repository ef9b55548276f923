#include "core/engine/module_failure.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "core/backend/database.h"
#include "core/backend/database_error.h"
#include "core/config/connection_url.h"

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

std::string Redact(std::string text) {
  return config::RedactConninfo(config::RedactUrls(text));
}

void SetFailure(report::ModuleResult* result, absl::string_view phase,
                const absl::Status& status) {
  result->ok = false;
  result->database_error = IsMasked(status);
  result->error_category = ErrorCategoryName(status);
  result->error = Redact(absl::StrCat(phase, status.message()));
}

}  // namespace aos::engine
