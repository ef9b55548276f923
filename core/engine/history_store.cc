#include "core/engine/history_store.h"

#include <unistd.h>

#include "Poco/DigestEngine.h"
#include "Poco/SHA2Engine.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/engine/host_identity.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace aos::engine {
namespace {

int64_t ToInt(const std::optional<std::string>& s) {
  int64_t v = 0;
  if (s) (void)absl::SimpleAtoi(*s, &v);
  return v;
}

}  // namespace

std::string NowUtc() {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S", absl::Now(), absl::UTCTimeZone());
}

std::string Sha256Hex(const std::string& content) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(content);
  return Poco::DigestEngine::digestToHex(engine.digest());
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

absl::StatusOr<std::optional<StepRecord>> HistoryStore::FindInterrupted() {
  absl::StatusOr<bool> exists = db_.TableExists(kHistoryTable);
  if (!exists.ok()) return exists.status();
  if (!*exists) return std::optional<StepRecord>();
  absl::StatusOr<std::vector<backend::Row>> rows = db_.Query(
      "SELECT id, version, direction, checksum, started_at, statements_done, "
      "statements_total, host, pid FROM aos_migration_history "
      "WHERE repository_id = ? AND outcome = 'running' ORDER BY id DESC",
      {repository_id_});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<StepRecord>();
  const backend::Row& r = rows->front();
  StepRecord rec;
  rec.id = ToInt(r[0]);
  rec.version = ToInt(r[1]);
  rec.direction = r[2].value_or("");
  rec.checksum = r[3].value_or("");
  rec.started_at = r[4].value_or("");
  rec.statements_done = ToInt(r[5]);
  rec.statements_total = ToInt(r[6]);
  rec.host = r[7].value_or("");
  rec.pid = ToInt(r[8]);
  return std::optional<StepRecord>(rec);
}

absl::StatusOr<std::map<int64_t, std::string>> HistoryStore::AppliedChecksums() {
  std::map<int64_t, std::string> checksums;
  absl::StatusOr<bool> exists = db_.TableExists(kHistoryTable);
  if (!exists.ok()) return exists.status();
  if (!*exists) return checksums;
  absl::StatusOr<std::vector<backend::Row>> rows = db_.Query(
      "SELECT version, checksum FROM aos_migration_history "
      "WHERE repository_id = ? AND direction = 'upgrade' AND outcome = 'ok' "
      "AND id > (SELECT COALESCE(MAX(id), 0) FROM aos_migration_history "
      "WHERE repository_id = ? AND direction = 'mark') ORDER BY id",
      {repository_id_, repository_id_});
  if (!rows.ok()) return rows.status();
  for (const backend::Row& r : *rows) {
    checksums[ToInt(r[0])] = r[1].value_or("");  // later rows win
  }
  return checksums;
}

absl::Status HistoryStore::Begin(StepRecord* record) {
  record->started_at = NowUtc();
  record->host = HostName();
  record->pid = getpid();
  if (absl::Status st = db_.Execute(
          "INSERT INTO aos_migration_history (repository_id, version, "
          "direction, checksum, started_at, outcome, statements_done, "
          "statements_total, host, pid) VALUES (?, ?, ?, ?, ?, 'running', 0, "
          "?, ?, ?)",
          {repository_id_, record->version, record->direction,
           record->checksum, record->started_at, record->statements_total,
           record->host, record->pid});
      !st.ok()) {
    return st;
  }
  // The module's lock is held: no one else writes this module's rows.
  absl::StatusOr<std::vector<backend::Row>> rows = db_.Query(
      "SELECT MAX(id) FROM aos_migration_history WHERE repository_id = ?",
      {repository_id_});
  if (!rows.ok()) return rows.status();
  record->id = rows->empty() ? 0 : ToInt((*rows)[0][0]);
  return absl::OkStatus();
}

absl::Status HistoryStore::Progress(const StepRecord& record,
                                    int64_t statements_done) {
  return db_.Execute(
      "UPDATE aos_migration_history SET statements_done = ? WHERE id = ?",
      {statements_done, record.id});
}

absl::Status HistoryStore::Finish(const StepRecord& record, bool ok,
                                  const std::string& error) {
  return db_.Execute(
      "UPDATE aos_migration_history SET finished_at = ?, outcome = ?, "
      "error = ? WHERE id = ?",
      {NowUtc(), std::string(ok ? "ok" : "failed"), error, record.id});
}

absl::Status HistoryStore::RecordMark(int64_t version) {
  if (absl::Status st = EnsureTable(); !st.ok()) return st;
  if (absl::Status st = db_.Execute(
          "UPDATE aos_migration_history SET outcome = 'repaired', "
          "finished_at = ? WHERE repository_id = ? AND outcome = 'running'",
          {NowUtc(), repository_id_});
      !st.ok()) {
    return st;
  }
  StepRecord mark;
  mark.version = version;
  mark.direction = "mark";
  mark.checksum = "";
  if (absl::Status st = Begin(&mark); !st.ok()) return st;
  return Finish(mark, true, "");
}

}  // namespace aos::engine
