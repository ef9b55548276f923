// status_report.h: renderings of what --status, --migrations and --dry-run
// found (module_status.h), as tables for people and JSON for
// machines.
#ifndef AOS_CORE_REPORT_STATUS_REPORT_H_
#define AOS_CORE_REPORT_STATUS_REPORT_H_

#include <string>
#include <vector>

#include "core/report/module_status.h"
#include "core/plugin/module_plugin.h"

namespace aos::report {

// "DB status table": N, Module name, Current, Latest, Pending, Note.
std::string RenderStatusTable(const std::vector<ModuleStatus>& modules,
                              bool verbose);
std::string RenderStatusJson(const std::vector<ModuleStatus>& modules);

// Every migration of every module, and whether it is applied.
std::string RenderMigrationsTable(
    const std::vector<const plugin::ModulePlugin*>& plugins,
    const std::vector<ModuleStatus>& modules, bool verbose);
std::string RenderMigrationsJson(
    const std::vector<const plugin::ModulePlugin*>& plugins,
    const std::vector<ModuleStatus>& modules);

// The statements that would run, as an SQL script with comments.
std::string RenderDryRun(const std::vector<ModuleStatus>& modules,
                         bool verbose);
std::string RenderDryRunJson(const std::vector<ModuleStatus>& modules);

}  // namespace aos::report

#endif  // AOS_CORE_REPORT_STATUS_REPORT_H_
