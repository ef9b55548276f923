// session_wait.h: waits for the server session of an interrupted run to
// end before its step is judged (resume_point.h).
//
// A client killed mid-statement leaves the server running that statement
// to its end (a long ALTER, a CREATE TABLE ... SELECT); judging the step
// before then would race the statement's own completion. The session is
// given `grace` to finish by itself, then ended (MySQL: KILL; PostgreSQL:
// pg_terminate_backend; a user may end its own sessions, and the server
// rolls the statement back), and waited for until `limit`.
//
// `opened_by` (PostgreSQL, whose session ids are the server's process ids,
// which come back): server time by which the session was open; a session
// of that id opened later is another's, never ended. "": not checked.
#ifndef AOS_CORE_ENGINE_RESUME_SESSION_WAIT_H_
#define AOS_CORE_ENGINE_RESUME_SESSION_WAIT_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "core/backend/database.h"

namespace aos::engine {

// Whether server session `id` exists on the server of `db`.
absl::StatusOr<bool> ServerSessionExists(backend::Database& db, int64_t id,
                                         const std::string& opened_by = "");

// OK once session `id` no longer exists on the server of `db`;
// kDeadlineExceeded if it still does at `limit`.
absl::Status WaitForSessionEnd(
    backend::Database& db, int64_t id, absl::Duration grace,
    absl::Duration limit,
    const std::function<void(const std::string&)>& progress,
    const std::string& opened_by = "");

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_RESUME_SESSION_WAIT_H_
