#include "core/report/drift_info.h"

#include "absl/strings/str_cat.h"

namespace aos::report {
namespace {

std::vector<DriftItem> Where(const std::vector<DriftItem>& items, bool accepted) {
  std::vector<DriftItem> out;
  for (const DriftItem& item : items) {
    if (item.accepted == accepted) out.push_back(item);
  }
  return out;
}

}  // namespace

std::vector<DriftItem> DriftInfo::Drifted() const { return Where(items, false); }

std::vector<DriftItem> DriftInfo::Accepted() const { return Where(items, true); }

std::string DriftInfo::Note() const {
  if (!known) return "";
  const size_t n = Drifted().size();
  if (n == 0) return "";
  return absl::StrCat("drift: ", n, n == 1 ? " difference" : " differences");
}

}  // namespace aos::report
