// script_session.h: a raw libmariadb session for the splitter's
// differential test (splitter_differential_test.cc): it sends SQL text as
// it is, with or without CLIENT_MULTI_STATEMENTS, and writes down what the
// server answered, result by result, so that the server's own reading of a
// script can be held against the splitter's. It also dumps a database's
// schema objects and rows in a form two databases compare with ==.
#ifndef AOS_CORE_SQL_TESTING_SCRIPT_SESSION_H_
#define AOS_CORE_SQL_TESTING_SCRIPT_SESSION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

typedef struct st_mysql MYSQL;

namespace aos::sql::testing {

class ScriptSession {
 public:
  // A session of root over `socket` on `database`; `multi_statements`
  // decides CLIENT_MULTI_STATEMENTS (results of CALL always come).
  static absl::StatusOr<ScriptSession> Open(const std::string& socket,
                                            const std::string& database,
                                            bool multi_statements);
  ScriptSession(ScriptSession&& other) noexcept;
  ScriptSession& operator=(ScriptSession&&) = delete;
  ~ScriptSession();

  // Sends `text` in one round trip and returns one outcome per result the
  // server sent: "ok", "rows N" or "error NNNN" (the server stops at its
  // first error, so an error is the last outcome).
  std::vector<std::string> Send(const std::string& text);

  // Rows of a query, columns joined by tab ("NULL" for NULL); fails on an
  // error.
  absl::StatusOr<std::vector<std::string>> Query(const std::string& sql);

  // How many statements the server has found empty (nothing but comments
  // to it), server-wide: the global status Com_empty_query.
  absl::StatusOr<int64_t> EmptyQueries();

  // The schema objects of `database` (tables, views, triggers, routines,
  // events, as SHOW CREATE prints them, the database's name and
  // timestamps blanked) and every table's rows, sorted: equal for two
  // databases that hold the same.
  absl::StatusOr<std::vector<std::string>> Dump(const std::string& database);

 private:
  explicit ScriptSession(MYSQL* handle) : handle_(handle) {}
  absl::Status DumpObjects(const std::string& database,
                           std::vector<std::string>* out);
  MYSQL* handle_;
};

}  // namespace aos::sql::testing

#endif  // AOS_CORE_SQL_TESTING_SCRIPT_SESSION_H_
