#include "tools/testing/mariadb_client.h"

#include <mysql/mysql.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace aos::testing {
namespace {

MYSQL* Connect(const std::string& socket, const std::string& database) {
  MYSQL* m = mysql_init(nullptr);
  unsigned int timeout = 2;
  mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  if (!mysql_real_connect(m, nullptr, "root", nullptr,
                          database.empty() ? nullptr : database.c_str(), 0, socket.c_str(),
                          CLIENT_MULTI_STATEMENTS)) {
    mysql_close(m);
    return nullptr;
  }
  return m;
}

absl::Status StatementError(MYSQL* m, const std::string& sql) {
  return absl::AbortedError(absl::StrCat("(", mysql_errno(m), ") ", mysql_error(m), " in: ", sql));
}

// Every result set of the statements just sent, appended to `rows`.
absl::Status ReadResults(MYSQL* m, const std::string& sql, std::vector<std::string>& rows) {
  do {
    MYSQL_RES* res = mysql_store_result(m);
    if (res == nullptr) continue;
    unsigned int n = mysql_num_fields(res);
    while (MYSQL_ROW row = mysql_fetch_row(res)) {
      std::vector<std::string> cells;
      for (unsigned int i = 0; i < n; ++i) {
        cells.push_back(row[i] ? row[i] : "NULL");
      }
      rows.push_back(absl::StrJoin(cells, "\t"));
    }
    mysql_free_result(res);
  } while (mysql_next_result(m) == 0);
  if (mysql_errno(m) != 0) return StatementError(m, sql);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<std::string>> QueryOverSocket(const std::string& socket,
                                                         const std::string& server,
                                                         const std::string& sql,
                                                         const std::string& database,
                                                         const std::string& prelude) {
  MYSQL* m = Connect(socket, database);
  if (m == nullptr) {
    return absl::UnavailableError(absl::StrCat("cannot connect to ", server));
  }
  std::vector<std::string> rows;
  absl::Status result = absl::OkStatus();
  if (!prelude.empty() && mysql_real_query(m, prelude.data(), prelude.size()) != 0) {
    result = StatementError(m, prelude);
  } else if (mysql_real_query(m, sql.data(), sql.size()) != 0) {
    result = StatementError(m, sql);
  } else {
    result = ReadResults(m, sql, rows);
  }
  mysql_close(m);
  if (!result.ok()) return result;
  return rows;
}

}  // namespace aos::testing
