// schema_objects.cc: the carrier text of a normalized schema.
#include "core/schema/schema_objects.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace aos::schema {
namespace {

std::string Escape(absl::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Escape's inverse; false on a backslash not followed by t, n, r or one.
bool Unescape(absl::string_view s, std::string* out) {
  out->clear();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      *out += s[i];
      continue;
    }
    if (++i == s.size()) return false;
    switch (s[i]) {
      case 't':
        *out += '\t';
        break;
      case 'n':
        *out += '\n';
        break;
      case 'r':
        *out += '\r';
        break;
      case '\\':
        *out += '\\';
        break;
      default:
        return false;
    }
  }
  return true;
}

absl::Status LineError(int line, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("schema text, line ", line, ": ", what));
}

}  // namespace

std::string FormatSchemaObjects(const SchemaObjects& objects) {
  std::string out;
  for (const auto& [object, definition] : objects) {
    absl::StrAppend(&out, Escape(object), "\t", Escape(definition), "\n");
  }
  return out;
}

absl::StatusOr<SchemaObjects> ParseSchemaObjects(absl::string_view text) {
  SchemaObjects objects;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++number;
    if (line.empty()) continue;
    const size_t tab = line.find('\t');
    if (tab == absl::string_view::npos) return LineError(number, "no tab");
    std::string object, definition;
    if (!Unescape(line.substr(0, tab), &object) || !Unescape(line.substr(tab + 1), &definition)) {
      return LineError(number, "a backslash not followed by t, n, r or \\");
    }
    const size_t space = object.find(' ');
    if (space == std::string::npos || space == 0 || space + 1 == object.size()) {
      return LineError(number, "the object is not a kind and a name");
    }
    if (!objects.emplace(std::move(object), std::move(definition)).second) {
      return LineError(number, "an object given twice");
    }
  }
  return objects;
}

}  // namespace aos::schema
