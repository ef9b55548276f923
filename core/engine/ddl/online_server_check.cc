#include "core/engine/ddl/online_server_check.h"

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace aos::engine {
namespace {

// The first row of `sql`, or nullopt when it cannot be read.
std::optional<backend::Row> FirstRow(backend::Database& db, const std::string& sql,
                                     const std::vector<backend::SqlValue>& params = {}) {
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query(sql, params);
  if (!rows.ok() || rows->empty()) return std::nullopt;
  return rows->front();
}

std::optional<int64_t> Number(const backend::Row& row, size_t i) {
  int64_t n = 0;
  if (row.size() <= i || !row[i] || !absl::SimpleAtoi(*row[i], &n)) return std::nullopt;
  return n;
}

}  // namespace

std::string OnlineServerWarning(backend::Database& db, const std::string& table) {
  std::optional<backend::Row> server =
      FirstRow(db, "SELECT @@innodb_autoinc_lock_mode, @@innodb_buffer_pool_size");
  std::optional<backend::Row> t = FirstRow(
      db,
      "SELECT DATA_LENGTH + INDEX_LENGTH, (SELECT COUNT(*) FROM information_schema.COLUMNS c "
      "WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND c.EXTRA LIKE "
      "'%auto\\_increment%') FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = DATABASE() "
      "AND t.TABLE_NAME = ?",
      {table});
  if (!server || !t) return "";
  std::vector<std::string> found;
  const std::optional<int64_t> mode = Number(*server, 0);
  const std::optional<int64_t> auto_columns = Number(*t, 1);
  if (mode && *mode != 2 && auto_columns && *auto_columns > 0) {
    found.push_back(absl::StrCat(
        "the server's innodb_autoinc_lock_mode is ", *mode,
        ": each chunk of the copy holds the copy's AUTO-INC lock, and every INSERT into ", table,
        " waits for it (set innodb_autoinc_lock_mode = 2, with row-based binary logging, and "
        "restart the server)"));
  }
  const std::optional<int64_t> pool = Number(*server, 1);
  const std::optional<int64_t> bytes = Number(*t, 0);
  if (pool && bytes && 2 * *bytes > *pool) {
    found.push_back(absl::StrCat(
        table, " and its copy (2 x ", (*bytes + (1 << 19)) >> 20,
        " MiB) do not fit in innodb_buffer_pool_size (", *pool >> 20,
        " MiB): the copy reads the table from disk and pushes the services' pages out"));
  }
  // Galera (a separate read: MySQL has no such variables).
  std::optional<backend::Row> galera =
      FirstRow(db, "SELECT @@wsrep_on, @@wsrep_retry_autocommit");
  const std::optional<int64_t> retries = galera ? Number(*galera, 1) : std::nullopt;
  if (galera && (*galera)[0].value_or("") == "1" && retries && *retries < 4) {
    found.push_back(absl::StrCat(
        "the node's wsrep_retry_autocommit is ", *retries,
        ": a writer's autocommit statement on ", table,
        " that loses certification to a chunk of the copy (or to the copy's trigger on another "
        "node) is tried again only that often, then fails with 1213 (set "
        "wsrep_retry_autocommit = 4 on every node; the services retry their own transactions)"));
  }
  return absl::StrJoin(found, "; ");
}

}  // namespace aos::engine
