// held_lock.h: a module's migration lock held for a scope (RAII).
//
//   absl::StatusOr<HeldLock> lock = TakeModuleLock(db, url, id, settings, fn);
//   if (!lock.ok()) return ...;            // not taken: says who holds it
//   ... migrate ...
//   absl::Status released = lock->Release();  // or at the end of the scope
//
// The lock's kind follows the engine: a lease row for database servers
// (lease_lock.h), an flock beside the file for SQLite (file_lock.h).
#ifndef AOS_CORE_ENGINE_LOCKS_HELD_LOCK_H_
#define AOS_CORE_ENGINE_LOCKS_HELD_LOCK_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/config/connection_url.h"
#include "core/engine/locks/module_lock.h"

namespace aos::engine {

struct LockSettings {
  int timeout_seconds = 300;  // how long to wait for another holder
  int lease_seconds = 60;     // a dead holder's lease expires after this
  backend::SessionOptions session;  // for the lease renewer's connection
};

class HeldLock {
 public:
  explicit HeldLock(std::unique_ptr<ModuleLock> lock) : lock_(std::move(lock)) {}
  HeldLock(HeldLock&&) = default;
  HeldLock& operator=(HeldLock&&) = delete;
  ~HeldLock() { (void)Release(); }

  // Releases the lock once; later calls do nothing.
  absl::Status Release();

 private:
  std::unique_ptr<ModuleLock> lock_;
};

// Waits for the module's lock (`waiting` is told who holds it meanwhile).
absl::StatusOr<HeldLock> TakeModuleLock(
    backend::Database& db, const config::ConnectionUrl& url,
    const std::string& repository_id, const LockSettings& settings,
    const std::function<void(const std::string&)>& waiting);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_LOCKS_HELD_LOCK_H_
