#include "core/report/shown_value.h"

#include "absl/strings/str_format.h"

namespace aos::report {
namespace {

// The length of the UTF-8 sequence at `s[i]`, or 0 when it is not one.
size_t Utf8Length(absl::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80         ? 1
             : (c >> 5) == 6  ? 2
             : (c >> 4) == 14 ? 3
             : (c >> 3) == 30 ? 4
                              : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return 0;
  }
  return n;
}

// Whether the character at `s[i]` (`n` bytes) is one a terminal acts on:
// a C1 control, a line or paragraph separator, a bidirectional override.
bool Acts(absl::string_view s, size_t i, size_t n) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  if (n == 2) return at(0) == 0xc2 && at(1) < 0xa0;
  if (n != 3 || at(0) != 0xe2) return false;
  return (at(1) == 0x80 && at(2) >= 0xa8 && at(2) <= 0xae) ||
         (at(1) == 0x81 && at(2) >= 0xa6 && at(2) <= 0xa9);
}

}  // namespace

std::string ShownValue(const std::optional<std::string>& value,
                       size_t max_chars, bool cut) {
  if (!value) return "NULL";
  const absl::string_view s = *value;
  std::string out = "'";
  size_t chars = 0;
  size_t i = 0;
  while (i < s.size() && chars < max_chars) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t n = Utf8Length(s, i);
    ++chars;
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '|' || c == '\'' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (n == 0 || c < 0x20 || c == 0x7f || Acts(s, i, n)) {
      for (size_t k = 0; k < (n == 0 ? 1 : n); ++k) {
        out += absl::StrFormat("\\x%02x", static_cast<unsigned char>(s[i + k]));
      }
      i += n == 0 ? 1 : n;
      continue;
    } else {
      out.append(s.data() + i, n);
      i += n;
      continue;
    }
    ++i;
  }
  if (i < s.size() || cut) out += "...";
  return out + "'";
}

}  // namespace aos::report
