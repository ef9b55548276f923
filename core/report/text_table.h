// text_table.h: the table layout of the spec, for any columns:
//   | N | Module name  | Status | Result     |
//   | 1 | Dashboard    | OK     | No changes |
// Each column is as wide as its widest cell. A cell of the last column
// longer than `wrap_width` wraps at word boundaries onto continuation rows
// whose other cells are blank.
#ifndef AOS_CORE_REPORT_TEXT_TABLE_H_
#define AOS_CORE_REPORT_TEXT_TABLE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace aos::report {

std::string RenderTextTable(const std::vector<std::string>& header,
                            const std::vector<std::vector<std::string>>& rows,
                            size_t wrap_width);

// Greedy word wrap to lines of at most `width` bytes; a word longer than
// `width` is cut, between UTF-8 characters. Newlines in `text` are treated
// as spaces.
std::vector<std::string> WrapWords(absl::string_view text, size_t width);

}  // namespace aos::report

#endif  // AOS_CORE_REPORT_TEXT_TABLE_H_
