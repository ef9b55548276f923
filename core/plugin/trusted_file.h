// trusted_file.h: the rule for files the tool loads code from (module
// plugins, backend modules) or reads them from (the plugin directory): owned
// by root or by the invoking user, and writable by nobody else. The tool
// runs as root at boot; a file anyone else can change is refused.
#ifndef AOS_CORE_PLUGIN_TRUSTED_FILE_H_
#define AOS_CORE_PLUGIN_TRUSTED_FILE_H_

#include <sys/stat.h>

#include <string>

#include "absl/status/status.h"

namespace aos::plugin {

// PermissionDenied, naming `path` and what to change, unless `st` (the
// file's stat) follows the rule.
absl::Status CheckTrusted(const std::string& path, const struct stat& st);

}  // namespace aos::plugin

#endif  // AOS_CORE_PLUGIN_TRUSTED_FILE_H_
