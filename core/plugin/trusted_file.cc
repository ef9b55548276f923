#include "core/plugin/trusted_file.h"

#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace aos::plugin {

absl::Status CheckTrusted(const std::string& path, const struct stat& st) {
  uid_t me = geteuid();
  if (st.st_uid != 0 && st.st_uid != me) {
    return absl::PermissionDeniedError(absl::StrCat(
        path, ": owned by uid ", st.st_uid,
        ", neither root nor the invoking user; refusing to load code from it"));
  }
  if (st.st_mode & (S_IWGRP | S_IWOTH)) {
    return absl::PermissionDeniedError(absl::StrCat(
        path, ": writable by group or others (mode ",
        absl::StrFormat("%04o", st.st_mode & 07777),
        "); refusing to load code from it (chmod go-w)"));
  }
  return absl::OkStatus();
}

}  // namespace aos::plugin
