#include "core/engine/locks/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/util/backoff.h"
#include "core/util/clock.h"
#include "core/util/host_identity.h"

namespace aos::engine {
namespace {

std::string ReadHolder(int fd) {
  char buf[512] = {0};
  ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
  return n > 0 ? std::string(buf, n) : "an unknown process";
}

}  // namespace

FileLock::FileLock(std::string database_path, int timeout_seconds)
    : path_(std::move(database_path) + ".migrate-lock"),
      timeout_seconds_(timeout_seconds) {}

FileLock::~FileLock() { (void)Release(); }

absl::Status FileLock::Acquire(
    const std::function<void(const std::string&)>& waiting) {
  if (fd_ >= 0) return absl::OkStatus();
  int fd = open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::PermissionDeniedError(absl::StrCat(
        "cannot open the lock file ", path_, ": ", std::strerror(errno)));
  }
  // A fixed poll: flock cannot wait with a deadline.
  util::Backoff poll(absl::Milliseconds(50), absl::Milliseconds(50),
                     absl::Now() + absl::Seconds(timeout_seconds_));
  bool told = false;
  while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      close(fd);
      return absl::InternalError(
          absl::StrCat("cannot lock ", path_, ": ", std::strerror(errno)));
    }
    if (poll.Expired()) {
      std::string holder = ReadHolder(fd);
      close(fd);
      return absl::DeadlineExceededError(absl::StrCat(
          "another run holds the migration lock ", path_, " (", holder,
          "); waited ", timeout_seconds_, " s (--lock-timeout)"));
    }
    if (!told) {
      waiting(absl::StrCat(kWaitingForLock, " held by ",
                           ReadHolder(fd)));
      told = true;
    }
    poll.Wait();
  }
  std::string holder = absl::StrCat("host ", util::HostName(), ", pid ", getpid(),
                                    ", since ", util::NowUtc());
  if (ftruncate(fd, 0) == 0) {
    (void)!pwrite(fd, holder.data(), holder.size(), 0);
  }
  fd_ = fd;
  return absl::OkStatus();
}

absl::Status FileLock::Release() {
  if (fd_ < 0) return absl::OkStatus();
  (void)!ftruncate(fd_, 0);
  flock(fd_, LOCK_UN);
  close(fd_);
  fd_ = -1;
  return absl::OkStatus();
}

}  // namespace aos::engine
