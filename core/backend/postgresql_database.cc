#include "core/backend/postgresql_database.h"

#include <libpq-fe.h>

#include <mutex>
#include <string>

#include "Poco/Data/PostgreSQL/Connector.h"
#include "Poco/Data/PostgreSQL/SessionImpl.h"
#include "Poco/Data/Session.h"
#include "absl/strings/str_cat.h"
#include "core/backend/poco_database.h"

namespace aos::backend {
namespace {

PGconn* Handle(Poco::Data::Session& session) {
  return static_cast<Poco::Data::PostgreSQL::SessionImpl*>(session.impl())
      ->handle();
}

std::string Trimmed(const char* text) {
  std::string s = text ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  if (s.rfind("ERROR:  ", 0) == 0) s = s.substr(8);
  return s;
}

class PostgresqlDatabase : public PocoDatabase {
 public:
  using PocoDatabase::PocoDatabase;

  absl::string_view dialect() const override { return "postgresql"; }
  bool transactional_ddl() const override { return true; }

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

  absl::Status ExecuteText(absl::string_view sql) override {
    PGconn* conn = Handle(session());
    std::string text(sql);
    PGresult* result = PQexec(conn, text.c_str());
    ExecStatusType status = PQresultStatus(result);
    absl::Status out = absl::OkStatus();
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK &&
        status != PGRES_EMPTY_QUERY) {
      const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
      std::string message = absl::StrCat(
          "(", state ? state : "?", ") ",
          Trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn)));
      out = PQstatus(conn) == CONNECTION_BAD ? ConnectionError(message)
                                             : DatabaseError(message);
    }
    PQclear(result);
    return out;
  }

 protected:
  // Poco's PostgreSQL connector passes the text to libpq as is: '?' must
  // become $1, $2, ... (outside quoted strings and identifiers).
  std::string Placeholders(absl::string_view sql) const override {
    std::string out;
    int n = 0;
    char quote = 0;
    for (char c : sql) {
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '?') {
        absl::StrAppend(&out, "$", ++n);
        continue;
      }
      out += c;
    }
    return out;
  }

  std::string ReadableError(const std::string& poco_text) const override {
    // Poco: "PostgreSQL: [PostgreSQL]: [Comment]: ... [PostgreSQL error]:
    // ERROR:  relation "x" does not exist ..." -- keep the server's words.
    const std::string marker = "ERROR:  ";
    size_t at = poco_text.find(marker);
    if (at == std::string::npos) return poco_text;
    std::string message = poco_text.substr(at + marker.size());
    size_t end = message.find_first_of("\n[");
    message = Trimmed(message.substr(0, end).c_str());
    // Poco appends " State: <SQLSTATE>"; keep it in front, "(23505) ...", as
    // ExecuteText and the MySQL backend do: callers (the lease lock's retry
    // on a duplicate key or a serialization failure) go by that code.
    const std::string state_marker = " State: ";
    size_t state = poco_text.find(state_marker);
    if (state != std::string::npos) {
      std::string code = poco_text.substr(state + state_marker.size(), 5);
      if (code.size() == 5 && code.find_first_of(" \n") == std::string::npos) {
        message = absl::StrCat("(", code, ") ", message);
      }
    }
    return message;
  }
};

}  // namespace

std::string QuoteLibpqValue(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

absl::StatusOr<std::unique_ptr<Database>> OpenPostgresqlDatabase(
    const config::ConnectionUrl& url, const SessionOptions& options) {
  static std::once_flag registered;
  std::call_once(registered,
                 [] { Poco::Data::PostgreSQL::Connector::registerConnector(); });
  std::string host = url.host;
  if (auto it = url.query.find("host"); it != url.query.end()) host = it->second;
  if (auto it = url.query.find("unix_socket"); it != url.query.end()) {
    host = it->second;
  }
  std::string conninfo = absl::StrCat(
      "host=", QuoteLibpqValue(host), " port=", url.port.value_or(5432),
      " dbname=", QuoteLibpqValue(url.database),
      " connect_timeout=", std::max(1, options.connect_timeout_seconds));
  if (!url.user.empty()) absl::StrAppend(&conninfo, " user=", QuoteLibpqValue(url.user));
  if (url.has_password) {
    absl::StrAppend(&conninfo, " password=", QuoteLibpqValue(url.password));
  }
  // A failed connect: ask libpq directly for its message (Poco's wraps it).
  PGconn* probe = nullptr;
  try {
    auto session = std::make_unique<Poco::Data::Session>(
        Poco::Data::PostgreSQL::Connector::KEY, conninfo,
        static_cast<std::size_t>(options.connect_timeout_seconds));
    auto db = std::make_unique<PostgresqlDatabase>(std::move(session));
    if (absl::Status st = db->Execute(
            absl::StrCat("SET lock_timeout = '",
                         std::max(1, options.lock_wait_timeout_seconds), "s'"),
            {});
        !st.ok()) {
      return st;
    }
    return std::unique_ptr<Database>(std::move(db));
  } catch (const Poco::Exception& e) {
    probe = PQconnectdb(conninfo.c_str());
    std::string message = PQstatus(probe) == CONNECTION_BAD
                              ? Trimmed(PQerrorMessage(probe))
                              : e.displayText();
    PQfinish(probe);
    return ConnectionError(message);
  }
}

}  // namespace aos::backend
