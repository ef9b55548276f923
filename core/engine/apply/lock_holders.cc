#include "core/engine/apply/lock_holders.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace aos::engine {
namespace {

// Rows of (id, user, host, command, time, state) -> the sessions, each
// once.
std::string Sessions(const std::vector<backend::Row>& rows) {
  std::vector<std::string> out;
  std::vector<std::string> seen;
  for (const backend::Row& r : rows) {
    if (r.size() < 6 || !r[0]) continue;
    if (std::find(seen.begin(), seen.end(), *r[0]) != seen.end()) continue;
    seen.push_back(*r[0]);
    std::string s = absl::StrCat(
        "session ", *r[0], " (", r[1].value_or("?"), "@", r[2].value_or("?"),
        ", ", r[3].value_or("?"), " for ", r[4].value_or("?"), " s");
    if (r[5] && !r[5]->empty()) absl::StrAppend(&s, ", ", *r[5]);
    out.push_back(s + ")");
  }
  return absl::StrJoin(out, ", ");
}

constexpr char kSession[] = "p.ID, p.USER, p.HOST, p.COMMAND, p.TIME, p.STATE";

std::string InList(size_t n) {
  std::vector<std::string> marks(n, "?");
  return absl::StrJoin(marks, ", ");
}

// PostgreSQL: the backends holding a granted lock on the tables.
std::string PostgresqlHolders(backend::Database& db,
                              const std::vector<backend::SqlValue>& names) {
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query(
      absl::StrCat(
          "SELECT DISTINCT a.pid, a.usename, COALESCE(host(a.client_addr), "
          "'local'), a.state, COALESCE(EXTRACT(EPOCH FROM now() - "
          "a.xact_start)::bigint, 0), '' FROM pg_locks l JOIN "
          "pg_stat_activity a ON a.pid = l.pid JOIN pg_class c ON c.oid = "
          "l.relation WHERE l.granted AND a.pid <> pg_backend_pid() AND "
          "c.relnamespace = current_schema()::regnamespace AND c.relname IN (",
          InList(names.size()), ")"),
      names);
  if (!rows.ok() || rows->empty()) return "";
  return absl::StrCat("held by ", Sessions(*rows));
}

}  // namespace

std::string DescribeLockHolders(backend::Database& db,
                                const std::vector<std::string>& tables) {
  if (tables.empty()) return "";
  std::vector<backend::SqlValue> names(tables.begin(), tables.end());
  if (db.dialect() == "postgresql") return PostgresqlHolders(db, names);
  if (db.dialect() != "mysql") return "";
  absl::StatusOr<std::vector<backend::Row>> exact = db.Query(
      absl::StrCat("SELECT ", kSession,
                   " FROM information_schema.METADATA_LOCK_INFO l JOIN "
                   "information_schema.PROCESSLIST p ON p.ID = l.THREAD_ID "
                   "WHERE l.TABLE_SCHEMA = DATABASE() AND l.TABLE_NAME IN (",
                   InList(tables.size()),
                   ") AND p.ID <> CONNECTION_ID() AND "
                   "p.STATE NOT LIKE '%Waiting for table metadata lock%'"),
      names);
  if (exact.ok() && !exact->empty()) {
    return absl::StrCat("held by ", Sessions(*exact));
  }
  absl::StatusOr<std::vector<backend::Row>> ps = db.Query(
      absl::StrCat("SELECT ", kSession,
                   " FROM performance_schema.metadata_locks m JOIN "
                   "performance_schema.threads t ON t.THREAD_ID = "
                   "m.OWNER_THREAD_ID JOIN information_schema.PROCESSLIST p "
                   "ON p.ID = t.PROCESSLIST_ID WHERE m.OBJECT_SCHEMA = "
                   "DATABASE() AND m.OBJECT_NAME IN (",
                   InList(tables.size()),
                   ") AND m.LOCK_STATUS = 'GRANTED' "
                   "AND p.ID <> CONNECTION_ID()"),
      names);
  if (ps.ok() && !ps->empty()) {
    return absl::StrCat("held by ", Sessions(*ps));
  }
  absl::StatusOr<std::vector<backend::Row>> open = db.Query(absl::StrCat(
      "SELECT ", kSession,
      " FROM information_schema.INNODB_TRX x JOIN "
      "information_schema.PROCESSLIST p ON p.ID = x.trx_mysql_thread_id "
      "WHERE p.ID <> CONNECTION_ID() ORDER BY x.trx_started"));
  if (open.ok() && !open->empty()) {
    return absl::StrCat(
        "the sessions with an open transaction, one of which holds it: ",
        Sessions(*open));
  }
  return "";
}

}  // namespace aos::engine
