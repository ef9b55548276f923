#include "core/engine/locks/held_lock.h"

#include "core/backend/open_database.h"
#include "core/engine/locks/file_lock.h"
#include "core/engine/locks/lease_lock.h"

namespace aos::engine {
namespace {

absl::StatusOr<std::unique_ptr<ModuleLock>> MakeLock(
    backend::Database& db, const config::ConnectionUrl& url,
    const std::string& repository_id, const LockSettings& settings) {
  if (db.dialect() == "sqlite") {
    return std::unique_ptr<ModuleLock>(
        new FileLock(url.database, settings.timeout_seconds));
  }
  // The lease renewer gets a connection of its own: the main one may sit in
  // a long DDL statement.
  absl::StatusOr<std::unique_ptr<backend::Database>> renewer =
      backend::OpenDatabase(url, settings.session);
  if (!renewer.ok()) return renewer.status();
  return std::unique_ptr<ModuleLock>(
      new LeaseLock(db, std::move(*renewer), repository_id,
                    {settings.timeout_seconds, settings.lease_seconds}));
}

}  // namespace

absl::Status HeldLock::Release() {
  if (lock_ == nullptr) return absl::OkStatus();
  absl::Status st = lock_->Release();
  lock_.reset();
  return st;
}

absl::StatusOr<HeldLock> TakeModuleLock(
    backend::Database& db, const config::ConnectionUrl& url,
    const std::string& repository_id, const LockSettings& settings,
    const std::function<void(const std::string&)>& waiting) {
  absl::StatusOr<std::unique_ptr<ModuleLock>> lock =
      MakeLock(db, url, repository_id, settings);
  if (!lock.ok()) return lock.status();
  if (absl::Status st = (*lock)->Acquire(waiting); !st.ok()) return st;
  return HeldLock(*std::move(lock));
}

}  // namespace aos::engine
