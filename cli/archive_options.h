// archive_options.h: the archive of dropped values (issue 27,
// engine/archive/archive_policy.h) as the config and the command line set it:
// `archive = on|off` and --no-archive, `archive_max_mib` (default: the
// config's blocking_max_mib), `archive_retention_days` (30) and
// --purge-archives.
#ifndef AOS_CLI_ARCHIVE_OPTIONS_H_
#define AOS_CLI_ARCHIVE_OPTIONS_H_

#include "absl/status/statusor.h"
#include "cli/command_line.h"
#include "core/config/tool_config.h"
#include "core/engine/archive/archive_policy.h"

namespace aos::cli {

// Fails, naming the key, on a value it does not read.
absl::StatusOr<engine::ArchivePolicy> ArchivePolicyFor(
    const Request& request, const config::ToolConfig& config);

}  // namespace aos::cli

#endif  // AOS_CLI_ARCHIVE_OPTIONS_H_
