#include "core/plugin/plugin_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/plugin/trusted_file.h"

namespace aos::plugin {
namespace {

int64_t Nanos(const struct timespec& t) {
  return int64_t{t.tv_sec} * 1000000000 + t.tv_nsec;
}

std::string DirOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// Where the file open as `fd` is: the kernel's name for it.
absl::StatusOr<std::string> WhereOpened(const std::string& path, int fd) {
  const std::string proc = absl::StrCat("/proc/self/fd/", fd);
  char buffer[PATH_MAX];
  ssize_t n = readlink(proc.c_str(), buffer, sizeof buffer);
  if (n < 0 || n == static_cast<ssize_t>(sizeof buffer)) {
    return absl::FailedPreconditionError(absl::StrCat(
        path, ": cannot tell where the opened file is (", proc, ": ",
        n < 0 ? std::strerror(errno) : "too long",
        "); plugins are loaded through /proc, which must be mounted"));
  }
  return std::string(buffer, n);
}

}  // namespace

std::string FileKey(const struct stat& st) {
  return absl::StrCat(st.st_dev, ":", st.st_ino, ":", st.st_size, ":",
                      Nanos(st.st_mtim), ":", Nanos(st.st_ctim), ":",
                      st.st_mode, ":", st.st_uid, ":", st.st_gid);
}

absl::StatusOr<PluginFile> PluginFile::Open(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    return absl::NotFoundError(absl::StrCat(path, ": ", std::strerror(errno)));
  }
  if (!S_ISREG(st.st_mode)) {  // a FIFO or device would block or lie
    return absl::FailedPreconditionError(
        absl::StrCat(path, ": not a regular file"));
  }
  // O_NONBLOCK: should it have become a FIFO since, opening does not wait.
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    return absl::NotFoundError(absl::StrCat(path, ": ", std::strerror(errno)));
  }
  PluginFile file(path, fd, st);
  if (fstat(fd, &file.identity_) != 0) {
    return absl::UnavailableError(absl::StrCat(path, ": ", std::strerror(errno)));
  }
  if (!S_ISREG(file.identity_.st_mode)) {
    return absl::FailedPreconditionError(
        absl::StrCat(path, ": not a regular file"));
  }
  absl::StatusOr<std::string> where = WhereOpened(path, fd);
  if (!where.ok()) return where.status();
  // A symlink is judged where it led; the message names both.
  struct stat entry;
  const bool link = lstat(path.c_str(), &entry) == 0 && S_ISLNK(entry.st_mode);
  const std::string name = link ? absl::StrCat(path, " -> ", *where) : path;
  if (absl::Status s = CheckTrusted(name, file.identity_); !s.ok()) return s;
  if (absl::Status s = CheckTrustedPlace(DirOf(*where)); !s.ok()) {
    return absl::PermissionDeniedError(absl::StrCat(name, ": ", s.message()));
  }
  return file;
}

PluginFile::PluginFile(PluginFile&& other) noexcept
    : path_(std::move(other.path_)), fd_(other.fd_), identity_(other.identity_) {
  other.fd_ = -1;
}

PluginFile& PluginFile::operator=(PluginFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    path_ = std::move(other.path_);
    fd_ = other.fd_;
    identity_ = other.identity_;
    other.fd_ = -1;
  }
  return *this;
}

PluginFile::~PluginFile() {
  if (fd_ >= 0) close(fd_);
}

std::string PluginFile::ProcPath() const {
  return absl::StrCat("/proc/self/fd/", fd_);
}

bool PluginFile::Unchanged() const {
  struct stat now;
  return fd_ >= 0 && fstat(fd_, &now) == 0 && FileKey(now) == FileKey(identity_);
}

}  // namespace aos::plugin
