#include "core/report/module_status.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace aos::report {
namespace {

std::string Range(int64_t first, int64_t last) {
  return first == last ? absl::StrCat(first) : absl::StrCat(first, "-", last);
}

}  // namespace

std::string ResumeInfo::Describe(bool with_error) const {
  std::vector<std::string> parts;
  if (applied == 0) {
    parts.push_back("no statement applied");
  } else {
    parts.push_back(absl::StrCat(applied == 1 ? "statement " : "statements ",
                                 Range(1, applied), " applied"));
  }
  if (failed) {
    parts.push_back(absl::StrCat(applied + 1, " failed",
                                 with_error && !error.empty()
                                     ? absl::StrCat(" with ", error)
                                     : ""));
  } else {
    parts.push_back("then interrupted");
  }
  parts.push_back(applied < statements
                      ? absl::StrCat(Range(applied + 1, statements), " pending")
                      : "none pending");
  return absl::StrJoin(parts, ", ");
}

}  // namespace aos::report
