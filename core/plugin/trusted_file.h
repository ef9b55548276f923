// trusted_file.h: the rule for files the tool loads code from (module
// plugins, backend modules) or reads them from (the plugin directory): owned
// by root or by the invoking user, and writable by nobody else. The tool
// runs as root at boot; a file anyone else can change is refused.
//
// Where such a file is counts too: whoever may write a directory on its
// path may replace it. A plugin file is judged in the directory that
// really holds it (a symlink's target's): that directory follows the rule
// above, and every directory over it up to / is owned by root or the
// invoking user and writable by nobody else unless it has the sticky bit
// (like /tmp: there no one else may rename or remove what those own).
#ifndef AOS_CORE_PLUGIN_TRUSTED_FILE_H_
#define AOS_CORE_PLUGIN_TRUSTED_FILE_H_

#include <sys/stat.h>

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace aos::plugin {

// PermissionDenied, naming `path` and what to change, unless `st` (the
// file's stat) follows the rule.
absl::Status CheckTrusted(const std::string& path, const struct stat& st);

// The same rule for a file the tool takes its choices from rather than its
// code (the tool's config file, which names the plugins that run):
// `consequence` says what the refusal means ("refusing to load code from
// it"), `chown_hint` is added to an owner's refusal (" (chown root)").
absl::Status CheckOwnerAndMode(const std::string& path, const struct stat& st,
                               absl::string_view consequence,
                               absl::string_view chown_hint);

// PermissionDenied, naming the directory and what to change, unless `dir`
// (absolute, without symlinks: a path read from /proc/self/fd) and every
// directory above it are trusted places for code as said above.
absl::Status CheckTrustedPlace(const std::string& dir);

}  // namespace aos::plugin

#endif  // AOS_CORE_PLUGIN_TRUSTED_FILE_H_
