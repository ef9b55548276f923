// lease_lock.h: the per-module migration lock, held for the whole of a
// module's run, across processes and across controllers.
//
// MariaDB's GET_LOCK is node-local: on a Galera cluster two controllers on
// two nodes both get it. So the lock is a lease row in the module's own
// database, `aos_migration_lock` (primary key repository_id): taking it is an
// INSERT, which a Galera cluster certifies cluster-wide (of two conflicting
// inserts on two nodes, one fails), and the row names its holder (host, pid,
// since). The holder renews its lease from a second connection while it
// runs; a holder that dies stops renewing, and once its lease has expired the
// next run takes the lock over. A holder on this very host whose process is
// gone (killed, OOM) is taken over at once. Times are the server's, so controllers'
// clocks do not matter.
#ifndef AOS_CORE_ENGINE_LOCKS_LEASE_LOCK_H_
#define AOS_CORE_ENGINE_LOCKS_LEASE_LOCK_H_

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "core/backend/database.h"
#include "core/engine/locks/module_lock.h"

namespace aos::engine {

inline constexpr char kLockTable[] = "aos_migration_lock";

struct LockOptions {
  int timeout_seconds = 300;  // how long to wait for another holder
  int lease_seconds = 60;     // how long a silent holder keeps the lock
};

class LeaseLock : public ModuleLock {
 public:
  // `db` takes and releases the lock; `renewer` (a second connection to the
  // same database, may be null) renews the lease in the background.
  LeaseLock(backend::Database& db,
                std::unique_ptr<backend::Database> renewer,
                std::string repository_id, LockOptions options);
  ~LeaseLock() override;  // releases if held

  // Waits up to timeout_seconds; `waiting` is told who holds it meanwhile.
  // kDeadlineExceeded names the holder when it kept the lock.
  absl::Status Acquire(
      const std::function<void(const std::string&)>& waiting) override;
  absl::Status Release() override;

 private:
  absl::Status EnsureTable();
  // Tries once: true if taken; else fills holder_ with who has it. A
  // holder on this host whose process is gone is taken over at once when
  // `take_over_dead`.
  absl::StatusOr<bool> TryOnce(bool take_over_dead);
  void RenewLoop();

  backend::Database& db_;
  std::unique_ptr<backend::Database> renewer_;
  std::string repository_id_;
  LockOptions options_;
  std::string owner_;   // unique token of this holder
  std::string holder_;  // "host H, pid P, since T" of the current holder
  bool held_ = false;
  std::thread renew_thread_;
  std::mutex mu_;
  std::condition_variable stop_cv_;
  bool stop_ = false;
};

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_LOCKS_LEASE_LOCK_H_
