#include "core/config/ini_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace aos::config {
namespace {

// oslo.config: one pair of matching quotes around a value is removed.
std::string Unquoted(absl::string_view value) {
  if (value.size() >= 2 && value.front() == value.back() &&
      (value.front() == '"' || value.front() == '\'')) {
    value = value.substr(1, value.size() - 2);
  }
  return std::string(value);
}

bool IsNameStart(char c) { return absl::ascii_isalpha(c) || c == '_'; }
bool IsNameChar(char c) {
  return absl::ascii_isalnum(c) || c == '_' || c == '.';
}

// The line `key` was first seen on, when this is not the first time.
template <typename Key>
std::optional<int> SeenBefore(std::map<Key, int>& first_seen, const Key& key,
                              int line) {
  auto [it, fresh] = first_seen.emplace(key, line);
  if (fresh) return std::nullopt;
  return it->second;
}

}  // namespace

absl::StatusOr<IniFile> IniFile::Parse(absl::string_view text,
                                       absl::string_view origin) {
  IniFile ini;
  std::string section;
  std::string last_key;  // the key an indented line continues; "": none
  int line_no = 0;
  // Where each section and key was first seen, for the warnings.
  std::map<std::string, int> section_line;
  std::map<std::pair<std::string, std::string>, int> key_line;
  for (absl::string_view raw : absl::StrSplit(text, '\n')) {
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    absl::string_view line = absl::StripAsciiWhitespace(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') {
      last_key.clear();  // a blank line or comment ends a continued value
      continue;
    }
    const std::string where = absl::StrCat(origin, ":", line_no, ": ");
    bool indented = raw[0] == ' ' || raw[0] == '\t';
    if (indented && !last_key.empty()) {
      absl::StrAppend(&ini.values_[section][last_key], "\n", line);
      continue;
    }
    absl::Status read =
        line[0] == '['
            ? ini.EnterSection(line, where, line_no, section_line, section)
            : ini.SetKey(line, where, line_no, section, key_line, last_key);
    if (!read.ok()) return read;
    if (line[0] == '[') last_key.clear();
  }
  return ini;
}

absl::Status IniFile::EnterSection(absl::string_view line,
                                   const std::string& where, int line_no,
                                   std::map<std::string, int>& first_seen,
                                   std::string& section) {
  if (line.back() != ']') {
    return absl::InvalidArgumentError(
        absl::StrCat(where, "section header lacks its ']'"));
  }
  section =
      std::string(absl::StripAsciiWhitespace(line.substr(1, line.size() - 2)));
  if (section.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, "empty section name"));
  }
  if (!values_.count(section)) order_.push_back(section);
  if (auto first = SeenBefore(first_seen, section, line_no)) {
    warnings_.push_back(absl::StrCat(where, "section [", section,
                                     "] appears again (first at line ", *first,
                                     "); its keys are merged"));
  }
  values_[section];
  return absl::OkStatus();
}

absl::Status IniFile::SetKey(
    absl::string_view line, const std::string& where, int line_no,
    const std::string& section,
    std::map<std::pair<std::string, std::string>, int>& first_seen,
    std::string& key) {
  size_t eq = line.find_first_of("=:");
  if (eq == absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, "expected 'key = value' or '[section]', found '",
                     line.substr(0, 40), "'"));
  }
  if (section.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, "a value before any [section]"));
  }
  key = std::string(absl::StripAsciiWhitespace(line.substr(0, eq)));
  if (key.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, "a value with no key"));
  }
  if (auto first =
          SeenBefore(first_seen, std::make_pair(section, key), line_no)) {
    warnings_.push_back(absl::StrCat(where, key, " in [", section,
                                     "] is set again (first at line ", *first,
                                     "); this later value is used"));
  }
  values_[section][key] =
      Unquoted(absl::StripAsciiWhitespace(line.substr(eq + 1)));
  return absl::OkStatus();
}

absl::StatusOr<IniFile> IniFile::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("cannot read ", path, ": ", std::strerror(errno)));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path);
}

std::optional<std::string> IniFile::Get(absl::string_view section,
                                        absl::string_view key) const {
  for (absl::string_view s : {section, absl::string_view("DEFAULT")}) {
    auto sec = values_.find(std::string(s));
    if (sec == values_.end()) continue;
    auto it = sec->second.find(std::string(key));
    if (it != sec->second.end()) return it->second;
  }
  return std::nullopt;
}

std::optional<std::string> IniFile::GetOwn(absl::string_view section,
                                           absl::string_view key) const {
  auto sec = values_.find(std::string(section));
  if (sec == values_.end()) return std::nullopt;
  auto it = sec->second.find(std::string(key));
  if (it == sec->second.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<std::optional<std::string>> IniFile::GetSubstituted(
    absl::string_view section, absl::string_view key) const {
  std::optional<std::string> raw = GetOwn(section, key);
  if (!raw) return raw;
  std::string out;
  const std::string& v = *raw;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '$' || i + 1 == v.size()) {
      out += v[i];
      continue;
    }
    if (v[i + 1] == '$') {  // "$$": a literal '$'
      out += '$';
      ++i;
      continue;
    }
    bool braced = v[i + 1] == '{';
    size_t start = i + (braced ? 2 : 1);
    size_t end = start;
    if (end < v.size() && IsNameStart(v[end])) {
      while (end < v.size() && IsNameChar(v[end])) ++end;
    }
    if (end == start || (braced && (end >= v.size() || v[end] != '}'))) {
      out += v[i];  // not a placeholder: kept, as string.Template does
      continue;
    }
    std::string name = v.substr(start, end - start);
    std::optional<std::string> value;
    if (size_t dot = name.find('.'); dot != std::string::npos) {
      value = GetOwn(name.substr(0, dot), name.substr(dot + 1));
    } else if (name != key) {
      value = Get(section, name);
    }
    if (!value) {
      return absl::InvalidArgumentError(absl::StrCat(
          key, " in [", section, "] refers to $", name,
          ", which this file does not set (oslo.config substitutes $name; "
          "write $$ for a literal $)"));
    }
    out += *value;
    i = braced ? end : end - 1;
  }
  return std::optional<std::string>(std::move(out));
}

std::vector<std::string> IniFile::KeysOf(absl::string_view section) const {
  std::vector<std::string> keys;
  auto sec = values_.find(std::string(section));
  if (sec == values_.end()) return keys;
  for (const auto& [key, value] : sec->second) keys.push_back(key);
  return keys;
}

bool IniFile::HasSection(absl::string_view section) const {
  return values_.count(std::string(section)) > 0;
}

}  // namespace aos::config
