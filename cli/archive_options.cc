#include "cli/archive_options.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace aos::cli {

absl::StatusOr<engine::ArchivePolicy> ArchivePolicyFor(
    const Request& request, const config::ToolConfig& config) {
  engine::ArchivePolicy policy;
  policy.max_bytes = config.blocking_max_mib << 20;
  policy.enabled = config.archive;  // archive = on|off (tool_config_keys.cc)
  if (!config.archive_max_mib.empty()) {
    int64_t n = 0;
    if (!absl::SimpleAtoi(config.archive_max_mib, &n) || n < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          config.path, ": archive_max_mib must be a whole number, found '",
          config.archive_max_mib, "'"));
    }
    policy.max_bytes = n << 20;
  }
  policy.retention_days = config.archive_retention_days;
  if (request.no_archive) policy.enabled = false;
  policy.purge = request.purge_archives;
  return policy;
}

}  // namespace aos::cli
