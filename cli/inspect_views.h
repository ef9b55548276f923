// inspect_views.h: --status, --migrations and --dry-run: what each selected
// module's database holds and what a run would do to it, applying nothing
// and taking no lock.
#ifndef AOS_CLI_INSPECT_VIEWS_H_
#define AOS_CLI_INSPECT_VIEWS_H_

#include "cli/command_line.h"
#include "cli/module_selection.h"
#include "core/config/tool_config.h"

namespace aos::cli {

// Prints the view of request.mode (kStatus, kMigrations or kDryRun) in
// request.format, over the selection's already resolved connections;
// returns the exit status (1 when a module could not be inspected or, but
// for --migrations, has an interrupted step).
int RunInspection(const Request& request, const config::ToolConfig& config,
                  const ModuleSelection& selection);

}  // namespace aos::cli

#endif  // AOS_CLI_INSPECT_VIEWS_H_
