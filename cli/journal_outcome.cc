#include "cli/journal_outcome.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace aos::cli {

std::vector<util::JournalField> OutcomeFields(const report::ModuleResult& result) {
  std::vector<util::JournalField> fields = {
      {"MESSAGE", absl::StrCat(result.module_id, ": ", result.ok ? "OK" : "FAIL", ", ",
                               result.ResultText(/*verbose=*/false))},
      {"PRIORITY", result.ok ? "6" : "3"},
      {"SYSLOG_IDENTIFIER", "aos-db-migrate"},
      {"AOS_MODULE", result.module_id},
      {"AOS_OUTCOME", result.ok ? "ok" : "failed"}};
  if (result.to) fields.push_back({"AOS_VERSION", absl::StrCat(*result.to)});
  if (result.from) fields.push_back({"AOS_FROM_VERSION", absl::StrCat(*result.from)});
  if (!result.steps.empty()) {
    const report::ModuleResult::StepTime& last = result.steps.back();
    fields.push_back({"AOS_STEP", absl::StrCat(last.from, "->", last.to)});
  }
  if (!result.error_category.empty()) {
    fields.push_back({"AOS_ERROR_CATEGORY", result.error_category});
  }
  return fields;
}

void SendOutcomes(const util::SystemdNotifier& journal,
                  const std::vector<report::ModuleResult>& results) {
  if (!journal.active()) return;
  for (const report::ModuleResult& r : results) journal.Send(util::JournalEntry(OutcomeFields(r)));
}

}  // namespace aos::cli
