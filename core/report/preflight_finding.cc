#include "core/report/preflight_finding.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace aos::report {

std::string PreflightFinding::Describe() const {
  if (outcome != "conflict") {
    if (outcome == "clean") return "no row in the way";
    return note;
  }
  std::string text =
      absl::StrCat(more ? "more than " : "", rows,
                   rows == 1 && !more ? " row " : " rows ", in_the_way);
  if (!samples.empty()) {
    absl::StrAppend(
        &text, ": ", absl::StrJoin(samples, ", "),
        samples.size() < static_cast<size_t>(keys) || more ? ", ..." : "");
  }
  return text;
}

}  // namespace aos::report
