// session_probe.h: one SELECT on a MySQL step's own connection, after each
// of its statements, that both
//  - checks what the tool owns on that session is as it was when the
//    connection was opened: autocommit, no open transaction (the server's
//    SERVER_STATUS_IN_TRANS), completion_type, the database, Galera's
//    wsrep_OSU_method and wsrep_on, sql_log_bin, and no table lock held (a
//    subquery on the progress table fails with ER_TABLE_NOT_LOCKED, 1100,
//    under LOCK TABLES or FLUSH TABLES t WITH READ LOCK); and
//  - reads the variables the step names back, exactly (session_state.h):
//    types from the columns the C API describes, strings as hex in their
//    own character set.
// A plugin can take over the session in ways no parser sees (a procedure
// that sets autocommit, PREPARE of START TRANSACTION, an executable
// comment); the step fails before its record is written.
#ifndef AOS_CORE_ENGINE_SESSION_SESSION_PROBE_H_
#define AOS_CORE_ENGINE_SESSION_SESSION_PROBE_H_

#include <string>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/backend/mysql_database.h"
#include "core/engine/session/session_state.h"
#include "core/engine/session/session_statements.h"

namespace aos::engine {

// What the tool owns of the step's session.
struct OwnedSession {
  std::string autocommit;
  std::string completion_type;
  std::string database;
  std::string wsrep_osu_method;
  std::string wsrep_on;
  std::string sql_log_bin;
  bool in_transaction = false;
  bool table_lock = false;  // LOCK TABLES or FLUSH TABLES ... READ LOCK
};

struct ProbeResult {
  OwnedSession owned;
  SessionState state;  // empty when a table lock kept it from being read
};

// The probe's SELECT for `names` (names that are not plain identifiers are
// left out).
std::string ProbeSql(const SessionNames& names);

// Reads the probe's one row.
absl::StatusOr<ProbeResult> ParseProbe(const backend::DescribedRows& rows,
                                       const SessionNames& names);

// Runs the probe on `step_db` (MySQL).
absl::StatusOr<ProbeResult> RunProbe(backend::Database& step_db,
                                     const SessionNames& names);

// What `now` changed of `opened` ("autocommit 1 -> 0; an open
// transaction"), "" when nothing; `in_transaction`: the tool itself has a
// transaction open (a DML statement's own).
std::string OwnedChanges(const OwnedSession& opened, const OwnedSession& now,
                         bool in_transaction);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_SESSION_SESSION_PROBE_H_
