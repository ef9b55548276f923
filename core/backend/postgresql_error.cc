#include "core/backend/postgresql_error.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/backend/database_error.h"

namespace aos::backend {
namespace {

// libpq's message without "ERROR:  " in front and the line ends after it;
// its further lines (DETAIL, HINT, LINE n) are kept.
std::string Trimmed(const char* text) {
  std::string s = text ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  if (absl::StartsWith(s, "ERROR:  ")) s = s.substr(8);
  return s;
}

}  // namespace

absl::Status PostgresqlResultError(PGconn* conn, const PGresult* result) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string code = state != nullptr ? state : "";
  std::string words = result != nullptr ? Trimmed(PQresultErrorMessage(result)) : "";
  if (words.empty()) words = Trimmed(PQerrorMessage(conn));
  const ErrorCategory category =
      PQstatus(conn) == CONNECTION_BAD ? ErrorCategory::kConnectionLost : PostgresqlCategory(code);
  return MakeDatabaseError({"postgresql", code, category},
                           absl::StrCat("(", code.empty() ? "?" : code, ") ", words));
}

absl::Status PostgresqlConnectError(PGconn* conn) {
  if (conn == nullptr) {
    return MakeDatabaseError({"postgresql", "", ErrorCategory::kCannotConnect},
                             "cannot initialise the PostgreSQL client (out of memory)");
  }
  const std::string message = Trimmed(PQerrorMessage(conn));
  const bool denied =
      PQconnectionNeedsPassword(conn) || absl::StrContains(message, "authentication");
  return MakeDatabaseError(
      {"postgresql", "", denied ? ErrorCategory::kAccessDenied : ErrorCategory::kCannotConnect},
      message);
}

}  // namespace aos::backend
