// preflight_finding.h: what the pre-flight (engine/preflight.h) found for
// one data-dependent change of a pending statement: whether rows of the
// live table are in its way, how many, and the first few keys or values,
// escaped and cut. Shown by --dry-run and --status ("preflight" per step
// in JSON); a run refuses a step whose finding is a conflict.
#ifndef AOS_CORE_REPORT_PREFLIGHT_FINDING_H_
#define AOS_CORE_REPORT_PREFLIGHT_FINDING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aos::report {

struct PreflightFinding {
  int64_t statement = 0;  // from 1, in its step
  std::string table;
  std::string kind;    // "unique key", "NOT NULL", "foreign key", ...
  std::string change;  // "UNIQUE (v)", "v VARCHAR(10)", ...
  // "before_step" (nothing earlier in the step writes the table) or
  // "before_statement" (checked right before its statement).
  std::string when;
  // "clean", "conflict", "skipped" (nothing to ask: `note` says why),
  // "at_run" (the rows it reads are written earlier in the plan: asked
  // when the run gets there), "unchecked" (the query failed: `note`).
  std::string outcome;
  int64_t rows = 0;        // conflict: rows in the way (at least)
  bool more = false;       // conflict: there are more than `rows`
  std::string in_the_way;  // "share a value of (v)"
  int64_t keys = 0;        // conflict: rows or keys the query returned
  std::vector<std::string> samples;  // "('a') x3", escaped and cut; the
                                     // first few of `keys`
  std::string note;
  int64_t millis = 0;                 // how long the check took
  std::optional<int64_t> table_rows;  // the server's estimate, when known
  bool above_limits = false;  // scans a table above the DDL gate's limits

  // "5 rows share a value of (v): ('a') x3, ('b') x2".
  std::string Describe() const;
};

}  // namespace aos::report

#endif  // AOS_CORE_REPORT_PREFLIGHT_FINDING_H_
