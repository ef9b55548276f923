#include "core/backend/postgresql_database.h"

#include <fcntl.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <mutex>
#include <string>

#include "Poco/Data/PostgreSQL/Connector.h"
#include "Poco/Data/PostgreSQL/SessionImpl.h"
#include "Poco/Data/Session.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/backend/database_error.h"
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
      std::string code = state ? state : "";
      std::string message = absl::StrCat(
          "(", state ? state : "?", ") ",
          Trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn)));
      ErrorCategory category = PQstatus(conn) == CONNECTION_BAD
                                   ? ErrorCategory::kConnectionLost
                                   : PostgresqlCategory(code);
      out = MakeDatabaseError({"postgresql", code, category}, message);
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

  absl::Status ErrorFrom(const std::string& poco_text) const override {
    // Poco: "PostgreSQL: [PostgreSQL]: [Comment]: ... [PostgreSQL error]:
    // ERROR:  relation "x" does not exist ... State: 42P01" -- keep the
    // server's words, with its SQLSTATE in front as ExecuteText does.
    std::string code;
    const std::string state_marker = " State: ";
    size_t state = poco_text.find(state_marker);
    if (state != std::string::npos) {
      code = poco_text.substr(state + state_marker.size(), 5);
      if (code.size() != 5 || code.find_first_of(" \n") != std::string::npos) {
        code.clear();
      }
    }
    std::string message = poco_text;
    const std::string marker = "ERROR:  ";
    if (size_t at = poco_text.find(marker); at != std::string::npos) {
      message = poco_text.substr(at + marker.size());
      message = Trimmed(message.substr(0, message.find_first_of("\n[")).c_str());
      if (!code.empty()) message = absl::StrCat("(", code, ") ", message);
    }
    return MakeDatabaseError({"postgresql", code, PostgresqlCategory(code)},
                             message);
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

namespace {

// A libpq password file for one connection, in a private directory of its
// own, removed when this goes (the connection has read it by then). Poco's
// connector splits the connection string at every space before libpq sees
// it, so a password holding a space cannot travel in it, quoted or not.
class PasswordFile {
 public:
  // A file holding `password` for any host, port, database and user (":"
  // and "\" escaped as libpq's password file requires); path() is "" when
  // it could not be written.
  explicit PasswordFile(const std::string& password) {
    char pattern[] = "/tmp/aos-pgpass.XXXXXX";
    if (mkdtemp(pattern) == nullptr) return;
    dir_ = pattern;
    std::string line = "*:*:*:*:";
    for (char c : password) {
      if (c == ':' || c == '\\') line += '\\';
      line += c;
    }
    line += "\n";
    const std::string path = dir_ + "/pgpass";
    int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return;
    const bool written =
        write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    if (close(fd) == 0 && written) path_ = path;
  }
  ~PasswordFile() {
    if (dir_.empty()) return;
    unlink((dir_ + "/pgpass").c_str());
    rmdir(dir_.c_str());
  }
  PasswordFile(const PasswordFile&) = delete;
  PasswordFile& operator=(const PasswordFile&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string dir_;
  std::string path_;
};

}  // namespace

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
  for (const auto& [what, value] :
       {std::pair<const char*, const std::string*>{"host", &host},
        {"user", &url.user},
        {"database name", &url.database}}) {
    if (absl::StrContains(*value, ' ')) {
      return absl::InvalidArgumentError(absl::StrCat(
          "a PostgreSQL ", what,
          " with a space cannot be used: the PostgreSQL connector splits "
          "its connection string at spaces"));
    }
  }
  if (!url.user.empty()) absl::StrAppend(&conninfo, " user=", QuoteLibpqValue(url.user));
  std::unique_ptr<PasswordFile> password_file;
  if (url.has_password && absl::StrContains(url.password, ' ')) {
    password_file = std::make_unique<PasswordFile>(url.password);
    if (password_file->path().empty()) {
      return absl::UnavailableError(
          "cannot write a private password file under /tmp for a PostgreSQL "
          "password holding a space");
    }
    absl::StrAppend(&conninfo, " passfile=", password_file->path());
  } else if (url.has_password) {
    absl::StrAppend(&conninfo, " password=", QuoteLibpqValue(url.password));
  }
  // A failed connect: ask libpq directly for its message (Poco's wraps it).
  PGconn* probe = nullptr;
  try {
    auto session = std::make_unique<Poco::Data::Session>(
        Poco::Data::PostgreSQL::Connector::KEY, conninfo,
        static_cast<std::size_t>(options.connect_timeout_seconds));
    auto db = std::make_unique<PostgresqlDatabase>(std::move(session));
    // No NOTICE ("relation ... already exists, skipping") on stderr at
    // every controller start: warnings and errors only.
    if (absl::Status st = db->ExecuteAll(
            {{absl::StrCat("SET lock_timeout = '",
                           std::max(1, options.lock_wait_timeout_seconds),
                           "s'"),
              {}},
             {"SET client_min_messages = warning", {}}});
        !st.ok()) {
      return st;
    }
    return std::unique_ptr<Database>(std::move(db));
  } catch (const Poco::Exception& e) {
    probe = PQconnectdb(conninfo.c_str());
    std::string message = PQstatus(probe) == CONNECTION_BAD
                              ? Trimmed(PQerrorMessage(probe))
                              : e.displayText();
    // libpq names the password file, a temporary one of ours: say where
    // the password really came from.
    if (size_t at = message.find("\npassword retrieved from file");
        at != std::string::npos && password_file != nullptr) {
      message = absl::StrCat(message.substr(0, at),
                             " (the password of the connection URL)");
    }
    PQfinish(probe);
    ErrorCategory category = absl::StrContains(message, "authentication")
                                 ? ErrorCategory::kAccessDenied
                                 : ErrorCategory::kCannotConnect;
    return MakeDatabaseError({"postgresql", "", category}, message);
  }
}

}  // namespace aos::backend
