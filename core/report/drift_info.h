// drift_info.h: a module's drift (issue 29) as the views and a run show it:
// each difference between the schema its recorded version should have
// (shipped with its plugin) and its live tables, whether an operator
// accepted it (--accept-drift), or why drift is not known. Filled in by
// engine/drift/module_drift.h, rendered by drift_report.h.
#ifndef AOS_CORE_REPORT_DRIFT_INFO_H_
#define AOS_CORE_REPORT_DRIFT_INFO_H_

#include <cstdint>
#include <string>
#include <vector>

namespace aos::report {

// One difference: `object` as the normalized schema names it ("column
// t.c", "index t.PRIMARY"), `kind` "extra" (live only), "missing"
// (expected only) or "changed"; `expected` "" for extra, `actual` "" for
// missing.
struct DriftItem {
  std::string object;
  std::string kind;
  std::string expected;
  std::string actual;
  bool accepted = false;  // recorded by --accept-drift, unchanged since
  bool operator==(const DriftItem& o) const {
    return object == o.object && kind == o.kind && expected == o.expected && actual == o.actual &&
           accepted == o.accepted;
  }
};

struct DriftInfo {
  // Whether the live schema was compared; else `not_known` says why
  // ("the plugin carries no expected schema for postgresql").
  bool known = false;
  std::string not_known;
  int64_t version = 0;           // the recorded version compared against
  std::vector<DriftItem> items;  // sorted by object, accepted ones too

  // The differences no one accepted: the drift.
  std::vector<DriftItem> Drifted() const;
  std::vector<DriftItem> Accepted() const;
  // "drift: 3 differences" ("1 difference"); "" when none (or not known).
  std::string Note() const;
};

}  // namespace aos::report

#endif  // AOS_CORE_REPORT_DRIFT_INFO_H_
