#include "core/report/result_table.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace aos::report {
namespace {

std::string Pad(absl::string_view s, size_t width) {
  std::string out(s);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out;
}

void AppendRow(const std::vector<std::string>& cells,
               const std::vector<size_t>& widths, std::string* out) {
  for (size_t i = 0; i < cells.size(); ++i) {
    absl::StrAppend(out, "| ", Pad(cells[i], widths[i]), " ");
  }
  absl::StrAppend(out, "|\n");
}

}  // namespace

std::vector<std::string> WrapWords(absl::string_view text, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  for (absl::string_view word :
       absl::StrSplit(text, absl::ByAnyChar(" \n\t\r"), absl::SkipEmpty())) {
    while (word.size() > width) {  // a word too long for any line
      if (!line.empty()) lines.push_back(std::move(line));
      line.clear();
      lines.emplace_back(word.substr(0, width));
      word.remove_prefix(width);
    }
    if (word.empty()) continue;
    if (line.empty()) {
      line = std::string(word);
    } else if (line.size() + 1 + word.size() <= width) {
      absl::StrAppend(&line, " ", word);
    } else {
      lines.push_back(std::move(line));
      line = std::string(word);
    }
  }
  if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

std::string RenderRunHeader(const std::vector<std::string>& module_ids) {
  return absl::StrCat("Running db migrate for: ",
                      absl::StrJoin(module_ids, ", "), "\n");
}

std::string RenderResultTable(const std::vector<ModuleResult>& results,
                              bool verbose) {
  std::vector<std::vector<std::string>> rows;  // N, name, status, result
  for (size_t i = 0; i < results.size(); ++i) {
    const ModuleResult& r = results[i];
    std::vector<std::string> lines =
        WrapWords(r.ResultText(verbose), kResultWidth);
    for (size_t l = 0; l < lines.size(); ++l) {
      if (l == 0) {
        rows.push_back({std::to_string(i + 1), r.display_name,
                        r.ok ? "OK" : "FAIL", lines[l]});
      } else {
        rows.push_back({"", "", "", lines[l]});
      }
    }
  }
  std::vector<std::string> header = {"N", "Module name", "Status", "Result"};
  std::vector<size_t> widths;
  for (const std::string& h : header) widths.push_back(h.size());
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], row[c].size());
    }
  }
  std::string out = "DB migrate table\n";
  AppendRow(header, widths, &out);
  for (const auto& row : rows) AppendRow(row, widths, &out);
  return out;
}

}  // namespace aos::report
