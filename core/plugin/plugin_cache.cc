#include "core/plugin/plugin_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ctime>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/strings/string_view.h"
#include "core/plugin/plugin_codec.h"
#include "core/plugin/plugin_file.h"
#include "core/plugin/trusted_file.h"

namespace aos::plugin {
namespace {

// 2: the descriptions carry the expected schemas (ABI 1.3); a cache of
// format 1 is not read (its plugins are described again).
constexpr absl::string_view kMagic = "aos-db-migrate plugin cache 2\n";
constexpr off_t kMaxCacheBytes = off_t{256} << 20;

int64_t Nanos(const struct timespec& t) {
  return int64_t{t.tv_sec} * 1000000000 + t.tv_nsec;
}

// The running binary: entries were checked by its descriptor reader.
std::string BinaryKey() {
  struct stat st;
  if (stat("/proc/self/exe", &st) != 0) return "";
  return FileKey(st);
}

void PutString(std::string* out, absl::string_view s) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((uint64_t{s.size()} >> shift) & 0xff));
  }
  out->append(s.data(), s.size());
}

bool GetString(absl::string_view* in, std::string* s) {
  if (in->size() < 8) return false;
  uint64_t n = 0;
  for (int i = 0; i < 8; ++i) n = (n << 8) | static_cast<uint8_t>((*in)[i]);
  in->remove_prefix(8);
  if (n > in->size()) return false;
  s->assign(in->data(), n);
  in->remove_prefix(n);
  return true;
}

std::string DirOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// The directory may hold the cache: ours or root's, writable by nobody else.
absl::Status CheckCacheDir(const std::string& dir) {
  struct stat st;
  if (lstat(dir.c_str(), &st) != 0) {
    return absl::NotFoundError(absl::StrCat(dir, ": ", std::strerror(errno)));
  }
  if (!S_ISDIR(st.st_mode)) {
    return absl::FailedPreconditionError(absl::StrCat(dir, ": not a directory"));
  }
  return CheckTrusted(dir, st);
}

// The cache file's bytes, or "" when it is absent or not safe to believe.
std::string ReadTrusted(const std::string& path) {
  if (!CheckCacheDir(DirOf(path)).ok()) return "";
  int fd = open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return "";
  struct stat st;
  std::string bytes;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
      (st.st_mode & 077) == 0 && st.st_size <= kMaxCacheBytes) {
    bytes.resize(st.st_size);
    size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = read(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += n;
    }
    bytes.resize(done);
  }
  close(fd);
  return bytes;
}

bool WriteAll(int fd, absl::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(n);
  }
  return true;
}

}  // namespace

PluginCache PluginCache::Open(const std::string& path,
                              absl::Duration settled) {
  PluginCache cache;
  cache.path_ = path;
  cache.settled_ = settled;
  if (path.empty()) return cache;
  std::string bytes = ReadTrusted(path);
  absl::string_view in = bytes;
  std::string binary;
  if (!absl::ConsumePrefix(&in, kMagic) || !GetString(&in, &binary) ||
      binary.empty() || binary != BinaryKey()) {
    return cache;  // absent, damaged or another binary's: start afresh
  }
  std::map<std::string, Entry> entries;
  while (!in.empty()) {
    std::string file;
    Entry e;
    if (!GetString(&in, &file) || !GetString(&in, &e.key) ||
        !GetString(&in, &e.bytes)) {
      return cache;  // truncated: believe none of it
    }
    entries[file] = std::move(e);
  }
  cache.entries_ = std::move(entries);
  return cache;
}

std::optional<ModulePlugin> PluginCache::Find(const PluginFile& file) const {
  auto it = entries_.find(file.path());
  if (it == entries_.end() || it->second.key != FileKey(file.identity())) {
    return std::nullopt;
  }
  absl::StatusOr<ModulePlugin> plugin = DecodePlugin(it->second.bytes);
  if (!plugin.ok() || plugin->path != file.path()) return std::nullopt;
  return *std::move(plugin);
}

void PluginCache::Put(const PluginFile& file, const ModulePlugin& plugin) {
  if (path_.empty()) return;
  const struct stat& st = file.identity();
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  const int64_t settled = Nanos(now) - absl::ToInt64Nanoseconds(settled_);
  if (Nanos(st.st_mtim) > settled || Nanos(st.st_ctim) > settled) return;
  if (!file.Unchanged() || plugin.path != file.path()) return;
  const std::string& plugin_path = file.path();
  Entry e{FileKey(st), EncodePlugin(plugin)};
  auto it = entries_.find(plugin_path);
  if (it != entries_.end() && it->second.key == e.key &&
      it->second.bytes == e.bytes) {
    return;
  }
  entries_[plugin_path] = std::move(e);
  changed_ = true;
}

void PluginCache::Retain(const std::string& dir,
                         const std::vector<std::string>& paths) {
  std::map<std::string, Entry> kept;
  for (const std::string& p : paths) {
    auto it = entries_.find(p);
    if (it != entries_.end()) kept.insert(entries_.extract(it));
  }
  for (auto& [file, e] : entries_) {  // other directories' files that remain
    struct stat st;
    if (DirOf(file) != dir && stat(file.c_str(), &st) == 0) {
      kept.emplace(file, std::move(e));
    } else {
      changed_ = true;
    }
  }
  entries_ = std::move(kept);
}

absl::Status PluginCache::Save() {
  if (path_.empty() || !changed_) return absl::OkStatus();
  const std::string binary = BinaryKey();
  if (binary.empty()) {
    return absl::UnavailableError("cannot identify the running binary");
  }
  const std::string dir = DirOf(path_);
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return absl::UnavailableError(absl::StrCat(dir, ": ", std::strerror(errno)));
  }
  if (absl::Status s = CheckCacheDir(dir); !s.ok()) return s;
  std::string bytes(kMagic);
  PutString(&bytes, binary);
  for (const auto& [file, e] : entries_) {
    PutString(&bytes, file);
    PutString(&bytes, e.key);
    PutString(&bytes, e.bytes);
  }
  const std::string temp = absl::StrCat(path_, ".", getpid(), ".tmp");
  int fd = open(temp.c_str(),
                O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::UnavailableError(absl::StrCat(temp, ": ", std::strerror(errno)));
  }
  const bool written = WriteAll(fd, bytes);
  const bool closed = close(fd) == 0;
  if (!written || !closed || rename(temp.c_str(), path_.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    unlink(temp.c_str());
    return absl::UnavailableError(absl::StrCat(path_, ": ", why));
  }
  changed_ = false;
  return absl::OkStatus();
}

}  // namespace aos::plugin
