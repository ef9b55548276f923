#include "core/report/result_table.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/report/text_table.h"

namespace aos::report {

std::string RenderRunHeader(const std::vector<std::string>& module_ids) {
  return absl::StrCat("Running db migrate for: ",
                      absl::StrJoin(module_ids, ", "), "\n");
}

std::string RenderResultTable(const std::vector<ModuleResult>& results,
                              bool verbose) {
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < results.size(); ++i) {
    const ModuleResult& r = results[i];
    rows.push_back({std::to_string(i + 1), r.display_name,
                    r.ok ? "OK" : "FAIL", r.ResultText(verbose)});
  }
  return "DB migrate table\n" +
         RenderTextTable({"N", "Module name", "Status", "Result"}, rows,
                         kResultWidth);
}

}  // namespace aos::report
