#include "core/backend/mysql_database.h"

#include <mysql/mysql.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/backend/database_error.h"
#include "core/backend/sql_placeholders.h"

namespace aos::backend {
namespace {

absl::Status MysqlError(MYSQL* handle) {
  unsigned int code = mysql_errno(handle);
  return MakeDatabaseError({"mysql", absl::StrCat(code), MysqlCategory(code)},
                           absl::StrCat("(", code, ") ", mysql_error(handle)));
}

// A failed connect: access denied, or no connection could be made.
absl::Status ConnectFailure(MYSQL* handle) {
  unsigned int code = mysql_errno(handle);
  ErrorCategory category = MysqlCategory(code);
  if (category != ErrorCategory::kAccessDenied) {
    category = ErrorCategory::kCannotConnect;
  }
  return MakeDatabaseError({"mysql", absl::StrCat(code), category},
                           absl::StrCat("(", code, ") ", mysql_error(handle)));
}

class MysqlDatabase : public Database {
 public:
  MysqlDatabase(MYSQL* handle, const SessionOptions& options)
      : handle_(handle),
        lock_wait_timeout_seconds_(options.lock_wait_timeout_seconds),
        multi_(options.multi_statements) {}
  ~MysqlDatabase() override { mysql_close(handle_); }

  absl::string_view dialect() const override { return "mysql"; }
  bool transactional_ddl() const override { return false; }

  absl::Status Execute(absl::string_view sql,
                       const std::vector<SqlValue>& params) override {
    absl::StatusOr<std::string> text = Bind(sql, params);
    if (!text.ok()) return text.status();
    return Run(*text);
  }

  absl::Status ExecuteAll(
      const std::vector<BoundStatement>& statements) override {
    if (statements.empty()) return absl::OkStatus();
    if (!multi_) {  // one round trip a statement, stopping at a failure
      for (const BoundStatement& s : statements) {
        if (absl::Status st = Execute(s.sql, s.params); !st.ok()) return st;
      }
      return absl::OkStatus();
    }
    absl::StatusOr<std::string> text = BindAll(statements);
    if (!text.ok()) return text.status();
    return Run(*text);
  }

  absl::StatusOr<std::vector<Row>> Query(
      absl::string_view sql, const std::vector<SqlValue>& params) override {
    absl::StatusOr<std::vector<std::vector<Row>>> all =
        QueryAll({{std::string(sql), params}});
    if (!all.ok()) return all.status();
    return std::move(all->front());
  }

  absl::StatusOr<std::vector<std::vector<Row>>> QueryAll(
      const std::vector<BoundStatement>& queries) override {
    if (!multi_ && queries.size() > 1) {
      std::vector<std::vector<Row>> results;
      for (const BoundStatement& q : queries) {
        absl::StatusOr<std::vector<std::vector<Row>>> one = QueryAll({q});
        if (!one.ok()) return one.status();
        results.push_back(std::move(one->front()));
      }
      return results;
    }
    absl::StatusOr<std::string> text = BindAll(queries);
    if (!text.ok()) return text.status();
    const bool with_setup = !setup_done_ && multi_;
    if (absl::Status st = Send(*text); !st.ok()) return st;
    if (with_setup && mysql_next_result(handle_) != 0) {  // past the SET
      return MysqlError(handle_);
    }
    std::vector<std::vector<Row>> results;
    for (size_t i = 0; i < queries.size(); ++i) {
      if (i > 0 && mysql_next_result(handle_) != 0) return MysqlError(handle_);
      absl::StatusOr<std::vector<Row>> rows = StoreRows();
      if (!rows.ok()) {
        (void)DrainResults();  // keep the connection usable
        return rows.status();
      }
      results.push_back(*std::move(rows));
    }
    if (absl::Status st = DrainResults(); !st.ok()) return st;
    return results;
  }

  // QueryDescribed (mysql_database.h).
  absl::StatusOr<DescribedRows> Described(const std::string& sql) {
    if (absl::Status st = Send(sql); !st.ok()) return st;
    DescribedRows out;
    MYSQL_RES* result = mysql_store_result(handle_);
    if (result == nullptr && mysql_field_count(handle_) != 0) {
      return MysqlError(handle_);
    }
    if (result != nullptr) {
      const unsigned int n = mysql_num_fields(result);
      const MYSQL_FIELD* fields = mysql_fetch_fields(result);
      for (unsigned int c = 0; c < n; ++c) {
        out.columns.push_back({static_cast<int>(fields[c].type),
                               fields[c].decimals, fields[c].charsetnr,
                               (fields[c].flags & UNSIGNED_FLAG) != 0});
      }
      out.rows = RowsOf(result);
      mysql_free_result(result);
    }
    if (absl::Status st = DrainResults(); !st.ok()) return st;
    const unsigned int status = handle_->server_status;  // after the query
    out.in_transaction = (status & SERVER_STATUS_IN_TRANS) != 0;
    out.autocommit = (status & SERVER_STATUS_AUTOCOMMIT) != 0;
    return out;
  }

