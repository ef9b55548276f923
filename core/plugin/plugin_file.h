// plugin_file.h: a plugin file opened once, so that what is judged, what is
// looked up in the cache, what is loaded and what is cached are one file.
//
// The path is opened (a symlink followed) and everything after works on
// that descriptor: its fstat is the file's identity (the cache key,
// plugin_cache.h), the trust rule is applied to that stat and to where the
// opened file really is (trusted_file.h: the directory that holds it and
// every one above), and dlopen loads it through /proc/self/fd/N
// (LoadPluginFile, plugin_loader.h). A link swapped or a file replaced
// after the opening changes nothing for this run, and the next run opens
// what the path names then. Linux only: /proc must be mounted.
#ifndef AOS_CORE_PLUGIN_PLUGIN_FILE_H_
#define AOS_CORE_PLUGIN_PLUGIN_FILE_H_

#include <sys/stat.h>

#include <string>

#include "absl/status/statusor.h"

namespace aos::plugin {

class PluginFile {
 public:
  // Opens `path` and judges the file opened: a regular file, trusted, in a
  // trusted place. The error names `path` (and where a link led) and why.
  static absl::StatusOr<PluginFile> Open(const std::string& path);

  PluginFile(PluginFile&& other) noexcept;
  PluginFile& operator=(PluginFile&& other) noexcept;
  PluginFile(const PluginFile&) = delete;
  PluginFile& operator=(const PluginFile&) = delete;
  ~PluginFile();  // closes the descriptor unless Released

  const std::string& path() const { return path_; }  // as listed
  int fd() const { return fd_; }
  // The descriptor's fstat when it was opened.
  const struct stat& identity() const { return identity_; }
  // "/proc/self/fd/N": the name that opens this very file again.
  std::string ProcPath() const;
  // True when a new fstat of the descriptor gives the same identity (the
  // file was not written, chmod-ed or chown-ed since it was opened).
  bool Unchanged() const;
  // Leaves the descriptor open for the life of the process (see
  // LoadPluginFile: a library loaded through it keeps its number as name).
  void Release() { fd_ = -1; }

 private:
  PluginFile(std::string path, int fd, const struct stat& identity)
      : path_(std::move(path)), fd_(fd), identity_(identity) {}

  std::string path_;
  int fd_ = -1;
  struct stat identity_ {};
};

// Everything that changes when a file is written, replaced, chmod-ed or
// chown-ed: device, inode, size, modification and change times, mode,
// owner. The change time cannot be set back by anyone: a rewrite that
// keeps the size and puts the modification time back still changes it.
std::string FileKey(const struct stat& st);

}  // namespace aos::plugin

#endif  // AOS_CORE_PLUGIN_PLUGIN_FILE_H_
