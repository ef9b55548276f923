#include "core/plugin/trusted_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace aos::plugin {
namespace {

// The rule for a directory above the one that holds the file.
absl::Status CheckAbove(const std::string& dir, const struct stat& st) {
  if (st.st_mode & S_ISVTX) {
    // Sticky (and, checked below, root's or ours): others may add entries
    // there, never rename or remove the one on our path (its owner is
    // checked as the next directory down, or as the file's holder).
    struct stat owner_only = st;
    owner_only.st_mode &= ~(S_IWGRP | S_IWOTH);
    return CheckTrusted(dir, owner_only);
  }
  return CheckTrusted(dir, st);
}

}  // namespace

absl::Status CheckOwnerAndMode(const std::string& path, const struct stat& st,
                               absl::string_view consequence,
                               absl::string_view chown_hint) {
  uid_t me = geteuid();
  if (st.st_uid != 0 && st.st_uid != me) {
    return absl::PermissionDeniedError(
        absl::StrCat(path, ": owned by uid ", st.st_uid,
                     ", neither root nor the invoking user; ", consequence, chown_hint));
  }
  if (st.st_mode & (S_IWGRP | S_IWOTH)) {
    return absl::PermissionDeniedError(absl::StrCat(
        path, ": writable by group or others (mode ",
        absl::StrFormat("%04o", st.st_mode & 07777), "); ", consequence, " (chmod go-w)"));
  }
  return absl::OkStatus();
}

absl::Status CheckTrusted(const std::string& path, const struct stat& st) {
  return CheckOwnerAndMode(path, st, "refusing to load code from it", "");
}

absl::Status CheckTrustedPlace(const std::string& dir) {
  if (dir.empty() || dir[0] != '/') {
    return absl::PermissionDeniedError(
        absl::StrCat(dir, ": not an absolute path; refusing to load code from it"));
  }
  std::string current = dir;
  while (current.size() > 1 && current.back() == '/') current.pop_back();
  for (bool holder = true;; holder = false) {
    struct stat st;
    if (lstat(current.c_str(), &st) != 0) {
      return absl::PermissionDeniedError(absl::StrCat(
          current, ": ", std::strerror(errno), "; refusing to load code from it"));
    }
    if (!S_ISDIR(st.st_mode)) {  // a link appeared since the path was read
      return absl::PermissionDeniedError(absl::StrCat(
          current, ": no longer a directory; refusing to load code from it"));
    }
    absl::Status s = holder ? CheckTrusted(current, st) : CheckAbove(current, st);
    if (!s.ok() || current == "/") return s;
    size_t slash = current.rfind('/');
    current = slash == 0 ? "/" : current.substr(0, slash);
  }
}

}  // namespace aos::plugin
