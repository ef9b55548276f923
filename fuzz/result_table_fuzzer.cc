// Fuzz target: the Result-column wrapping and the table renderer
// (core/report/text_table.h, core/report/result_table.h).
//
// The input is read as a report: lines shaped as table rows
// ("| N | Module name | Status | Result |", continuation rows appending to
// the Result above) give one module each; any other line gives a FAIL row
// whose error is that line. So the spec's tables (testdata/golden) are seeds,
// and mutations reach arbitrary names and messages. Checks:
//  - RenderResultTable: "DB migrate table", then a header and one line per
//    wrapped Result line; every line has the same width (bytes), starts with
//    "| " and ends with " |\n"; the rows are numbered 1..n in order; no
//    Result line is longer than 52 (kResultWidth) bytes; each module's Result
//    lines joined hold the words of its Result text, none lost or reordered;
//    a valid UTF-8 Result stays valid UTF-8 (no character cut in two).
//  - WrapWords on the input with a width taken from it (1..80): every line
//    fits, has no blank at either end, and the lines hold the input's
//    non-blank bytes in order; valid UTF-8 stays valid (widths of 4 bytes
//    and more, which every character fits).
//  - RenderTextTable on cells cut from the input: same width everywhere.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "core/report/module_result.h"
#include "core/report/result_table.h"
#include "core/report/text_table.h"
#include "fuzz/fuzz_check.h"

namespace {

using aos::fuzz::Quoted;
using aos::report::kResultWidth;
using aos::report::ModuleResult;

bool IsBlank(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

std::string NonBlank(absl::string_view s) {
  std::string out;
  for (char c : s) {
    if (!IsBlank(c)) out += c;
  }
  return out;
}

bool ValidUtf8(absl::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3
             : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    }
    i += n;
  }
  return true;
}

std::vector<ModuleResult> ReadReport(absl::string_view text) {
  std::vector<ModuleResult> results;
  std::vector<std::string> result_texts;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (line.empty() || line == "DB migrate table" ||
        absl::StartsWith(line, "Running db migrate for:")) {
      continue;
    }
    std::vector<absl::string_view> cells = absl::StrSplit(line, '|');
    if (cells.size() == 6 && cells[0].empty() &&
        absl::StripAsciiWhitespace(cells[5]).empty()) {
      absl::string_view n = absl::StripAsciiWhitespace(cells[1]);
      absl::string_view name = absl::StripAsciiWhitespace(cells[2]);
      absl::string_view status = absl::StripAsciiWhitespace(cells[3]);
      absl::string_view result = absl::StripAsciiWhitespace(cells[4]);
      if (n == "N") continue;  // the header
      if (n.empty() && !results.empty()) {  // a continuation row
        absl::StrAppend(&result_texts.back(), " ", result);
        continue;
      }
      ModuleResult r;
      r.display_name = std::string(name);
      r.ok = status == "OK";
      results.push_back(r);
      result_texts.emplace_back(result);
      continue;
    }
    ModuleResult r;
    r.display_name = std::string(line.substr(0, line.find(' ')));
    r.ok = false;
    results.push_back(r);
    result_texts.emplace_back(line);
  }
  for (size_t i = 0; i < results.size(); ++i) {
    ModuleResult& r = results[i];
    const std::string& t = result_texts[i];
    std::pair<absl::string_view, absl::string_view> arrow =
        absl::StrSplit(t, absl::MaxSplits(" -> ", 1));
    int64_t from = 0;
    int64_t to = 0;
    if (r.ok && absl::SimpleAtoi(arrow.first, &from) &&
        absl::SimpleAtoi(arrow.second, &to)) {
      r.from = from;
      r.to = to;
    } else if (r.ok) {
      r.from = r.to = 1;  // "No changes"
    } else {
      r.error = t;
      r.database_error = t == aos::report::kUnknownDbError;
    }
  }
  return results;
}