  absl::Status ResetSession() override {
    if (mysql_reset_connection(handle_) != 0) return MysqlError(handle_);
    setup_done_ = false;  // lock_wait_timeout is set again with the next
    lock_wait_now_.reset();
    lock_wait_due_.reset();
    return absl::OkStatus();
  }

  // The setup a new session owes is this SET when it comes first (a DDL
  // statement's short wait right after a step's fresh session).
  absl::Status SetLockWaitTimeout(int seconds) override {
    lock_wait_due_.reset();
    if (setup_done_ && lock_wait_now_ == seconds) return absl::OkStatus();
    setup_done_ = true;
    lock_wait_now_.reset();
    absl::Status st =
        Run(absl::StrCat("SET SESSION lock_wait_timeout = ", seconds));
    if (st.ok()) lock_wait_now_ = seconds;
    return st;
  }

  absl::Status OweLockWaitTimeout(int seconds) override {
    lock_wait_due_ = seconds;
    return absl::OkStatus();
  }

  void ForgetLockWaitTimeout() override { lock_wait_now_.reset(); }

  absl::StatusOr<bool> TableExists(absl::string_view table) override {
    absl::StatusOr<std::vector<Row>> rows = Query(
        "SELECT 1 FROM information_schema.tables "
        "WHERE table_schema = DATABASE() AND table_name = ?",
        {std::string(table)});
    if (!rows.ok()) return rows.status();
    return !rows->empty();
  }

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

 private:
  absl::StatusOr<std::string> Bind(absl::string_view sql,
                                   const std::vector<SqlValue>& params) {
    if (params.empty()) return std::string(sql);
    return BindPlaceholders(sql, params, [this](const std::string& value) {
      std::string quoted(2 * value.size() + 3, '\0');
      quoted[0] = '\'';
      unsigned long n = mysql_real_escape_string(handle_, &quoted[1],
                                                 value.data(), value.size());
      quoted.resize(n + 1);
      quoted += '\'';
      return quoted;
    });
  }

  // The statements as one multi-statement text.
  absl::StatusOr<std::string> BindAll(
      const std::vector<BoundStatement>& statements) {
    std::string text;
    for (const BoundStatement& s : statements) {
      absl::StatusOr<std::string> one = Bind(s.sql, s.params);
      if (!one.ok()) return one.status();
      absl::StrAppend(&text, text.empty() ? "" : ";\n", *one);
    }
    return text;
  }

  // The rows of the current result (none for a statement without any).
  absl::StatusOr<std::vector<Row>> StoreRows() {
    std::vector<Row> rows;
    MYSQL_RES* result = mysql_store_result(handle_);
    if (result == nullptr) {
      if (mysql_field_count(handle_) != 0) return MysqlError(handle_);
      return rows;
    }
    rows = RowsOf(result);
    mysql_free_result(result);
    return rows;
  }

