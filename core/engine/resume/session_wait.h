// session_wait.h: waits for the server session of an interrupted run to
// end before its step is judged (resume_point.h).
//
// A client killed mid-statement leaves the server running that statement
// to its end (a long ALTER, a CREATE TABLE ... SELECT); judging the step
// before then would race the statement's own completion. The session is
// given `grace` to finish by itself, then ended with KILL (a user may kill
// its own sessions; atomic DDL then rolls the statement back), and waited
// for until `limit`.
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
absl::StatusOr<bool> ServerSessionExists(backend::Database& db, int64_t id);

// OK once session `id` no longer exists on the server of `db`;
// kDeadlineExceeded if it still does at `limit`.
absl::Status WaitForSessionEnd(
    backend::Database& db, int64_t id, absl::Duration grace,
    absl::Duration limit,
    const std::function<void(const std::string&)>& progress);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_RESUME_SESSION_WAIT_H_
