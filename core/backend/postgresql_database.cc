#include "core/backend/postgresql_database.h"

#include <libpq-fe.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/backend/database_error.h"
#include "core/backend/postgresql_error.h"
#include "core/backend/sql_placeholders.h"

namespace aos::backend {
namespace {

// Frees a PGresult when it goes.
struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

bool Succeeded(const PGresult* r) {
  const ExecStatusType s = PQresultStatus(r);
  return r != nullptr && (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY);
}

// The rows of a result, values as the server sends them in text, with one
// exception: a boolean reads "true" or "false" (not "t", "f"), as it did
// through Poco Data, which code steps may compare against.
std::vector<Row> RowsOf(const PGresult* r) {
  constexpr Oid kBoolOid = 16;  // pg_type.oid of boolean
  const int columns = PQnfields(r);
  const int count = PQntuples(r);
  std::vector<Row> rows;
  rows.reserve(count);
  for (int i = 0; i < count; ++i) {
    Row row;
    row.reserve(columns);
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(r, i, c)) {
        row.push_back(std::nullopt);
      } else if (PQftype(r, c) == kBoolOid) {
        row.emplace_back(PQgetvalue(r, i, c)[0] == 't' ? "true" : "false");
      } else {
        row.emplace_back(std::string(PQgetvalue(r, i, c), PQgetlength(r, i, c)));
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

class PostgresqlDatabase : public Database {
 public:
  explicit PostgresqlDatabase(PGconn* conn) : conn_(conn), cancel_(PQgetCancel(conn)) {}
  ~PostgresqlDatabase() override {
    if (cancel_ != nullptr) PQfreeCancel(cancel_);
    PQfinish(conn_);
  }

  absl::string_view dialect() const override { return "postgresql"; }
  bool transactional_ddl() const override { return true; }

  absl::Status Execute(absl::string_view sql, const std::vector<SqlValue>& params) override {
    if (params.empty()) {  // as it is: several statements may be there
      Result r(PQexec(conn_, std::string(sql).c_str()));
      return Succeeded(r.get()) ? absl::OkStatus() : PostgresqlResultError(conn_, r.get());
    }
    return Run(sql, params).status();
  }

  absl::StatusOr<std::vector<Row>> Query(absl::string_view sql,
                                         const std::vector<SqlValue>& params) override {
    absl::StatusOr<Result> r = Run(sql, params);
    if (!r.ok()) return r.status();
    return RowsOf(r->get());
  }

  absl::StatusOr<bool> TableExists(absl::string_view table) override {
    absl::StatusOr<std::vector<Row>> rows = Query(
        "SELECT 1 FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_name = ?",
        {std::string(table)});
    if (!rows.ok()) return rows.status();
    return !rows->empty();
  }

  absl::StatusOr<std::vector<std::string>> ListTables() override {
    absl::StatusOr<std::vector<Row>> rows = Query(
        "SELECT table_name::text FROM information_schema.tables "
        "WHERE table_schema = current_schema() ORDER BY table_name",
        {});
    if (!rows.ok()) return rows.status();
    std::vector<std::string> names;
    for (const Row& r : *rows) names.push_back(r[0].value_or(""));
    return names;
  }

  std::optional<int64_t> ServerSessionId() const override {
    const int pid = PQbackendPID(conn_);
    if (pid == 0) return std::nullopt;
    return pid;
  }

  absl::Status CancelRunning() override {
    char why[256] = "";
    if (cancel_ != nullptr && PQcancel(cancel_, why, sizeof(why)) == 1) {
      return absl::OkStatus();
    }
    return MakeDatabaseError({"postgresql", "", ErrorCategory::kCannotConnect},
                             absl::StrCat("cannot cancel the running statement: ",
                                          cancel_ != nullptr ? why : "no cancel handle"));
  }

 private:
  // One statement through PQexecParams: its '?' numbered, the values sent
  // apart as text with their types left to the server.
  absl::StatusOr<Result> Run(absl::string_view sql, const std::vector<SqlValue>& params) {
    std::string text(sql);
    if (!params.empty()) {
      absl::StatusOr<std::string> numbered = NumberPlaceholders(sql, params.size());
      if (!numbered.ok()) return numbered.status();
      text = *std::move(numbered);
    }
    std::vector<std::string> values;
    values.reserve(params.size());
    for (const SqlValue& v : params) {
      const int64_t* i = std::get_if<int64_t>(&v);
      values.push_back(i != nullptr ? absl::StrCat(*i) : std::get<std::string>(v));
    }
    std::vector<const char*> pointers;
    for (const std::string& v : values) pointers.push_back(v.c_str());
    Result r(PQexecParams(conn_, text.c_str(), static_cast<int>(values.size()), nullptr,
                          pointers.data(), nullptr, nullptr, 0));
    if (!Succeeded(r.get())) return PostgresqlResultError(conn_, r.get());
    return r;
  }

  PGconn* conn_;
  // What PQcancel needs, made once: PQcancel is safe from another thread.
  PGcancel* cancel_;
};

absl::Status CheckNoNul(absl::string_view what, const std::string& value) {
  if (value.find('\0') == std::string::npos) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("the PostgreSQL ", what, " contains a NUL byte; change it"));
}

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> OpenPostgresqlDatabase(const config::ConnectionUrl& url,
                                                                 const SessionOptions& options) {
  std::string host = url.host;
  if (auto it = url.query.find("host"); it != url.query.end()) host = it->second;
  if (auto it = url.query.find("unix_socket"); it != url.query.end()) {
    host = it->second;
  }
  const std::string port = absl::StrCat(url.port.value_or(5432));
  const std::string timeout = absl::StrCat(std::max(1, options.connect_timeout_seconds));
  // An empty value is no value to libpq (its default applies).
  std::vector<std::pair<const char*, const std::string*>> settings = {
      {"host", &host},
      {"port", &port},
      {"dbname", &url.database},
      {"user", &url.user},
      {"connect_timeout", &timeout}};
  if (url.has_password) settings.push_back({"password", &url.password});
  std::vector<const char*> keywords, values;
  for (const auto& [keyword, value] : settings) {
    if (absl::Status st = CheckNoNul(keyword, *value); !st.ok()) return st;
    keywords.push_back(keyword);
    values.push_back(value->c_str());
  }
  keywords.push_back(nullptr);
  values.push_back(nullptr);
  // expand_dbname 0: the database name is a name, never a connection string.
  PGconn* conn = PQconnectdbParams(keywords.data(), values.data(), 0);
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    absl::Status st = PostgresqlConnectError(conn);
    PQfinish(conn);
    return st;
  }
  auto db = std::make_unique<PostgresqlDatabase>(conn);
  // No NOTICE ("relation ... already exists, skipping") on stderr at every
  // controller start: warnings and errors only.
  if (absl::Status st = db->Execute(
          absl::StrCat("SET lock_timeout = '", std::max(1, options.lock_wait_timeout_seconds),
                       "s'; SET client_min_messages = warning"),
          {});
      !st.ok()) {
    return st;
  }
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace aos::backend
