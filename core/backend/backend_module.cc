#include "core/backend/backend_module.h"

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/plugin/trusted_file.h"

namespace aos::backend {
namespace {

std::string ExecutableDir() {
  char path[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0) return ".";
  std::string exe(path, n);
  return exe.substr(0, exe.rfind('/'));
}

absl::StatusOr<BackendOpenFn> Load(absl::string_view dialect) {
  const std::string file = absl::StrCat("libaos_backend_", dialect, ".so");
  const std::string dir = ExecutableDir();
  std::vector<std::string> tried;
  for (const std::string& candidate :
       {absl::StrCat(dir, "/../lib/aos/db-migrate/backends/", file),
        absl::StrCat(dir, "/", file)}) {
    struct stat st;
    if (stat(candidate.c_str(), &st) != 0) {
      tried.push_back(candidate);
      continue;
    }
    if (absl::Status s = plugin::CheckTrusted(candidate, st); !s.ok()) {
      return s;
    }
    // Never closed: the connections it opens live until the process ends.
    void* handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* error = dlerror();
      return absl::FailedPreconditionError(absl::StrCat(
          "cannot load the ", dialect, " backend: ", error ? error : candidate));
    }
    void* entry = dlsym(handle, kBackendEntry);
    if (entry == nullptr) {
      return absl::FailedPreconditionError(absl::StrCat(
          candidate, " has no ", kBackendEntry, "; not a backend of this build"));
    }
    return reinterpret_cast<BackendOpenFn>(entry);
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "the ", dialect, " backend is not installed (looked for ",
      absl::StrJoin(tried, " and "), ")"));
}

}  // namespace

absl::StatusOr<BackendOpenFn> LoadBackendModule(absl::string_view dialect) {
  static std::mutex mutex;
  static auto* loaded =
      new std::map<std::string, absl::StatusOr<BackendOpenFn>>();
  std::lock_guard<std::mutex> lock(mutex);
  auto it = loaded->find(std::string(dialect));
  if (it == loaded->end()) {
    it = loaded->emplace(std::string(dialect), Load(dialect)).first;
  }
  return it->second;
}

}  // namespace aos::backend
