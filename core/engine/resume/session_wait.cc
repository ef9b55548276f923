#include "core/engine/resume/session_wait.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/util/backoff.h"

namespace aos::engine {

absl::StatusOr<bool> ServerSessionExists(backend::Database& db, int64_t id) {
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query(
      "SELECT COUNT(*) FROM information_schema.processlist WHERE id = ?",
      {id});
  if (!rows.ok()) return rows.status();
  return !rows->empty() && (*rows)[0][0].value_or("0") != "0";
}

absl::Status WaitForSessionEnd(
    backend::Database& db, int64_t id, absl::Duration grace,
    absl::Duration limit,
    const std::function<void(const std::string&)>& progress) {
  const absl::Time start = absl::Now();
  util::Backoff poll(absl::Milliseconds(100), absl::Milliseconds(100));
  bool killed = false;
  progress(absl::StrCat("waiting for server session ", id,
                        " of the interrupted run to end"));
  while (true) {
    absl::StatusOr<bool> alive = ServerSessionExists(db, id);
    if (!alive.ok()) return alive.status();
    if (!*alive) return absl::OkStatus();
    const absl::Duration waited = absl::Now() - start;
    if (waited >= limit) {
      return absl::DeadlineExceededError(absl::StrCat(
          "server session ", id, " of the interrupted run still exists after ",
          absl::FormatDuration(limit), "; end it (KILL ", id,
          ") and run again"));
    }
    if (!killed && waited >= grace) {
      progress(absl::StrCat("ending server session ", id, " (KILL)"));
      absl::Status st = db.Execute(absl::StrCat("KILL ", id), {});
      // Gone meanwhile (1094 unknown thread) is what was wanted.
      (void)st;
      killed = true;
    }
    poll.Wait();
  }
}

}  // namespace aos::engine
