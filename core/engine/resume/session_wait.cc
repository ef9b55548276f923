#include "core/engine/resume/session_wait.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/util/backoff.h"

namespace aos::engine {

namespace {

// The statement that ends session `id`, in the server's dialect.
std::string EndSession(backend::Database& db, int64_t id) {
  if (db.dialect() == "postgresql") {
    return absl::StrCat("SELECT pg_terminate_backend(", id, ")");
  }
  return absl::StrCat("KILL ", id);
}

}  // namespace

absl::StatusOr<bool> ServerSessionExists(backend::Database& db, int64_t id,
                                         const std::string& opened_by) {
  absl::StatusOr<std::vector<backend::Row>> rows =
      db.dialect() != "postgresql"
          ? db.Query("SELECT COUNT(*) FROM information_schema.processlist "
                     "WHERE id = ?", {id})
      : opened_by.empty()
          ? db.Query("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ?", {id})
          : db.Query("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ? AND "
                     "backend_start <= CAST(? AS timestamp)", {id, opened_by});
  if (!rows.ok()) return rows.status();
  return !rows->empty() && (*rows)[0][0].value_or("0") != "0";
}

absl::Status WaitForSessionEnd(
    backend::Database& db, int64_t id, absl::Duration grace,
    absl::Duration limit,
    const std::function<void(const std::string&)>& progress,
    const std::string& opened_by) {
  const absl::Time start = absl::Now();
  util::Backoff poll(absl::Milliseconds(100), absl::Milliseconds(100));
  bool killed = false;
  progress(absl::StrCat("waiting for server session ", id,
                        " of the interrupted run to end"));
  while (true) {
    absl::StatusOr<bool> alive = ServerSessionExists(db, id, opened_by);
    if (!alive.ok()) return alive.status();
    if (!*alive) return absl::OkStatus();
    const absl::Duration waited = absl::Now() - start;
    if (waited >= limit) {
      return absl::DeadlineExceededError(absl::StrCat(
          "server session ", id, " of the interrupted run still exists after ",
          absl::FormatDuration(limit), "; end it (", EndSession(db, id),
          ") and run again"));
    }
    if (!killed && waited >= grace) {
      progress(absl::StrCat("ending server session ", id, " (", EndSession(db, id), ")"));
      // Gone meanwhile (MySQL's 1094 unknown thread) is what was wanted.
      (void)db.Execute(EndSession(db, id), {});
      killed = true;
    }
    poll.Wait();
  }
}

}  // namespace aos::engine
