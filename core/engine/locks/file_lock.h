// file_lock.h: the migration lock of an SQLite database: an exclusive
// flock() on "<database file>.migrate-lock" beside it, which the kernel
// releases when the holder dies. The lock file records the holder (host,
// pid, since) for a run that has to wait.
#ifndef AOS_CORE_ENGINE_LOCKS_FILE_LOCK_H_
#define AOS_CORE_ENGINE_LOCKS_FILE_LOCK_H_

#include <string>

#include "core/engine/locks/module_lock.h"

namespace aos::engine {

class FileLock : public ModuleLock {
 public:
  FileLock(std::string database_path, int timeout_seconds);
  ~FileLock() override;

  absl::Status Acquire(
      const std::function<void(const std::string&)>& waiting) override;
  absl::Status Release() override;

 private:
  std::string path_;
  int timeout_seconds_;
  int fd_ = -1;
};

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_LOCKS_FILE_LOCK_H_
