#include "core/engine/bookkeeping/statement_ledger.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "core/backend/database_error.h"
#include "core/engine/bookkeeping/history_store.h"
#include "core/util/hash.h"

namespace aos::engine {

std::string StatementDigest(absl::string_view text) {
  return util::Sha256Hex(std::string(text)).substr(0, 16);
}

absl::Status StatementLedger::EnsureTable() {
  absl::Status created = db_.Execute(
      "CREATE TABLE IF NOT EXISTS aos_migration_progress ("
      "repository_id VARCHAR(250) NOT NULL PRIMARY KEY"
      ", version INTEGER NOT NULL"
      ", direction VARCHAR(16) NOT NULL"
      ", digests LONGTEXT NOT NULL"
      ", applied INTEGER NOT NULL"
      ", running INTEGER NOT NULL"
      ", kind VARCHAR(8) NOT NULL"
      ", fingerprint VARCHAR(64) NOT NULL"
      ", session BIGINT NOT NULL"
      ", server VARCHAR(320) NOT NULL"
      ", server_started BIGINT NOT NULL"
      ", galera_node VARCHAR(320) NOT NULL"
      ", session_state LONGTEXT NULL) ENGINE=InnoDB",
      {});
  if (!created.ok()) return created;
  // A table of a release before session_state: the column is added.
  absl::StatusOr<std::vector<backend::Row>> has = db_.Query(
      "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = "
      "DATABASE() AND table_name = 'aos_migration_progress' AND column_name "
      "= 'session_state'");
  if (!has.ok()) return has.status();
  if (!has->empty() && (*has)[0][0].value_or("0") != "0") return created;
  return db_.Execute(
      "ALTER TABLE aos_migration_progress ADD COLUMN session_state LONGTEXT "
      "NULL",
      {});
}

absl::StatusOr<std::optional<LedgerRow>> StatementLedger::Read() {
  constexpr char kColumns[] =
      "SELECT version, direction, digests, applied, running, kind, "
      "fingerprint, session, server, server_started, galera_node";
  constexpr char kWhere[] =
      " FROM aos_migration_progress WHERE repository_id = ?";
  absl::StatusOr<std::optional<std::vector<backend::Row>>> rows =
      backend::QueryIfTableExists(
          db_, kProgressTable,
          {absl::StrCat(kColumns, ", session_state", kWhere),
           {repository_id_}});
  std::optional<backend::DatabaseErrorInfo> error =
      backend::GetDatabaseError(rows.status());
  if (error && error->server_code == "1054") {  // a table before the column
    rows = backend::QueryIfTableExists(
        db_, kProgressTable, {absl::StrCat(kColumns, kWhere), {repository_id_}});
  }
  if (!rows.ok()) return rows.status();
  if (!*rows || (*rows)->empty()) return std::nullopt;
  const backend::Row& r = (**rows)[0];
  LedgerRow row;
  row.version = RowInt(r[0]);
  row.direction = r[1].value_or("");
  const std::string digests = r[2].value_or("");
  if (!digests.empty()) row.digests = absl::StrSplit(digests, ',');
  row.applied = RowInt(r[3]);
  row.running = RowInt(r[4]);
  row.kind = r[5].value_or("");
  row.fingerprint = r[6].value_or("");
  row.session = RowInt(r[7]);
  row.server = r[8].value_or("");
  row.server_started = RowInt(r[9]);
  row.galera_node = r[10].value_or("");
  if (r.size() > 11) row.session_state = r[11];
  return row;
}

backend::BoundStatement StatementLedger::Start(
    int64_t version, const std::string& direction,
    const std::vector<sql::Statement>& statements, int64_t applied) const {
  std::vector<std::string> digests;
  digests.reserve(statements.size());
  for (const sql::Statement& s : statements) {
    digests.push_back(StatementDigest(s.text));
  }
  return {"REPLACE INTO aos_migration_progress (repository_id, version, "
          "direction, digests, applied, running, kind, fingerprint, session, "
          "server, server_started, galera_node, session_state) VALUES (?, ?, "
          "?, ?, ?, 0, '', '', 0, '', 0, '', NULL)",
          {repository_id_, version, direction, absl::StrJoin(digests, ","),
           applied}};
}

backend::BoundStatement StatementLedger::Before(
    int64_t number, absl::string_view kind, const std::string& fingerprint,
    const StepSession& session, const std::string& session_state) const {
  return {"UPDATE aos_migration_progress SET applied = ?, running = ?, "
          "kind = ?, fingerprint = ?, session = ?, server = ?, "
          "server_started = ?, galera_node = ?, session_state = ? WHERE "
          "repository_id = ?",
          {number - 1, number, std::string(kind), fingerprint, session.id,
           session.server, session.server_started, session.galera_node,
           session_state, repository_id_}};
}

backend::BoundStatement StatementLedger::DmlDone(
    int64_t number, const std::string& session_state) const {
  return {"UPDATE aos_migration_progress SET applied = ?, running = 0, "
          "session_state = ? WHERE repository_id = ?",
          {number, session_state, repository_id_}};
}

backend::BoundStatement StatementLedger::Clear() const {
  return {"DELETE FROM aos_migration_progress WHERE repository_id = ?",
          {repository_id_}};
}

namespace {

// The node ids of the Galera cluster's members now (Galera 4 keeps them in
// mysql.wsrep_cluster_members); empty when they cannot be read (no
// privilege: the run then cannot tell a node that left from one that runs).
std::vector<std::string> GaleraMembers(backend::Database& db) {
  absl::StatusOr<std::vector<backend::Row>> rows =
      db.Query("SELECT node_uuid FROM mysql.wsrep_cluster_members");
  std::vector<std::string> members;
  if (rows.ok()) {
    for (const backend::Row& r : *rows) members.push_back(r[0].value_or(""));
  }
  return members;
}

}  // namespace

absl::StatusOr<StepSession> ReadStepSession(backend::Database& db) {
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query(
      "SELECT CONNECTION_ID(), CONCAT(@@hostname, ':', @@port), "
      "UNIX_TIMESTAMP() - (SELECT VARIABLE_VALUE FROM "
      "information_schema.global_status WHERE VARIABLE_NAME = 'UPTIME'), "
      "IF(@@wsrep_on, (SELECT VARIABLE_VALUE FROM "
      "information_schema.global_status WHERE VARIABLE_NAME = "
      "'WSREP_GCOMM_UUID'), NULL)");
  if (!rows.ok()) return rows.status();
  if (rows->size() != 1 || (*rows)[0].size() != 4) {
    return absl::InternalError("SELECT CONNECTION_ID() returned no row");
  }
  const backend::Row& r = (*rows)[0];
  StepSession session{RowInt(r[0]), r[1].value_or(""), RowInt(r[2]),
                      r[3].value_or(""), {}};
  return session;
}

absl::StatusOr<StepSession> ReadJudgingSession(backend::Database& db) {
  absl::StatusOr<StepSession> session = ReadStepSession(db);
  if (session.ok() && !session->galera_node.empty()) {
    session->galera_members = GaleraMembers(db);
  }
  return session;
}

}  // namespace aos::engine
