#include "core/engine/locks/lease_lock.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <optional>
#include <random>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/backend/database_error.h"
#include "core/util/backoff.h"
#include "core/util/host_identity.h"

namespace aos::engine {
namespace {

// The server's clock, in each dialect.
std::string Now(absl::string_view dialect) {
  return dialect == "sqlite" ? "datetime('now')" : "CURRENT_TIMESTAMP";
}

// The server's clock plus a bound number of seconds.
std::string NowPlusSeconds(absl::string_view dialect) {
  if (dialect == "mysql") return "NOW() + INTERVAL ? SECOND";
  if (dialect == "postgresql") return "NOW() + (? * INTERVAL '1 second')";
  return "datetime('now', '+' || ? || ' seconds')";
}

// Errors a lock taker should simply retry: a deadlock, a serialization
// failure or a Galera certification conflict, a lock wait timeout, and a
// duplicate key from a holder that has released its row since.
bool IsRetryable(const absl::Status& st) {
  std::optional<backend::ErrorCategory> category = backend::CategoryOf(st);
  return category == backend::ErrorCategory::kDeadlock ||
         category == backend::ErrorCategory::kLockWaitTimeout ||
         category == backend::ErrorCategory::kDuplicate;
}

// Whether the holder row names this host and a process that is gone: a run
// killed here (kill -9, OOM) whose lease has not expired yet. A pid that was
// reused since counts as alive: then the lease decides, as for a remote
// holder.
bool HeldByADeadProcessHere(const std::optional<std::string>& host,
                            const std::optional<std::string>& pid_text) {
  int64_t pid = 0;
  if (!host || *host != util::HostName() || !pid_text ||
      !absl::SimpleAtoi(*pid_text, &pid) || pid <= 0) {
    return false;
  }
  return kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

}  // namespace

LeaseLock::LeaseLock(backend::Database& db,
                             std::unique_ptr<backend::Database> renewer,
                             std::string repository_id, LockOptions options)
    : db_(db),
      renewer_(std::move(renewer)),
      repository_id_(std::move(repository_id)),
      options_(options) {
  std::random_device random;
  owner_ = absl::StrCat(util::HostName(), ":", getpid(), ":", random(), random());
  if (owner_.size() > 128) owner_ = owner_.substr(owner_.size() - 128);
}

LeaseLock::~LeaseLock() { (void)Release(); }

absl::Status LeaseLock::EnsureTable() {
  std::string time_type = db_.dialect() == "postgresql" ? "TIMESTAMP" : "DATETIME";
  absl::Status st = db_.Execute(
      absl::StrCat("CREATE TABLE IF NOT EXISTS aos_migration_lock ("
                   "repository_id VARCHAR(250) NOT NULL PRIMARY KEY, "
                   "owner VARCHAR(128) NOT NULL, host VARCHAR(255), "
                   "pid INTEGER, acquired_at ", time_type, " NOT NULL, "
                   "expires_at ", time_type, " NOT NULL)"),
      {});
  // Two first runs at once: PostgreSQL's CREATE TABLE IF NOT EXISTS can
  // lose the race with a duplicate-key error even though the table is there.
  if (!st.ok()) {
    absl::StatusOr<bool> exists = db_.TableExists(kLockTable);
    if (exists.ok() && *exists) return absl::OkStatus();
  }
  return st;
}

absl::StatusOr<bool> LeaseLock::TryOnce(bool take_over_dead) {
  const absl::string_view dialect = db_.dialect();
  // A holder whose lease ran out is dead or cut off: take over.
  absl::Status st = db_.Execute(
      absl::StrCat("DELETE FROM aos_migration_lock WHERE repository_id = ? "
                   "AND expires_at < ", Now(dialect)),
      {repository_id_});
  if (!st.ok() && !IsRetryable(st)) return st;
  st = db_.Execute(
      absl::StrCat("INSERT INTO aos_migration_lock (repository_id, owner, "
                   "host, pid, acquired_at, expires_at) VALUES (?, ?, ?, ?, ",
                   Now(dialect), ", ", NowPlusSeconds(dialect), ")"),
      {repository_id_, owner_, util::HostName(), static_cast<int64_t>(getpid()),
       static_cast<int64_t>(options_.lease_seconds)});
  if (st.ok()) return true;
  absl::StatusOr<std::vector<backend::Row>> rows = db_.Query(
      absl::StrCat("SELECT host, pid, CAST(acquired_at AS ",
                   dialect == "mysql" ? "CHAR" : "TEXT",
                   "), owner FROM aos_migration_lock WHERE repository_id = ?"),
      {repository_id_});
  if (!rows.ok()) return rows.status();
  if (!rows->empty()) {
    const backend::Row& r = rows->front();
    holder_ = absl::StrCat("host ", r[0].value_or("?"), ", pid ",
                           r[1].value_or("?"), ", since ",
                           r[2].value_or("?"));
    if (take_over_dead && HeldByADeadProcessHere(r[0], r[1])) {
      // No need to wait for its lease: free the row of that owner only
      // (never one a new holder took meanwhile) and try again.
      absl::Status freed = db_.Execute(
          "DELETE FROM aos_migration_lock WHERE repository_id = ? AND owner = ?",
          {repository_id_, r[3].value_or("")});
      if (!freed.ok() && !IsRetryable(freed)) return freed;
      return TryOnce(/*take_over_dead=*/false);
    }
    return false;
  }
  if (IsRetryable(st)) return false;
  return st;
}

absl::Status LeaseLock::Acquire(
    const std::function<void(const std::string&)>& waiting) {
  if (held_) return absl::OkStatus();
  if (absl::Status st = EnsureTable(); !st.ok()) return st;
  const absl::Time deadline =
      absl::Now() + absl::Seconds(options_.timeout_seconds);
  util::Backoff backoff(absl::Milliseconds(50), absl::Seconds(1), deadline);
  std::string told;
  while (true) {
    absl::StatusOr<bool> taken = TryOnce(/*take_over_dead=*/true);
    if (!taken.ok()) return taken.status();
    if (*taken) break;
    if (backoff.Expired()) {
      return absl::DeadlineExceededError(absl::StrCat(
          "another run holds the migration lock of ", repository_id_, " (",
          holder_, "); waited ", options_.timeout_seconds,
          " s (--lock-timeout)"));
    }
    if (holder_ != told) {
      waiting(absl::StrCat(kWaitingForLock, " held by ", holder_));
      told = holder_;
    }
    backoff.Wait();
  }
  held_ = true;
  if (renewer_) {
    stop_ = false;
    renew_thread_ = std::thread(&LeaseLock::RenewLoop, this);
  }
  return absl::OkStatus();
}

void LeaseLock::RenewLoop() {
  const auto every = std::chrono::seconds(std::max(1, options_.lease_seconds / 3));
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_cv_.wait_for(lock, every, [this] { return stop_; })) {
    (void)renewer_->Execute(
        absl::StrCat("UPDATE aos_migration_lock SET expires_at = ",
                     NowPlusSeconds(renewer_->dialect()),
                     " WHERE repository_id = ? AND owner = ?"),
        {static_cast<int64_t>(options_.lease_seconds), repository_id_, owner_});
  }
}

absl::Status LeaseLock::Release() {
  if (!held_) return absl::OkStatus();
  if (renew_thread_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    stop_cv_.notify_all();
    renew_thread_.join();
  }
  held_ = false;
  return db_.Execute(
      "DELETE FROM aos_migration_lock WHERE repository_id = ? AND owner = ?",
      {repository_id_, owner_});
}

}  // namespace aos::engine
