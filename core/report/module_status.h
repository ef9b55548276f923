// module_status.h: what the views (--status, --migrations, --dry-run)
// found for one module: the recorded version, the latest, the pending
// steps (with their statements, for --dry-run), any interrupted step, and
// why the module could not be inspected or would not run. Filled in by the
// engine (engine/module_inspector.h), rendered by status_report.h.
#ifndef AOS_CORE_REPORT_MODULE_STATUS_H_
#define AOS_CORE_REPORT_MODULE_STATUS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/report/archive_info.h"  // issue 27
#include "core/report/drift_info.h"    // issue 29
#include "core/report/preflight_finding.h"
#include "core/report/statement_cost.h"

namespace aos::report {

struct PendingStep {
  int64_t version = 0;  // the migration's version
  bool upgrade = true;
  int64_t from_version = 0;
  int64_t to_version = 0;
  std::string description;
  std::vector<std::string> statements;  // SQL steps; empty for code steps
  bool code_step = false;
  // The first statement a run executes (from 1): past those an earlier
  // attempt applied, when it resumes this step.
  int64_t first_statement = 1;
  // The cost of each DDL statement the server was asked about.
  std::vector<StatementCost> ddl;
  // What the pre-flight found on the live data (engine/preflight_view.h).
  std::vector<PreflightFinding> preflight;
  // Issue 27: the statements a run archives first
  // (engine/archive/archive_view.h).
  std::vector<ArchivedStatement> archived;
  // Issue 29: the drifted tables its statements touch (--dry-run warns).
  std::vector<std::string> drifted_tables;
  // Its phase in a rolling upgrade: "expand", "migrate", "contract",
  // "unspecified" (plugin::PhaseName).
  std::string phase = "unspecified";
};

// A controller in the module's registry (engine/controller_registry.h).
struct ControllerInfo {
  std::string host;        // its name
  int64_t latest = 0;      // its plugin's latest version
  std::string release;     // its plugin's own release
  std::string last_seen;   // its last start, "2026-12-01 17:05:04 UTC"
  std::string machine_id;  // "" when it has none
  std::string identity;    // its key: "name@machine-id" (or the name)
};

// A step an earlier run left failed or interrupted part-way, which the
// next run resumes (engine/resume_point.h).
struct ResumeInfo {
  bool failed = false;  // else interrupted
  int64_t version = 0;
  bool upgrade = true;
  int64_t applied = 0;     // statements that took effect
  int64_t statements = 0;  // of the step
  std::string error;       // failed: what the failed statement met

  // "statements 1-2 applied, 3 failed with <error>, 3-4 pending".
  std::string Describe(bool with_error) const;
};

struct ModuleStatus {
  std::string module_id;
  std::string display_name;
  std::optional<int64_t> current;  // nullopt when it could not be read
  int64_t latest = 0;
  std::vector<PendingStep> pending;
  // An interrupted step that a run cannot resume, described; "" if none.
  std::string interrupted;
  std::optional<ResumeInfo> resume;  // a step the next run resumes
  // What the engine says of the cost of DDL for all of the module's steps
  // (SQLite: nothing blocks anyone else); "" if nothing.
  std::string ddl_note;
  std::vector<ControllerInfo> controllers;  // --status
  std::vector<KeptArchive> archives;  // issue 27: what it keeps now
  // Issue 29: its drift at the recorded version (--status, --dry-run);
  // not known, `not_known` empty, when not read.
  DriftInfo drift;
  // Why the module could not be inspected, or why a run would FAIL (as the
  // run would say it); "" if neither.
  std::string error;
  bool database_error = false;  // masked as "Unknown DB Error" without -v
  std::string error_category;   // as in ModuleResult
};

}  // namespace aos::report

#endif  // AOS_CORE_REPORT_MODULE_STATUS_H_
