#include "core/backend/sqlite_database.h"

#include <sqlite3.h>

#include <mutex>
#include <string>

#include "Poco/Data/SQLite/Connector.h"
#include "Poco/Data/SQLite/Utility.h"
#include "Poco/Data/Session.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/backend/database_error.h"
#include "core/backend/poco_database.h"

namespace aos::backend {
namespace {

// SQLite's codes are coarse: a parse error is the generic SQLITE_ERROR,
// told apart only by its message.
absl::Status SqliteError(int code, const std::string& message) {
  ErrorCategory category = SqliteCategory(code);
  if (code == SQLITE_ERROR && absl::StrContains(message, "syntax error")) {
    category = ErrorCategory::kSyntax;
  }
  return MakeDatabaseError({"sqlite", absl::StrCat(code), category},
                           absl::StrCat("(", code, ") ", message));
}

class SqliteDatabase : public PocoDatabase {
 public:
  using PocoDatabase::PocoDatabase;

  absl::string_view dialect() const override { return "sqlite"; }
  bool transactional_ddl() const override { return true; }

  absl::StatusOr<std::vector<std::string>> ListTables() override {
    absl::StatusOr<std::vector<Row>> rows = Query(
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name",
        {});
    if (!rows.ok()) return rows.status();
    std::vector<std::string> names;
    for (const Row& r : *rows) names.push_back(r[0].value_or(""));
    return names;
  }

  absl::Status ExecuteText(absl::string_view sql) override {
    sqlite3* db = Poco::Data::SQLite::Utility::dbHandle(session());
    std::string text(sql);
    char* error = nullptr;
    if (sqlite3_exec(db, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : sqlite3_errmsg(db);
      sqlite3_free(error);
      return SqliteError(sqlite3_extended_errcode(db), message);
    }
    return absl::OkStatus();
  }

 protected:
  absl::Status ErrorFrom(const std::string& poco_text) const override {
    sqlite3* db =
        Poco::Data::SQLite::Utility::dbHandle(const_cast<SqliteDatabase*>(this)->session());
    int code = sqlite3_extended_errcode(db);
    if (code != SQLITE_OK) return SqliteError(code, sqlite3_errmsg(db));
    return MakeDatabaseError({"sqlite", "", ErrorCategory::kOther}, poco_text);
  }
};

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> OpenSqliteDatabase(
    const config::ConnectionUrl& url, const SessionOptions& options) {
  static std::once_flag registered;
  std::call_once(registered,
                 [] { Poco::Data::SQLite::Connector::registerConnector(); });
  std::string path = url.database.empty() ? ":memory:" : url.database;
  try {
    auto session = std::make_unique<Poco::Data::Session>(
        Poco::Data::SQLite::Connector::KEY, path);
    auto db = std::make_unique<SqliteDatabase>(std::move(session));
    for (const std::string& pragma :
         {std::string("PRAGMA foreign_keys = ON"),
          absl::StrCat("PRAGMA busy_timeout = ",
                       1000 * std::max(1, options.lock_wait_timeout_seconds))}) {
      if (absl::Status st = db->ExecuteText(pragma); !st.ok()) return st;
    }
    return std::unique_ptr<Database>(std::move(db));
  } catch (const Poco::Exception& e) {
    return MakeDatabaseError(
        {"sqlite", "", ErrorCategory::kCannotConnect},
        absl::StrCat("cannot open SQLite database ", path, ": ",
                     e.displayText()));
  }
}

}  // namespace aos::backend
