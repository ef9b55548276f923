// report_parser.h: reading what aos-db-migrate prints, for the end-to-end
// tests.
//
//  - ParseTable: any of its "| a | b |" tables (the report, --status,
//    --migrations), header first, wrapped cells joined again;
//  - ParseReport / FindRow: the rows of the report ("DB migrate table");
//  - WithoutBlanks / HasWrappedSubstr: comparing text the table wrapped;
//  - ParseJson, Keys, JsonString...: the -f json documents, strictly (keys
//    in their order, a repeated key, a non-integer number or a value of
//    another kind than expected is a failure).
#ifndef AOS_CLI_E2E_REPORT_PARSER_H_
#define AOS_CLI_E2E_REPORT_PARSER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "nlohmann/json_fwd.hpp"  // a test reading values includes json.hpp

namespace aos::e2e {

// The rows of the "| a | b |" table that follows the line `title` (or of
// the first table in `out` when `title` is empty), its header first; {}
// when there is none. Cells are stripped of blanks. A row whose first cell
// is blank continues the last cell of the row before it (the table wraps
// its last column): that text is appended to it after a space. A row with
// more cells than the header has '|' in its last cell: the extra cells are
// joined back into it.
std::vector<std::vector<std::string>> ParseTable(const std::string& out,
                                                 const std::string& title);

// One row of the report ("DB migrate table"), its Result continuation rows
// joined with single spaces.
struct ReportRow {
  std::string number;
  std::string name;
  std::string status;
  std::string result;
};

// The rows of the report in `out`, in order ({} when there is no table).
std::vector<ReportRow> ParseReport(const std::string& out);

// The row whose Module name is `name`, if any.
std::optional<ReportRow> FindRow(const std::string& out,
                                 const std::string& name);

// `text` without any whitespace: the table wraps the Result column at word
// boundaries and cuts words longer than the column (paths), so a message is
// compared with every blank removed from both sides.
std::string WithoutBlanks(const std::string& text);

// Matches a string containing `needle` wherever the table wrapped either.
MATCHER_P(HasWrappedSubstr, needle,
          absl::StrCat(negation ? "doesn't contain" : "contains", " \"", needle,
                       "\" (ignoring blanks)")) {
  return absl::StrContains(WithoutBlanks(arg), WithoutBlanks(needle));
}

// A JSON value whose objects keep their keys in document order, so that a
// test can check the exact set and order of fields.
using Json = nlohmann::ordered_json;

// The JSON document `text` (one value, blanks around it allowed), or
// InvalidArgument saying what is wrong and where. Stricter than JSON itself,
// as the tool writes it: a key repeated in an object, and a number with a
// fraction or an exponent, are refused.
absl::StatusOr<Json> ParseJson(const std::string& text);

// The keys of an object in their order ({} for any other value).
std::vector<std::string> Keys(const Json& object);

// A value of the kind the name says. Any other kind fails the test (as
// nlohmann::json would convert a boolean to a number, say) and gives "",
// 0, false or an empty array.
std::string JsonString(const Json& value);
int64_t JsonInt(const Json& value);
bool JsonBool(const Json& value);
const std::vector<Json>& JsonArray(const Json& value);

}  // namespace aos::e2e

#endif  // AOS_CLI_E2E_REPORT_PARSER_H_
