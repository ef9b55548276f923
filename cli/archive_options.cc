#include "cli/archive_options.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace aos::cli {

absl::StatusOr<engine::ArchivePolicy> ArchivePolicyFor(
    const Request& request, const config::ToolConfig& config) {
  engine::ArchivePolicy policy;
  policy.max_bytes = config.blocking_max_mib << 20;
  if (auto on = config.ini.Get("DEFAULT", "archive")) {
    if (*on != "on" && *on != "off") {
      return absl::InvalidArgumentError(absl::StrCat(
          config.path, ": archive must be on or off, found '", *on, "'"));
    }
    policy.enabled = *on == "on";
  }
  if (auto mib = config.ini.Get("DEFAULT", "archive_max_mib")) {
    int64_t n = 0;
    if (!absl::SimpleAtoi(*mib, &n) || n < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          config.path, ": archive_max_mib must be a whole number, found '",
          *mib, "'"));
    }
    policy.max_bytes = n << 20;
  }
  if (auto days = config.ini.Get("DEFAULT", "archive_retention_days")) {
    if (!absl::SimpleAtoi(*days, &policy.retention_days) ||
        policy.retention_days < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          config.path, ": archive_retention_days must be a whole number of "
          "days (0: kept until --purge-archives), found '", *days, "'"));
    }
  }
  if (request.no_archive) policy.enabled = false;
  policy.purge = request.purge_archives;
  return policy;
}

}  // namespace aos::cli
