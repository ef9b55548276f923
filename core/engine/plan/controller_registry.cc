#include "core/engine/plan/controller_registry.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "core/util/host_identity.h"

namespace aos::engine {
namespace {

constexpr int64_t kRefreshSeconds = 3600;

// The server's time in seconds since the epoch, in each dialect.
const char* Now(absl::string_view dialect) {
  if (dialect == "mysql") return "UNIX_TIMESTAMP()";
  if (dialect == "postgresql")
    return "CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)";
  return "CAST(strftime('%s', 'now') AS INTEGER)";
}

int64_t Int(const std::optional<std::string>& text) {
  int64_t n = 0;
  if (text) (void)absl::SimpleAtoi(*text, &n);
  return n;
}

}  // namespace

std::string ControllerId::Key() const {
  return machine_id.empty() ? name : absl::StrCat(name, "@", machine_id);
}

ControllerId ControllerId::FromKey(const std::string& key) {
  const size_t at = key.rfind('@');
  if (at != std::string::npos && util::IsMachineId(key.substr(at + 1))) {
    return {key.substr(0, at), key.substr(at + 1)};
  }
  return {key, ""};
}

ControllerId ThisController(const std::string& configured_name) {
  return {configured_name.empty() ? util::HostName() : configured_name, util::MachineId()};
}

std::string FormatUtc(int64_t epoch_seconds) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S UTC",
                          absl::FromUnixSeconds(epoch_seconds),
                          absl::UTCTimeZone());
}

absl::Status ControllerRegistry::EnsureTable() {
  std::string sql =
      "CREATE TABLE IF NOT EXISTS aos_migration_controllers ("
      "repository_id VARCHAR(250) NOT NULL"
      ", host VARCHAR(255) NOT NULL"
      ", latest_version BIGINT NOT NULL"
      ", plugin_release VARCHAR(64) NOT NULL"
      ", last_seen BIGINT NOT NULL"
      ", PRIMARY KEY (repository_id, host))";
  if (db_.dialect() == "mysql") sql += " ENGINE=InnoDB";
  return db_.Execute(sql);
}

backend::BoundStatement ControllerRegistry::ListQuery() const {
  return {absl::StrCat("SELECT host, latest_version, plugin_release, "
                       "last_seen, ",
                       Now(db_.dialect()),
                       " - last_seen FROM aos_migration_controllers WHERE "
                       "repository_id = ? ORDER BY last_seen DESC, host"),
          {repository_id_}};
}

std::vector<ControllerRecord> ControllerRegistry::ParseList(
    const std::vector<backend::Row>& rows) {
  std::vector<ControllerRecord> out;
  for (const backend::Row& r : rows) {
    if (r.size() != 5) continue;
    out.push_back({r[0].value_or(""), Int(r[1]), r[2].value_or(""), Int(r[3]),
                   Int(r[4])});
  }
  return out;
}

absl::StatusOr<std::vector<ControllerRecord>> ControllerRegistry::List() {
  absl::StatusOr<std::optional<std::vector<backend::Row>>> rows =
      backend::QueryIfTableExists(db_, "aos_migration_controllers",
                                  ListQuery());
  if (!rows.ok()) return rows.status();
  if (!*rows) return std::vector<ControllerRecord>{};
  return ParseList(**rows);
}

bool ControllerRegistry::IsCurrent(const plugin::ModulePlugin& module,
                                   const std::optional<ControllerRecord>& seen) {
  return seen && seen->latest == module.LatestVersion() &&
         seen->release == module.release && seen->age_seconds < kRefreshSeconds;
}

absl::Status ControllerRegistry::Record(
    const std::string& host, const plugin::ModulePlugin& module,
    const std::optional<ControllerRecord>& seen) {
  if (IsCurrent(module, seen)) return absl::OkStatus();
  if (absl::Status st = EnsureTable(); !st.ok()) return st;
  const std::string now = Now(db_.dialect());
  std::string upsert = absl::StrCat(
      "INSERT INTO aos_migration_controllers (repository_id, host, "
      "latest_version, plugin_release, last_seen) VALUES (?, ?, ?, ?, ",
      now, ")");
  if (db_.dialect() == "mysql") {
    absl::StrAppend(&upsert,
                    " ON DUPLICATE KEY UPDATE latest_version = "
                    "VALUES(latest_version), plugin_release = "
                    "VALUES(plugin_release), last_seen = VALUES(last_seen)");
  } else {
    absl::StrAppend(&upsert,
                    " ON CONFLICT (repository_id, host) DO UPDATE SET "
                    "latest_version = excluded.latest_version, "
                    "plugin_release = excluded.plugin_release, last_seen = "
                    "excluded.last_seen");
  }
  return db_.Execute(
      upsert, {repository_id_, host, module.LatestVersion(), module.release});
}

absl::StatusOr<bool> ControllerRegistry::Forget(const std::string& controller) {
  absl::StatusOr<std::vector<ControllerRecord>> all = List();
  if (!all.ok()) return all.status();
  std::vector<std::string> named;
  std::string key;
  for (const ControllerRecord& r : *all) {
    if (r.host == controller) key = r.host;
    if (r.id().name == controller) named.push_back(r.host);
  }
  if (key.empty() && named.size() > 1) {
    return absl::FailedPreconditionError(absl::StrCat(
        "several controllers are named ", controller, ": ",
        absl::StrJoin(named, ", "),
        "; name the one to forget by its identity (NAME@MACHINE-ID, as "
        "--status shows it)"));
  }
  if (key.empty() && named.size() == 1) key = named[0];
  if (key.empty()) return false;
  absl::Status st = db_.Execute(
      "DELETE FROM aos_migration_controllers WHERE repository_id = ? AND "
      "host = ?",
      {repository_id_, key});
  if (!st.ok()) return st;
  return true;
}

}  // namespace aos::engine
