#include "core/engine/batch/batch_throttle.h"

#include <algorithm>
#include <map>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/engine/batch/postgresql_batch.h"
#include "core/util/backoff.h"

namespace aos::engine {
namespace {

int64_t Number(const std::optional<std::string>& v) {
  int64_t n = 0;
  return v && absl::SimpleAtoi(*v, &n) ? n : 0;
}

// What is over its limit now ("" nothing): Threads_running, and on
// Galera flow control and the receive queue.
std::string OverLoad(backend::Database& db, const BatchSettings& s) {
  if (db.dialect() == "postgresql") return PostgresqlOverLoad(db, s);
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query(
      "SHOW GLOBAL STATUS WHERE Variable_name IN ('Threads_running', "
      "'wsrep_flow_control_active', 'wsrep_local_recv_queue', "
      "'wsrep_ready')");
  if (!rows.ok()) return "";  // nothing to read it by: no wait
  std::map<std::string, std::string> status;
  for (const backend::Row& r : *rows) {
    if (r.size() == 2 && r[0]) {
      status[absl::AsciiStrToLower(*r[0])] = r[1].value_or("");
    }
  }
  const int64_t running = Number(status["threads_running"]);
  if (s.max_threads_running > 0 && running > s.max_threads_running) {
    return absl::StrCat("Threads_running ", running, " > ", s.max_threads_running,
                        " (batch_max_threads_running)");
  }
  if (status["wsrep_ready"] != "ON") return "";  // not a Galera node
  if (absl::AsciiStrToLower(status["wsrep_flow_control_active"]) == "true") {
    return "Galera flow control is active";
  }
  const int64_t queue = Number(status["wsrep_local_recv_queue"]);
  if (queue > s.max_recv_queue) {
    return absl::StrCat("wsrep_local_recv_queue ", queue, " > ", s.max_recv_queue,
                        " (batch_max_recv_queue)");
  }
  return "";
}

}  // namespace

bool IsGaleraNode(backend::Database& db) {
  if (db.dialect() != "mysql") return false;
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query("SELECT @@wsrep_on");
  return rows.ok() && !rows->empty() && !(*rows)[0].empty() && (*rows)[0][0].value_or("0") == "1";
}

int64_t ChunkRowCap(backend::Database& db, const BatchSettings& settings,
                    std::optional<int64_t> row_bytes) {
  int64_t cap = std::max<int64_t>(1, settings.max_rows);
  if (db.dialect() != "mysql") return cap;  // no Galera write sets
  absl::StatusOr<std::vector<backend::Row>> rows =
      db.Query("SELECT @@wsrep_on, @@wsrep_max_ws_rows, @@wsrep_max_ws_size");
  if (!rows.ok() || rows->empty() || (*rows)[0].size() != 3 || (*rows)[0][0].value_or("0") != "1") {
    return cap;  // not Galera (or a server without the variables)
  }
  const int64_t ws_rows = Number((*rows)[0][1]);
  const int64_t ws_size = Number((*rows)[0][2]);
  if (ws_rows > 0) cap = std::min(cap, std::max<int64_t>(1, ws_rows / 2));
  if (ws_size > 0 && row_bytes && *row_bytes > 0) {
    cap = std::min(cap, std::max<int64_t>(1, ws_size / 2 / *row_bytes));
  }
  return cap;
}

absl::Status WaitForLoad(backend::Database& db, const BatchSettings& settings, absl::Duration most,
                         const std::function<void(const std::string&)>& progress) {
  util::Backoff backoff(absl::Milliseconds(50), absl::Seconds(2), absl::Now() + most);
  for (bool said = false;; said = true) {
    const std::string over = OverLoad(db, settings);
    if (over.empty()) return absl::OkStatus();
    if (backoff.Expired()) {
      return absl::UnavailableError(
          absl::StrCat("the server stayed over its load limit for ", absl::FormatDuration(most),
                       ": ", over, "; the statement resumes at its next chunk on the next run"));
    }
    if (progress && !said) progress(absl::StrCat("batch waits: ", over));
    backoff.Wait();
  }
}

}  // namespace aos::engine
