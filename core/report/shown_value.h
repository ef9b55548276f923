// shown_value.h: a value read from a module's tables, as a message or a
// report shows it: quoted, every character that could break a line, a
// table cell or a terminal escaped (newlines, '|', quotes, backslashes,
// control characters, bytes that are not UTF-8), and cut.
#ifndef AOS_CORE_REPORT_SHOWN_VALUE_H_
#define AOS_CORE_REPORT_SHOWN_VALUE_H_

#include <cstddef>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace aos::report {

// 'a\nb\|c' (NULL for nullopt); past `max_chars` characters cut, with
// "..." before the closing quote (also when `cut` says the server cut it).
std::string ShownValue(const std::optional<std::string>& value,
                       size_t max_chars, bool cut = false);

}  // namespace aos::report

#endif  // AOS_CORE_REPORT_SHOWN_VALUE_H_
