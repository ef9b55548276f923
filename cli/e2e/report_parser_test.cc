// The readers of the tool's outputs, on texts written here: the table
// parser (wrapped cells, '|' inside the last cell) and the strict JSON
// reader (what it refuses that nlohmann::json alone would accept).
#include "cli/e2e/report_parser.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest-spi.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace aos::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kReport[] =
    "Running db migrate for: dashboard, journal\n"
    "\n"
    "DB migrate table\n"
    "| N | Module name | Status | Result                  |\n"
    "| 1 | Dashboard   | OK     | 9 -> 11                 |\n"
    "| 2 | Journal     | FAIL   | Error while applying a  |\n"
    "|   |             |        | | b, wrapped            |\n"
    "\n"
    "| x | not | the | report |\n";

TEST(ParseTableTest, HeaderFirstWrappedCellsJoinedPipesKept) {
  EXPECT_THAT(ParseTable(kReport, "DB migrate table"),
              ElementsAre(ElementsAre("N", "Module name", "Status", "Result"),
                          ElementsAre("1", "Dashboard", "OK", "9 -> 11"),
                          ElementsAre("2", "Journal", "FAIL",
                                      "Error while applying a | b, wrapped")));
  EXPECT_THAT(ParseTable(kReport, "DB status table"), IsEmpty());
  EXPECT_EQ(ParseTable(kReport, "").size(), 3u);  // the first table
}

TEST(ParseReportTest, RowsAndFindRow) {
  std::vector<ReportRow> rows = ParseReport(kReport);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].number, "2");
  EXPECT_EQ(rows[1].status, "FAIL");
  EXPECT_EQ(FindRow(kReport, "Journal")->result,
            "Error while applying a | b, wrapped");
  EXPECT_FALSE(FindRow(kReport, "Monitor").has_value());
  EXPECT_THAT(ParseReport("no table here\n"), IsEmpty());
  EXPECT_THAT("Error while app lying", HasWrappedSubstr("while applying"));
}

TEST(ParseJsonTest, KeepsKeysInOrder) {
  absl::StatusOr<Json> doc =
      ParseJson(" {\"z\":1,\"a\":[true,null,\"\\ud83d\\ude00\"],\"m\":{}} \n");
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_THAT(Keys(*doc), ElementsAre("z", "a", "m"));
  EXPECT_EQ(JsonInt(doc->at("z")), 1);
  EXPECT_TRUE(JsonBool(doc->at("a").at(0)));
  EXPECT_EQ(JsonString(doc->at("a").at(2)), "\xF0\x9F\x98\x80");  // U+1F600
  EXPECT_THAT(Keys(doc->at("a")), IsEmpty());
}

TEST(ParseJsonTest, RefusesWhatTheToolNeverWrites) {
  for (const char* bad : {
           "{\"a\":1,\"a\":2}",          // a repeated key
           "{\"a\":{\"b\":1,\"b\":1}}",  // ... nested
           "{\"a\":1.5}",                // not an integer
           "{\"a\":1e3}",                //
           "\"\\x\"",                    // a bad escape
           "\"\\ud83d\"",                // half a surrogate pair
           "\"a\nb\"",                   // a raw control character
           "{\"a\":1} x",                // text after the value
           "",                           //
       }) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(ParseJson(bad).ok());
  }
  EXPECT_THAT(std::string(ParseJson("{\"a\":1,\"a\":2}").status().message()),
              HasSubstr("the key \"a\" appears twice"));
  // The same key in two objects is fine.
  EXPECT_TRUE(ParseJson("[{\"a\":1},{\"a\":2}]").ok());
}

TEST(JsonValueTest, AnotherKindFailsTheTest) {
  const Json doc = Json::parse("{\"b\":true,\"n\":1,\"s\":\"x\"}");
  EXPECT_NONFATAL_FAILURE(JsonInt(doc.at("b")), "not an integer: true");
  EXPECT_NONFATAL_FAILURE(JsonBool(doc.at("n")), "not a boolean: 1");
  EXPECT_NONFATAL_FAILURE(JsonString(doc.at("n")), "not a string: 1");
  EXPECT_NONFATAL_FAILURE(JsonArray(doc.at("s")), "not an array: \"x\"");
}

}  // namespace
}  // namespace aos::e2e
