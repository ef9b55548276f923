// module_lock.h: a module's migration lock, held for the whole of that
// module's run so that two runs (processes, controllers) never migrate one
// module at the same time. LeaseLock serves database servers; FileLock
// serves SQLite files.
#ifndef AOS_CORE_ENGINE_LOCKS_MODULE_LOCK_H_
#define AOS_CORE_ENGINE_LOCKS_MODULE_LOCK_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "absl/status/status.h"

namespace aos::engine {

// How a wait for another holder begins, as told to Acquire's `waiting`.
inline constexpr char kWaitingForLock[] = "waiting for the migration lock";

// The server session of a holder the lock was taken over from (a run
// killed, or cut off until its lease ran out), as that holder recorded it:
// its server may still be running the run's statement, in a transaction
// nobody will commit (PostgreSQL's backend goes on until it next speaks to
// its client), holding the locks the next run's step needs.
struct TakenOverSession {
  int64_t id = 0;     // the server's session id (PostgreSQL: backend pid)
  std::string since;  // when that holder took the lock, server time
};

class ModuleLock {
 public:
  virtual ~ModuleLock() = default;
  // Waits for the lock; `waiting` is told who holds it meanwhile. Fails
  // with kDeadlineExceeded, naming the holder, when it could not be had.
  virtual absl::Status Acquire(
      const std::function<void(const std::string&)>& waiting) = 0;
  virtual absl::Status Release() = 0;
  // After Acquire: the session of the holder it took over from, when that
  // holder recorded one; nullopt otherwise.
  virtual std::optional<TakenOverSession> TakenOver() const {
    return std::nullopt;
  }
};

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_LOCKS_MODULE_LOCK_H_
