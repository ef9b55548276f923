#include "core/engine/bookkeeping/history_store.h"

#include <unistd.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/util/clock.h"
#include "core/util/host_identity.h"

namespace aos::engine {

int64_t RowInt(const std::optional<std::string>& value) {
  int64_t v = 0;
  if (value) (void)absl::SimpleAtoi(*value, &v);
  return v;
}

absl::Status HistoryStore::EnsureTable() {
  std::string id_column =
      db_.dialect() == "mysql"
          ? "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY"
          : (db_.dialect() == "postgresql" ? "id BIGSERIAL PRIMARY KEY"
                                           : "id INTEGER PRIMARY KEY AUTOINCREMENT");
  return db_.Execute(
      absl::StrCat("CREATE TABLE IF NOT EXISTS aos_migration_history (",
                   id_column,
                   ", repository_id VARCHAR(250) NOT NULL"
                   ", version INTEGER NOT NULL"
                   ", direction VARCHAR(16) NOT NULL"
                   ", checksum VARCHAR(64) NOT NULL"
                   ", started_at VARCHAR(32) NOT NULL"
                   ", finished_at VARCHAR(32)"
                   ", outcome VARCHAR(16) NOT NULL"
                   ", statements_done INTEGER NOT NULL"
                   ", statements_total INTEGER NOT NULL"
                   ", error TEXT"
                   ", host VARCHAR(255)"
                   ", pid INTEGER)"),
      {});
}

backend::BoundStatement HistoryStore::StateQuery() const {
  return {"SELECT version, direction, checksum, started_at, statements_done, "
          "statements_total, host, pid, outcome, error FROM "
          "aos_migration_history WHERE repository_id = ? AND outcome <> "
          "'repaired' ORDER BY id",
          {repository_id_}};
}

HistoryState HistoryStore::ParseState(const std::vector<backend::Row>& rows) {
  HistoryState state;
  for (const backend::Row& r : rows) {
    const std::string direction = r[1].value_or("");
    const std::string outcome = r[8].value_or("");
    StepRecord rec;
    rec.version = RowInt(r[0]);
    rec.direction = direction;
    rec.checksum = r[2].value_or("");
    rec.started_at = r[3].value_or("");
    rec.statements_done = RowInt(r[4]);
    rec.statements_total = RowInt(r[5]);
    rec.host = r[6].value_or("");
    rec.pid = RowInt(r[7]);
    rec.error = r[9].value_or("");
    // Rows come oldest first: the newest wins.
    if (outcome == "running") state.interrupted = rec;
    state.failed.reset();  // only the newest row can be a step to resume
    if (outcome == "failed" && direction != "mark") state.failed = rec;
    if (direction == "mark") {
      state.applied.clear();  // checksums count from the last repair on
    } else if (direction == "upgrade" && outcome == "ok") {
      state.applied[RowInt(r[0])] = r[2].value_or("");  // later rows win
    }
  }
  return state;
}

absl::StatusOr<HistoryState> HistoryStore::ReadState() {
  absl::StatusOr<std::optional<std::vector<backend::Row>>> rows =
      backend::QueryIfTableExists(db_, kHistoryTable, StateQuery());
  if (!rows.ok()) return rows.status();
  if (!*rows) return HistoryState();
  return ParseState(**rows);
}

absl::StatusOr<std::optional<StepRecord>> HistoryStore::FindInterrupted() {
  absl::StatusOr<HistoryState> state = ReadState();
  if (!state.ok()) return state.status();
  return state->interrupted;
}

backend::BoundStatement HistoryStore::BeginStatement(StepRecord* record) const {
  record->started_at = util::NowUtc();
  record->host = util::HostName();
  record->pid = getpid();
  return {"INSERT INTO aos_migration_history (repository_id, version, "
          "direction, checksum, started_at, outcome, statements_done, "
          "statements_total, host, pid) VALUES (?, ?, ?, ?, ?, 'running', ?, "
          "?, ?, ?)",
          {repository_id_, record->version, record->direction,
           record->checksum, record->started_at, record->statements_done,
           record->statements_total, record->host, record->pid}};
}

backend::BoundStatement HistoryStore::FinishStatement(
    bool ok, const std::string& error) const {
  // A step that succeeded ran all its statements (Progress skips the last).
  return {ok ? "UPDATE aos_migration_history SET finished_at = ?, "
               "outcome = 'ok', error = ?, statements_done = statements_total "
               "WHERE repository_id = ? AND outcome = 'running'"
             : "UPDATE aos_migration_history SET finished_at = ?, "
               "outcome = 'failed', error = ? "
               "WHERE repository_id = ? AND outcome = 'running'",
          {util::NowUtc(), error, repository_id_}};
}

absl::Status HistoryStore::Begin(StepRecord* record) {
  backend::BoundStatement s = BeginStatement(record);
  return db_.Execute(s.sql, s.params);
}

backend::BoundStatement HistoryStore::ProgressStatement(
    int64_t statements_done) const {
  return {"UPDATE aos_migration_history SET statements_done = ? "
          "WHERE repository_id = ? AND outcome = 'running'",
          {statements_done, repository_id_}};
}

backend::BoundStatement HistoryStore::CloseInterruptedStatement() const {
  return {"UPDATE aos_migration_history SET outcome = 'interrupted', "
          "finished_at = ? WHERE repository_id = ? AND outcome = 'running'",
          {util::NowUtc(), repository_id_}};
}

absl::Status HistoryStore::Progress(int64_t statements_done) {
  backend::BoundStatement s = ProgressStatement(statements_done);
  return db_.Execute(s.sql, s.params);
}

absl::Status HistoryStore::Finish(bool ok, const std::string& error) {
  backend::BoundStatement s = FinishStatement(ok, error);
  return db_.Execute(s.sql, s.params);
}

absl::Status HistoryStore::Fail(int64_t statements_done,
                                const std::string& error) {
  return db_.Execute(
      "UPDATE aos_migration_history SET finished_at = ?, outcome = 'failed', "
      "error = ?, statements_done = ? WHERE repository_id = ? AND outcome = "
      "'running'",
      {util::NowUtc(), error, statements_done, repository_id_});
}

absl::Status HistoryStore::RecordMark(int64_t version) {
  if (absl::Status st = EnsureTable(); !st.ok()) return st;
  if (absl::Status st = db_.Execute(
          "UPDATE aos_migration_history SET outcome = 'repaired', "
          "finished_at = ? WHERE repository_id = ? AND outcome = 'running'",
          {util::NowUtc(), repository_id_});
      !st.ok()) {
    return st;
  }
  StepRecord mark;
  mark.version = version;
  mark.direction = "mark";
  mark.checksum = "";
  if (absl::Status st = Begin(&mark); !st.ok()) return st;
  return Finish(true, "");
}

}  // namespace aos::engine
