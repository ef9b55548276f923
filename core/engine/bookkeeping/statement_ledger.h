// statement_ledger.h: where a MySQL step is, statement by statement, in
// `aos_migration_progress` (one row a module): what makes a step that
// failed or was killed part-way resumable exactly (resume_point.h).
//
// The row holds the step (version, direction), a short digest of each of
// its statements, how many took effect (`applied`), and the statement
// running now (`running`, 0 between statements) with what proves its
// outcome after a crash:
//  - a DML statement commits in one transaction with the row's update
//    recording it applied (DmlDone, sent on the step's own connection), so
//    `applied` is exact whatever happens;
//  - before a DDL statement the row records a fingerprint of the schema it
//    touches (schema_fingerprint.h): after a crash an equal schema proves it
//    did not take effect, a different one that it did;
//  - `session`, `server` and `server_started` name the step connection
//    (CONNECTION_ID(), @@hostname:@@port, the server's start), so that a
//    later run first waits for a statement the server may still be running
//    for a dead client (a DML statement's COMMIT may already be on its way).
//    On Galera `galera_node` names the cluster node: a run on another node
//    knows that node's sessions are gone once it has left the cluster;
//  - `session_state` holds the step connection's variables as they stood
//    after statements 1..applied (session_state.h), read back there: a
//    SET's with the next statement's Before record, a DML statement's
//    inside its own transaction (DmlDone). A resumed step restores them
//    before its first remaining statement. NULL in a row of a tool that
//    did not record them (the column is added to an older table).
// PostgreSQL and SQLite roll a step back whole and keep no row.
#ifndef AOS_CORE_ENGINE_BOOKKEEPING_STATEMENT_LEDGER_H_
#define AOS_CORE_ENGINE_BOOKKEEPING_STATEMENT_LEDGER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/sql/statement_splitter.h"

namespace aos::engine {

inline constexpr char kProgressTable[] = "aos_migration_progress";

struct LedgerRow {
  int64_t version = 0;
  std::string direction;
  std::vector<std::string> digests;  // one a statement
  int64_t applied = 0;
  int64_t running = 0;  // 1-based; 0: none
  // Of the running statement: dml, ddl, replay (running it again is
  // always right: session_statements.h), other.
  std::string kind;
  std::string fingerprint;
  int64_t session = 0;
  std::string server;
  int64_t server_started = 0;
  std::string galera_node;  // "" off Galera
  // EncodeSessionState's text for statements 1..applied; nullopt when
  // none was recorded.
  std::optional<std::string> session_state;
};

// The server session a step's statements run on.
struct StepSession {
  int64_t id = 0;
  std::string server;          // @@hostname:@@port
  int64_t server_started = 0;  // when the server started (Unix time)
  // On a Galera node: its id in the cluster (wsrep_gcomm_uuid); else "".
  std::string galera_node;
  // ReadJudgingSession only: the ids of the cluster's members now (empty
  // when mysql.wsrep_cluster_members cannot be read).
  std::vector<std::string> galera_members;

  // Whether `other` is the same server since the same start (a restarted
  // server reuses session ids; its start time is read to a second).
  bool SameServerRun(const std::string& other_server,
                     int64_t other_started) const {
    return server == other_server && other_started - server_started <= 2 &&
           server_started - other_started <= 2;
  }
};

// A short digest of one statement's text.
std::string StatementDigest(absl::string_view text);

class StatementLedger {
 public:
  StatementLedger(backend::Database& db, std::string repository_id)
      : db_(db), repository_id_(std::move(repository_id)) {}

  absl::Status EnsureTable();
  absl::StatusOr<std::optional<LedgerRow>> Read();

  // Starts the step's row (sent with the history's Begin, one transaction):
  // `applied` statements already took effect (a resumed step).
  backend::BoundStatement Start(int64_t version, const std::string& direction,
                                const std::vector<sql::Statement>& statements,
                                int64_t applied) const;
  // Statement `number` (1-based) is about to run on `session`, whose
  // variables stand as `session_state` says (EncodeSessionState).
  backend::BoundStatement Before(int64_t number, absl::string_view kind,
                                 const std::string& fingerprint,
                                 const StepSession& session,
                                 const std::string& session_state) const;
  // Statement `number` took effect, leaving the session as
  // `session_state` says: on the step's connection, inside the DML
  // statement's own transaction.
  backend::BoundStatement DmlDone(int64_t number,
                                  const std::string& session_state) const;
  // The step plan ended: no step is in progress.
  backend::BoundStatement Clear() const;

 private:
  backend::Database& db_;
  std::string repository_id_;
};

// The session of `db` (MySQL).
absl::StatusOr<StepSession> ReadStepSession(backend::Database& db);
// The same, with the Galera cluster's members, for judging a statement
// another node ran.
absl::StatusOr<StepSession> ReadJudgingSession(backend::Database& db);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_BOOKKEEPING_STATEMENT_LEDGER_H_
