#include "cli/e2e/report_parser.h"

#include <cctype>
#include <cstddef>
#include <set>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace aos::e2e {

std::vector<std::vector<std::string>> ParseTable(const std::string& out,
                                                 const std::string& title) {
  std::vector<std::vector<std::string>> rows;
  bool in_table = title.empty();
  for (absl::string_view line : absl::StrSplit(out, '\n')) {
    if (!in_table) {
      in_table = line == title;
      continue;
    }
    if (!absl::StartsWith(line, "|")) {
      if (!rows.empty()) break;  // the table has ended
      continue;
    }
    // The pieces before the first '|' and after the last one are no cells.
    std::vector<absl::string_view> pieces = absl::StrSplit(line, '|');
    std::vector<std::string> row;
    for (size_t i = 1; i + 1 < pieces.size(); ++i) row.emplace_back(pieces[i]);
    if (!rows.empty() && !rows[0].empty() && row.size() > rows[0].size()) {
      const size_t last = rows[0].size() - 1;
      row[last] = absl::StrJoin(row.begin() + static_cast<std::ptrdiff_t>(last),
                                row.end(), "|");
      row.resize(last + 1);
    }
    for (std::string& cell : row) {
      cell = std::string(absl::StripAsciiWhitespace(cell));
    }
    if (rows.size() > 1 && !row.empty() && row[0].empty()) {
      absl::StrAppend(&rows.back().back(), " ", row.back());
    } else {
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::vector<ReportRow> ParseReport(const std::string& out) {
  std::vector<std::vector<std::string>> table =
      ParseTable(out, "DB migrate table");
  std::vector<ReportRow> rows;
  // table[0] is the header: | N | Module name | Status | Result |
  for (size_t i = 1; i < table.size(); ++i) {
    const std::vector<std::string>& cells = table[i];
    if (cells.size() < 4) continue;
    rows.push_back(ReportRow{cells[0], cells[1], cells[2], cells[3]});
  }
  return rows;
}

std::optional<ReportRow> FindRow(const std::string& out,
                                 const std::string& name) {
  for (const ReportRow& row : ParseReport(out)) {
    if (row.name == name) return row;
  }
  return std::nullopt;
}

std::string WithoutBlanks(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  }
  return out;
}

absl::StatusOr<Json> ParseJson(const std::string& text) {
  // What nlohmann::json accepts but the tool never writes, found while it
  // parses: the keys seen so far in each open object, innermost last.
  std::vector<std::set<std::string>> open_objects;
  std::string refused;
  auto check = [&](int depth, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
        open_objects.emplace_back();
        break;
      case Json::parse_event_t::object_end:
        if (!open_objects.empty()) open_objects.pop_back();
        break;
      case Json::parse_event_t::key:
        if (!open_objects.empty() &&
            !open_objects.back().insert(parsed.get<std::string>()).second &&
            refused.empty()) {
          refused = absl::StrCat("the key \"", parsed.get<std::string>(),
                                 "\" appears twice in one object");
        }
        break;
      case Json::parse_event_t::value:
        if (parsed.is_number_float() && refused.empty()) {
          refused = absl::StrCat("the number ", parsed.dump(),
                                 " has a fraction or an exponent (the tool "
                                 "writes integers)");
        }
        break;
      default:
        break;
    }
    return true;
  };
  Json doc;
  try {
    doc = Json::parse(text, check);
  } catch (const Json::parse_error& e) {
    return absl::InvalidArgumentError(e.what());
  }
  if (!refused.empty()) return absl::InvalidArgumentError(refused);
  return doc;
}

std::vector<std::string> Keys(const Json& object) {
  std::vector<std::string> keys;
  if (!object.is_object()) return keys;
  for (const auto& item : object.items()) keys.push_back(item.key());
  return keys;
}

std::string JsonString(const Json& value) {
  EXPECT_TRUE(value.is_string()) << "not a string: " << value.dump();
  return value.is_string() ? value.get<std::string>() : "";
}

int64_t JsonInt(const Json& value) {
  EXPECT_TRUE(value.is_number_integer()) << "not an integer: " << value.dump();
  return value.is_number_integer() ? value.get<int64_t>() : 0;
}

bool JsonBool(const Json& value) {
  EXPECT_TRUE(value.is_boolean()) << "not a boolean: " << value.dump();
  return value.is_boolean() && value.get<bool>();
}

const std::vector<Json>& JsonArray(const Json& value) {
  static const std::vector<Json>* const kEmpty = new std::vector<Json>;
  EXPECT_TRUE(value.is_array()) << "not an array: " << value.dump();
  return value.is_array() ? value.get_ref<const Json::array_t&>() : *kEmpty;
}

}  // namespace aos::e2e