  static std::vector<Row> RowsOf(MYSQL_RES* result) {
    std::vector<Row> rows;
    const unsigned int columns = mysql_num_fields(result);
    rows.reserve(mysql_num_rows(result));
    while (MYSQL_ROW r = mysql_fetch_row(result)) {
      unsigned long* lengths = mysql_fetch_lengths(result);
      Row row;
      row.reserve(columns);
      for (unsigned int c = 0; c < columns; ++c) {
        if (r[c] == nullptr) {
          row.push_back(std::nullopt);
        } else {
          row.emplace_back(std::string(r[c], lengths[c]));
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  // Sends SQL text (one statement or several), the session's setup first
  // in the same round trip on a new connection.
  absl::Status Send(const std::string& sql) {
    if (lock_wait_due_) {  // OweLockWaitTimeout
      if (absl::Status st = SetLockWaitTimeout(*lock_wait_due_); !st.ok()) {
        return st;
      }
    }
    int failed;
    if (!setup_done_ && !multi_) {
      if (absl::Status st =
              SetLockWaitTimeout(std::max(1, lock_wait_timeout_seconds_));
          !st.ok()) {
        return st;
      }
    }
    if (!setup_done_) {
      std::string text = absl::StrCat("SET SESSION lock_wait_timeout = ",
                                      std::max(1, lock_wait_timeout_seconds_),
                                      ";\n", sql);
      failed = mysql_real_query(handle_, text.data(), text.size());
      setup_done_ = true;
      if (failed == 0) lock_wait_now_ = std::max(1, lock_wait_timeout_seconds_);
    } else {
      failed = mysql_real_query(handle_, sql.data(), sql.size());
    }
    return failed != 0 ? MysqlError(handle_) : absl::OkStatus();
  }

  // Runs SQL text and drains every result. One statement that is only
  // comments to this server (an executable comment of a newer version) has
  // nothing to run: the server calls it an empty query (1065).
  absl::Status Run(const std::string& sql) {
    if (absl::Status st = Send(sql); !st.ok()) {
      if (!multi_ && mysql_errno(handle_) == kEmptyQuery) {
        return absl::OkStatus();
      }
      return st;
    }
    if (MYSQL_RES* result = mysql_store_result(handle_)) {
      mysql_free_result(result);
    } else if (mysql_field_count(handle_) != 0) {
      return MysqlError(handle_);
    }
    return DrainResults();
  }

  // The results after the first of a multi-statement text; the first error
  // among them stops the rest, as the server does.
  absl::Status DrainResults() {
    for (;;) {
      int next = mysql_next_result(handle_);
      if (next < 0) return absl::OkStatus();  // no more results
      if (next > 0) return MysqlError(handle_);
      if (MYSQL_RES* result = mysql_store_result(handle_)) {
        mysql_free_result(result);
      } else if (mysql_field_count(handle_) != 0) {
        return MysqlError(handle_);
      }
    }
  }

  static constexpr unsigned int kEmptyQuery = 1065;  // ER_EMPTY_QUERY

  MYSQL* handle_;
  // A statement waiting on a lock fails after this long (SessionOptions).
  int lock_wait_timeout_seconds_;
  bool multi_;  // CLIENT_MULTI_STATEMENTS
  bool setup_done_ = false;
  // The session's lock_wait_timeout as this connection last set it; unset
  // when a statement may have changed it since (ForgetLockWaitTimeout).
  std::optional<int> lock_wait_now_;
  std::optional<int> lock_wait_due_;  // to set before the next statement
};

absl::Status CheckNoNul(absl::string_view what, const std::string& value) {
  if (value.find('\0') == std::string::npos) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("the MySQL ", what, " contains a NUL byte; change it"));
}

}  // namespace

absl::StatusOr<DescribedRows> QueryDescribed(Database& db,
                                             const std::string& sql) {
  auto* mysql = dynamic_cast<MysqlDatabase*>(&db);
  if (mysql == nullptr) {
    return absl::UnimplementedError("QueryDescribed is for MySQL only");
  }
  return mysql->Described(sql);
}

absl::StatusOr<std::unique_ptr<Database>> OpenMysqlDatabase(
    const config::ConnectionUrl& url, const SessionOptions& options) {
  for (auto [what, value] : {std::pair<const char*, const std::string&>{
                                 "user name", url.user},
                             {"password", url.password},
                             {"database name", url.database},
                             {"host", url.host}}) {
    if (absl::Status st = CheckNoNul(what, value); !st.ok()) return st;
  }
  // Not thread-safe by itself; mysql_init would otherwise call it.
  static std::once_flag initialised;
  std::call_once(initialised, [] { mysql_library_init(0, nullptr, nullptr); });

  std::string host = url.host;
  const char* socket = nullptr;
  if (auto it = url.query.find("unix_socket"); it != url.query.end()) {
    if (absl::Status st = CheckNoNul("unix_socket", it->second); !st.ok()) {
      return st;
    }
    socket = it->second.c_str();
    host = "localhost";  // libmariadb: "localhost" means the socket
  }
  std::string charset = "utf8mb4";
  if (auto it = url.query.find("charset"); it != url.query.end()) {
    if (absl::Status st = CheckNoNul("charset", it->second); !st.ok()) return st;
    charset = it->second;
  }
  MYSQL* handle = mysql_init(nullptr);
  if (handle == nullptr) {
    return MakeDatabaseError({"mysql", "", ErrorCategory::kCannotConnect},
                             "cannot initialise the MySQL client (out of memory)");
  }
  unsigned int timeout = std::max(1, options.connect_timeout_seconds);
  mysql_options(handle, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  mysql_options(handle, MYSQL_SET_CHARSET_NAME, charset.c_str());
  // No my.cnf: the URL says everything (as the Poco connector did).
  if (mysql_real_connect(handle, host.c_str(), url.user.c_str(),
                         url.password.c_str(), url.database.c_str(),
                         url.port.value_or(3306), socket,
                         (options.multi_statements ? CLIENT_MULTI_STATEMENTS
                                                   : 0) |
                             CLIENT_MULTI_RESULTS) ==
      nullptr) {
    absl::Status st = ConnectFailure(handle);
    mysql_close(handle);
    return st;
  }
  return std::unique_ptr<Database>(
      new MysqlDatabase(handle, options));
}

}  // namespace aos::backend
