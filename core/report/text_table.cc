#include "core/report/text_table.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
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
      // Cut between characters, not inside a UTF-8 sequence (a server's
      // message may quote non-ASCII data): back up over continuation bytes.
      size_t cut = width;
      while (cut > 0 && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) {
        --cut;
      }
      if (cut == 0) cut = width;  // not UTF-8, or a width under 4 bytes
      lines.emplace_back(word.substr(0, cut));
      word.remove_prefix(cut);
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

std::string RenderTextTable(const std::vector<std::string>& header,
                            const std::vector<std::vector<std::string>>& rows,
                            size_t wrap_width) {
  std::vector<std::vector<std::string>> lines;
  for (const auto& row : rows) {
    std::vector<std::string> wrapped = WrapWords(row.back(), wrap_width);
    for (size_t l = 0; l < wrapped.size(); ++l) {
      std::vector<std::string> line =
          l == 0 ? row : std::vector<std::string>(row.size());
      line.back() = wrapped[l];
      lines.push_back(std::move(line));
    }
  }
  std::vector<size_t> widths;
  for (const std::string& h : header) widths.push_back(h.size());
  for (const auto& line : lines) {
    for (size_t c = 0; c < line.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], line[c].size());
    }
  }
  std::string out;
  AppendRow(header, widths, &out);
  for (const auto& line : lines) AppendRow(line, widths, &out);
  return out;
}

}  // namespace aos::report
