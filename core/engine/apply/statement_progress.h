// statement_progress.h: how far a long statement has got, asked of the
// server while it runs. MariaDB reports, for ALTER TABLE and a few other
// statements, the stage a session is in and its progress
// (information_schema.PROCESSLIST: STAGE, MAX_STAGE, PROGRESS, a
// percentage of the whole statement), readable from any other connection
// by the session's id. A StatementProgress polls that from a connection of
// its own, on a thread of its own, while it lives, and tells each new
// percentage as a fraction (progress_event.h, kFraction, unit "%").
//
//   {
//     StatementProgress poll(open_reader, session_id, "db1:3306", fraction);
//     st = step_db.Execute(alter);
//   }  // stops and joins the poll
//
// A statement done within the first interval opens nothing. The reader
// asks only the statement's server (its @@hostname:@@port, as the step's
// session was recorded: a URL that reaches another Galera node there has
// another session of that id). Where the server says nothing (MySQL has no
// such columns, the statement reports no stages) or the reader cannot
// connect, the poll tells nothing: it never fails or holds up the
// statement it watches.
#ifndef AOS_CORE_ENGINE_APPLY_STATEMENT_PROGRESS_H_
#define AOS_CORE_ENGINE_APPLY_STATEMENT_PROGRESS_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/backend/database.h"

namespace aos::engine {

// Opens the reader's connection (to the same server as the statement's).
using OpenReader = std::function<absl::StatusOr<std::unique_ptr<backend::Database>>()>;
// Tells `done` of `total` counted in `unit`.
using FractionFn = std::function<void(int64_t done, int64_t total, const std::string& unit)>;

// The first poll, then one every kStatementPollEvery.
inline constexpr absl::Duration kStatementPollFirst = absl::Milliseconds(500);
inline constexpr absl::Duration kStatementPollEvery = absl::Seconds(2);

class StatementProgress {
 public:
  // Polls session `session_id` of server `server` ("host:port") until
  // destroyed; does nothing when `open` or `fraction` is empty or
  // `session_id` is 0.
  StatementProgress(OpenReader open, int64_t session_id, std::string server,
                    FractionFn fraction);
  ~StatementProgress();
  StatementProgress(const StatementProgress&) = delete;
  StatementProgress& operator=(const StatementProgress&) = delete;

 private:
  void Poll();
  // Waits `d` or until stopped; true when stopped.
  bool StoppedAfter(absl::Duration d);

  OpenReader open_;
  int64_t session_id_;
  std::string server_;
  FractionFn fraction_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_APPLY_STATEMENT_PROGRESS_H_
