#include "core/sql/testing/script_session.h"

#include <mysql/mysql.h>

#include <algorithm>
#include <regex>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"

namespace aos::sql::testing {
namespace {

using Rows = std::vector<std::vector<std::string>>;

absl::Status Error(MYSQL* m, const std::string& what) {
  return absl::InternalError(absl::StrCat(what, ": (", mysql_errno(m), ") ",
                                          mysql_error(m)));
}

// The outcome of the result the session is at: "ok", "rows N" or "".
std::string TakeResult(MYSQL* m) {
  if (MYSQL_RES* r = mysql_store_result(m)) {
    std::string out = absl::StrCat("rows ", mysql_num_rows(r));
    mysql_free_result(r);
    return out;
  }
  return mysql_field_count(m) == 0 ? "ok" : "";
}

std::string Quote(const std::string& name) {
  return absl::StrCat("`", absl::StrReplaceAll(name, {{"`", "``"}}), "`");
}

// The database's name and every timestamp blanked out.
std::string Blank(std::string text, const std::string& database) {
  static const std::regex kTime(
      R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?)");
  text = std::regex_replace(text, kTime, "<time>");
  return absl::StrReplaceAll(text, {{Quote(database), "<db>"},
                                    {database, "<db>"}});
}

}  // namespace

absl::StatusOr<ScriptSession> ScriptSession::Open(const std::string& socket,
                                                  const std::string& database,
                                                  bool multi_statements) {
  MYSQL* m = mysql_init(nullptr);
  unsigned int timeout = 10;
  mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  const unsigned long flags =
      CLIENT_MULTI_RESULTS | (multi_statements ? CLIENT_MULTI_STATEMENTS : 0);
  if (mysql_real_connect(m, nullptr, "root", nullptr,
                         database.empty() ? nullptr : database.c_str(), 0,
                         socket.c_str(), flags) == nullptr) {
    absl::Status st = Error(m, "connect");
    mysql_close(m);
    return st;
  }
  return ScriptSession(m);
}

ScriptSession::ScriptSession(ScriptSession&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)) {}

ScriptSession::~ScriptSession() {
  if (handle_ != nullptr) mysql_close(handle_);
}

std::vector<std::string> ScriptSession::Send(const std::string& text) {
  std::vector<std::string> out;
  if (mysql_real_query(handle_, text.data(), text.size()) != 0) {
    out.push_back(absl::StrCat("error ", mysql_errno(handle_)));
    return out;
  }
  for (;;) {
    std::string result = TakeResult(handle_);
    if (result.empty()) {
      out.push_back(absl::StrCat("error ", mysql_errno(handle_)));
      return out;
    }
    out.push_back(result);
    const int next = mysql_next_result(handle_);
    if (next < 0) return out;
    if (next > 0) {
      out.push_back(absl::StrCat("error ", mysql_errno(handle_)));
      return out;
    }
  }
}

absl::StatusOr<std::vector<std::string>> ScriptSession::Query(
    const std::string& sql) {
  if (mysql_real_query(handle_, sql.data(), sql.size()) != 0) {
    return Error(handle_, sql);
  }
  MYSQL_RES* r = mysql_store_result(handle_);
  if (r == nullptr) return Error(handle_, sql);
  std::vector<std::string> rows;
  const unsigned int n = mysql_num_fields(r);
  while (MYSQL_ROW row = mysql_fetch_row(r)) {
    unsigned long* lengths = mysql_fetch_lengths(r);
    std::vector<std::string> cells;
    for (unsigned int i = 0; i < n; ++i) {
      cells.push_back(row[i] == nullptr ? "NULL"
                                        : std::string(row[i], lengths[i]));
    }
    rows.push_back(absl::StrJoin(cells, "\t"));
  }
  mysql_free_result(r);
  return rows;
}

absl::StatusOr<int64_t> ScriptSession::EmptyQueries() {
  absl::StatusOr<std::vector<std::string>> rows =
      Query("SHOW GLOBAL STATUS LIKE 'Com_empty_query'");
  if (!rows.ok()) return rows.status();
  if (rows->size() != 1) return absl::InternalError("no Com_empty_query");
  return std::stoll((*rows)[0].substr((*rows)[0].find('\t') + 1));
}

absl::StatusOr<std::vector<std::string>> ScriptSession::Dump(
    const std::string& database) {
  std::vector<std::string> out;
  if (absl::Status st = DumpObjects(database, &out); !st.ok()) return st;
  absl::StatusOr<std::vector<std::string>> tables = Query(absl::StrCat(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = '",
      database, "' AND table_type = 'BASE TABLE'"));
  if (!tables.ok()) return tables.status();
  for (const std::string& t : *tables) {
    absl::StatusOr<std::vector<std::string>> rows =
        Query(absl::StrCat("SELECT * FROM ", Quote(database), ".", Quote(t)));
    if (!rows.ok()) return rows.status();
    for (const std::string& row : *rows) {
      out.push_back(absl::StrCat("row of ", t, ": ", row));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Each object as SHOW CREATE prints it: the column holding the statement.
absl::Status ScriptSession::DumpObjects(const std::string& database,
                                        std::vector<std::string>* out) {
  const std::string where = absl::StrCat("= '", database, "'");
  const struct {
    std::string list;  // kind (the SHOW CREATE word), name
    size_t column;     // of SHOW CREATE's row: the statement
  } kinds[] = {
      {absl::StrCat("SELECT IF(table_type = 'VIEW', 'VIEW', 'TABLE'), "
                    "table_name FROM information_schema.tables WHERE "
                    "table_schema ", where), 1},
      {absl::StrCat("SELECT 'TRIGGER', trigger_name FROM "
                    "information_schema.triggers WHERE trigger_schema ",
                    where), 2},
      {absl::StrCat("SELECT routine_type, routine_name FROM "
                    "information_schema.routines WHERE routine_schema ",
                    where), 2},
      {absl::StrCat("SELECT 'EVENT', event_name FROM information_schema.events "
                    "WHERE event_schema ", where), 3},
  };
  for (const auto& kind : kinds) {
    absl::StatusOr<std::vector<std::string>> objects = Query(kind.list);
    if (!objects.ok()) return objects.status();
    for (const std::string& object : *objects) {
      const size_t tab = object.find('\t');
      const std::string type = object.substr(0, tab);
      const std::string name = object.substr(tab + 1);
      absl::StatusOr<std::vector<std::string>> shown = Query(absl::StrCat(
          "SHOW CREATE ", type, " ", Quote(database), ".", Quote(name)));
      if (!shown.ok()) return shown.status();
      std::vector<std::string> cells = absl::StrSplit((*shown)[0], '\t');
      out->push_back(Blank(absl::StrCat(type, " ", name, ": ",
                                        cells.size() > kind.column
                                            ? cells[kind.column]
                                            : (*shown)[0]),
                           database));
    }
  }
  return absl::OkStatus();
}

}  // namespace aos::sql::testing
