// module_lock.h: a module's migration lock, held for the whole of that
// module's run so that two runs (processes, controllers) never migrate one
// module at the same time. LeaseLock serves database servers; FileLock
// serves SQLite files.
#ifndef AOS_CORE_ENGINE_LOCKS_MODULE_LOCK_H_
#define AOS_CORE_ENGINE_LOCKS_MODULE_LOCK_H_

#include <functional>
#include <string>

#include "absl/status/status.h"

namespace aos::engine {

// How a wait for another holder begins, as told to Acquire's `waiting`.
inline constexpr char kWaitingForLock[] = "waiting for the migration lock";

class ModuleLock {
 public:
  virtual ~ModuleLock() = default;
  // Waits for the lock; `waiting` is told who holds it meanwhile. Fails
  // with kDeadlineExceeded, naming the holder, when it could not be had.
  virtual absl::Status Acquire(
      const std::function<void(const std::string&)>& waiting) = 0;
  virtual absl::Status Release() = 0;
};

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_LOCKS_MODULE_LOCK_H_
