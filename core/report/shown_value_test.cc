#include "core/report/shown_value.h"

#include <string>

#include "core/report/preflight_finding.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::report {
namespace {

TEST(ShownValueTest, EscapesWhatBreaksALineACellOrATerminal) {
  EXPECT_EQ(ShownValue(std::nullopt, 40), "NULL");
  EXPECT_EQ(ShownValue("a\nb|c'd\\e\tf\r", 40), "'a\\nb\\|c\\'d\\\\e\\tf\\r'");
  EXPECT_EQ(ShownValue(std::string("\x1b[31m\x7f", 6), 40), "'\\x1b[31m\\x7f'");
  EXPECT_EQ(ShownValue("caf\xc3\xa9", 40), "'caf\xc3\xa9'");
  EXPECT_EQ(ShownValue("\xff\xfe", 40), "'\\xff\\xfe'");
  EXPECT_EQ(ShownValue("a\xe2\x80\xaez", 40), "'a\\xe2\\x80\\xaez'");
  EXPECT_EQ(ShownValue("\xc2\x85", 40), "'\\xc2\\x85'");
}

TEST(ShownValueTest, CutsLongValues) {
  const std::string big(10 << 20, 'x');
  EXPECT_EQ(ShownValue(big, 5), "'xxxxx...'");
  EXPECT_EQ(ShownValue("abc", 5, /*cut=*/true), "'abc...'");
  EXPECT_EQ(ShownValue("\xc3\xa9\xc3\xa9\xc3\xa9", 2), "'\xc3\xa9\xc3\xa9...'");
}

TEST(PreflightFindingTest, DescribesAConflict) {
  PreflightFinding f;
  f.outcome = "conflict";
  f.rows = 5;
  f.in_the_way = "share a value of (v)";
  f.keys = 2;
  f.samples = {"('a') x3", "('b') x2"};
  EXPECT_EQ(f.Describe(), "5 rows share a value of (v): ('a') x3, ('b') x2");
  f.more = true;
  f.samples = {};
  EXPECT_EQ(f.Describe(), "more than 5 rows share a value of (v)");
}

}  // namespace
}  // namespace aos::report