void CheckResultTable(absl::string_view text, bool verbose) {
  std::vector<ModuleResult> results = ReadReport(text);
  std::string table = aos::report::RenderResultTable(results, verbose);
  absl::string_view rest = table;
  FUZZ_CHECK(absl::ConsumePrefix(&rest, "DB migrate table\n")) << table;
  FUZZ_CHECK(absl::EndsWith(rest, " |\n")) << table;
  rest.remove_suffix(1);
  std::vector<absl::string_view> lines = absl::StrSplit(rest, '\n');
  // Column widths, as the table must have them.
  size_t w_n = std::max<size_t>(1, std::to_string(results.size()).size());
  size_t w_name = 11;  // "Module name"
  size_t w_status = 6;
  for (const ModuleResult& r : results) {
    w_name = std::max(w_name, r.display_name.size());
    w_status = std::max<size_t>(w_status, r.ok ? 2 : 4);
  }
  const size_t result_at = 2 + w_n + 3 + w_name + 3 + w_status + 3;
  const size_t width = lines[0].size();
  FUZZ_CHECK(width >= result_at + 6 + 2) << "header " << Quoted(lines[0]);
  const size_t w_result = width - result_at - 2;
  FUZZ_CHECK(w_result <= std::max<size_t>(6, kResultWidth))
      << "Result column " << w_result << " wide";
  size_t row = 0;
  std::vector<std::string> shown(results.size());
  for (size_t l = 0; l < lines.size(); ++l) {
    absl::string_view line = lines[l];
    FUZZ_CHECK(line.size() == width)
        << "line " << l << " is " << line.size() << " bytes, the header "
        << width << ":\n" << table;
    FUZZ_CHECK(absl::StartsWith(line, "| ") && absl::EndsWith(line, " |"))
        << Quoted(line);
    if (l == 0) continue;
    absl::string_view n = absl::StripAsciiWhitespace(line.substr(2, w_n));
    if (!n.empty()) {
      ++row;
      FUZZ_CHECK(n == std::to_string(row)) << "row " << row << " numbered "
                                           << Quoted(n) << "\n" << table;
    }
    FUZZ_CHECK(row >= 1) << "a continuation row first\n" << table;
    absl::string_view cell = line.substr(result_at, w_result);
    absl::string_view content = cell;
    while (!content.empty() && content.back() == ' ') content.remove_suffix(1);
    FUZZ_CHECK(content.size() <= kResultWidth)
        << "Result line of " << content.size() << " bytes: " << Quoted(content);
    absl::StrAppend(&shown[row - 1], shown[row - 1].empty() ? "" : " ", content);
  }
  FUZZ_CHECK(row == results.size()) << row << " rows for " << results.size();
  for (size_t i = 0; i < results.size(); ++i) {
    std::string expected = results[i].ResultText(verbose);
    FUZZ_CHECK(NonBlank(shown[i]) == NonBlank(expected))
        << "row " << i + 1 << " shows " << Quoted(shown[i]) << " for "
        << Quoted(expected);
    if (ValidUtf8(expected)) {
      FUZZ_CHECK(ValidUtf8(shown[i])) << "row " << i + 1 << ": a character "
                                      << "was cut: " << Quoted(shown[i]);
    }
  }
}

void CheckWrapWords(absl::string_view text, size_t width) {
  std::vector<std::string> lines = aos::report::WrapWords(text, width);
  FUZZ_CHECK(!lines.empty());
  std::string joined;
  for (const std::string& line : lines) {
    FUZZ_CHECK(line.size() <= width)
        << "width " << width << ": " << Quoted(line);
    FUZZ_CHECK(line.empty() || (!IsBlank(line.front()) && !IsBlank(line.back())))
        << Quoted(line);
    FUZZ_CHECK(lines.size() == 1 || !line.empty()) << "an empty line";
    if (ValidUtf8(text) && width >= 4) {  // a UTF-8 character: 1-4 bytes
      FUZZ_CHECK(ValidUtf8(line)) << "width " << width << ": a character was "
                                  << "cut: " << Quoted(line);
    }
    joined += line;
  }
  FUZZ_CHECK(NonBlank(joined) == NonBlank(text))
      << "width " << width << ": " << Quoted(joined) << " for " << Quoted(text);
}

void CheckTextTable(absl::string_view text, size_t wrap) {
  // Cells: the input's lines; rows of 3 cells; header of 3.
  std::vector<std::string> cells = absl::StrSplit(text, '\n');
  std::vector<std::string> header = {"A", "B", "C"};
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i + 3 <= cells.size() && rows.size() < 16; i += 3) {
    rows.push_back({cells[i], cells[i + 1], cells[i + 2]});
  }
  std::string table = aos::report::RenderTextTable(header, rows, wrap);
  FUZZ_CHECK(!table.empty() && table.back() == '\n');
  std::vector<absl::string_view> lines =
      absl::StrSplit(absl::string_view(table).substr(0, table.size() - 1), '\n');
  for (absl::string_view line : lines) {
    FUZZ_CHECK(line.size() == lines[0].size())
        << "wrap " << wrap << ": " << Quoted(line) << " vs " << Quoted(lines[0]);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::string_view text(reinterpret_cast<const char*>(data), size);
  // A 0 byte anywhere selects --verbose.
  CheckResultTable(text, text.find('\0') != absl::string_view::npos);
  size_t width = 1 + (size > 0 ? data[size - 1] % 80 : 0);
  CheckWrapWords(text, width);
  CheckTextTable(text, width);
  return 0;
}
