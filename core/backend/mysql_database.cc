#include "core/backend/mysql_database.h"

#include <mysql/mysql.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <string>
#include <utility>

#include "Poco/Data/DataException.h"
#include "Poco/Data/MySQL/Connector.h"
#include "Poco/Data/MySQL/MySQLException.h"
#include "Poco/Data/MySQL/SessionImpl.h"
#include "Poco/Data/Session.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/backend/poco_database.h"
#include "re2/re2.h"

namespace aos::backend {
namespace {

// Poco wraps the server's words in its own ("MySQL: [MySQL]: [Comment]:
// mysql_stmt_prepare error [mysql_stmt_error]: ... [mysql_stmt_errno]: 1064
// [statemnt]: ..."): keep "(code) message", which is what an operator reads.
std::string ReadableMysqlError(const std::string& poco_text) {
  static const re2::LazyRE2 kPattern = {
      R"(\[mysql_(?:stmt_)?error\]:\s*(.*?)\s*\[mysql_(?:stmt_)?errno\]:\s*(\d+))"};
  std::string message, code;
  if (RE2::PartialMatch(poco_text, *kPattern, &message, &code)) {
    return absl::StrCat("(", code, ") ", message);
  }
  return poco_text;
}

// A value Poco's "key=value;" connection string cannot carry exactly.
absl::Status CheckCarriable(absl::string_view what, absl::string_view value) {
  if (value.find(';') != absl::string_view::npos ||
      value != absl::StripAsciiWhitespace(value) ||
      value.find('\0') != absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the MySQL ", what,
        " contains ';', a NUL, or leading/trailing blanks, which the MySQL "
        "driver cannot pass on exactly; change it"));
  }
  return absl::OkStatus();
}

// Poco reports a failed connect without the client's error code. On that
// (rare) path, one direct libmariadb attempt with the same parameters
// recovers "(2003) Can't connect ..." / "(1045) Access denied ...".
std::string DiagnoseConnectFailure(const config::ConnectionUrl& url,
                                   const std::string& host,
                                   int timeout_seconds,
                                   const std::string& poco_text) {
  MYSQL* handle = mysql_init(nullptr);
  if (handle == nullptr) return poco_text;
  unsigned int timeout = timeout_seconds;
  mysql_options(handle, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  std::string result = poco_text;
  if (mysql_real_connect(handle, host.c_str(), url.user.c_str(),
                         url.password.c_str(), url.database.c_str(),
                         url.port.value_or(3306), nullptr, 0) == nullptr) {
    result = absl::StrCat("(", mysql_errno(handle), ") ", mysql_error(handle));
  }
  mysql_close(handle);
  return result;
}

class MysqlDatabase : public PocoDatabase {
 public:
  using PocoDatabase::PocoDatabase;

  absl::string_view dialect() const override { return "mysql"; }
  bool transactional_ddl() const override { return false; }

  absl::StatusOr<std::vector<std::string>> ListTables() override {
    absl::StatusOr<std::vector<Row>> rows = Query(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = DATABASE() ORDER BY table_name",
        {});
    if (!rows.ok()) return rows.status();
    std::vector<std::string> names;
    for (const Row& r : *rows) names.push_back(r[0].value_or(""));
    return names;
  }

 protected:
  // Migration statements go through the text protocol: one round trip, and
  // every statement the server accepts (some cannot be prepared).
  absl::Status ExecuteText(absl::string_view sql) override {
    MYSQL* handle = static_cast<Poco::Data::MySQL::SessionImpl*>(
                        session().impl())->handle();
    if (mysql_real_query(handle, sql.data(), sql.size()) != 0) {
      return MysqlError(handle);
    }
    // Drain every result the statement produced.
    do {
      if (MYSQL_RES* result = mysql_store_result(handle)) {
        mysql_free_result(result);
      } else if (mysql_field_count(handle) != 0) {
        return MysqlError(handle);
      }
    } while (mysql_next_result(handle) == 0);
    if (mysql_errno(handle) != 0) return MysqlError(handle);
    return absl::OkStatus();
  }

  static absl::Status MysqlError(MYSQL* handle) {
    unsigned int code = mysql_errno(handle);
    std::string message = absl::StrCat("(", code, ") ", mysql_error(handle));
    // 2006 server gone away, 2013 lost connection: the connection is dead.
    if (code == 2006 || code == 2013) return ConnectionError(message);
    return DatabaseError(message);
  }

  std::string ReadableError(const std::string& poco_text) const override {
    return ReadableMysqlError(poco_text);
  }
};

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> OpenMysqlDatabase(
    const config::ConnectionUrl& url, const SessionOptions& options) {
  for (auto [what, value] : {std::pair<const char*, const std::string&>{
                                 "user name", url.user},
                             {"password", url.password},
                             {"database name", url.database},
                             {"host", url.host}}) {
    if (absl::Status st = CheckCarriable(what, value); !st.ok()) return st;
  }
  std::string host = url.host;
  if (auto socket = url.query.find("unix_socket"); socket != url.query.end()) {
    // Poco has no socket option; libmariadb takes the socket of a
    // "localhost" connection from MYSQL_UNIX_PORT. Each module runs in its
    // own process, so this touches no one else.
    setenv("MYSQL_UNIX_PORT", socket->second.c_str(), 1);
    host = "localhost";
  }
  // After the setenv above: libmariadb reads MYSQL_UNIX_PORT once, when the
  // library is initialised (registerConnector calls mysql_library_init).
  static std::once_flag registered;
  std::call_once(registered,
                 [] { Poco::Data::MySQL::Connector::registerConnector(); });
  std::string charset = "utf8mb4";
  if (auto it = url.query.find("charset"); it != url.query.end()) {
    if (absl::Status st = CheckCarriable("charset", it->second); !st.ok()) {
      return st;
    }
    charset = it->second;
  }
  std::string connection = absl::StrCat(
      "host=", host, ";port=", url.port.value_or(3306), ";user=", url.user,
      ";password=", url.password, ";db=", url.database,
      ";character-set=", charset, ";compress=false;auto-reconnect=false");
  try {
    auto session = std::make_unique<Poco::Data::Session>(
        Poco::Data::MySQL::Connector::KEY, connection,
        static_cast<std::size_t>(options.connect_timeout_seconds));
    auto db = std::make_unique<MysqlDatabase>(std::move(session));
    if (absl::Status st = db->Execute(
            absl::StrCat("SET SESSION lock_wait_timeout = ",
                         std::max(1, options.lock_wait_timeout_seconds)),
            {});
        !st.ok()) {
      return st;
    }
    return std::unique_ptr<Database>(std::move(db));
  } catch (const Poco::Data::ConnectionFailedException& e) {
    return ConnectionError(DiagnoseConnectFailure(
        url, host, options.connect_timeout_seconds, e.displayText()));
  } catch (const Poco::Exception& e) {
    return ConnectionError(ReadableMysqlError(e.displayText()));
  }
}

}  // namespace aos::backend
