#include "core/report/result_table.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "core/report/module_result.h"

namespace aos::report {
namespace {

using ::testing::ElementsAre;

constexpr char kSpecError[] =
    "Error while getting migrate versions: Unable to get database engine "
    "from engine facade";

ModuleResult Ok(const char* id, const char* name, int64_t from, int64_t to) {
  ModuleResult r;
  r.module_id = id;
  r.display_name = name;
  r.ok = true;
  r.from = from;
  r.to = to;
  return r;
}

ModuleResult Fail(const char* id, const char* name, std::string error,
                  bool database_error) {
  ModuleResult r;
  r.module_id = id;
  r.display_name = name;
  r.ok = false;
  r.error = std::move(error);
  r.database_error = database_error;
  return r;
}

// The table's lines, without the "DB migrate table" title.
std::vector<std::string> TableLines(const std::string& rendered) {
  std::vector<std::string> lines = absl::StrSplit(rendered, '\n');
  EXPECT_GE(lines.size(), 3u);
  EXPECT_EQ(lines.front(), "DB migrate table");
  EXPECT_EQ(lines.back(), "");  // ends with a newline
  return std::vector<std::string>(lines.begin() + 1, lines.end() - 1);
}

// The Result cell of a table line.
std::string ResultCell(const std::string& line) {
  std::vector<std::string> cells = absl::StrSplit(line, '|');
  EXPECT_EQ(cells.size(), 6u) << line;  // "", N, name, status, result, ""
  std::string cell = cells.size() > 4 ? cells[4] : "";
  // "| " cell " " : strip the one space each side, then the padding.
  EXPECT_GE(cell.size(), 2u);
  cell = cell.substr(1, cell.size() - 2);
  while (!cell.empty() && cell.back() == ' ') cell.pop_back();
  return cell;
}

void ExpectWellFormed(const std::string& rendered) {
  std::vector<std::string> lines = TableLines(rendered);
  for (const std::string& line : lines) {
    EXPECT_EQ(line.size(), lines.front().size()) << line;
    EXPECT_LE(ResultCell(line).size(), kResultWidth) << line;
  }
}

// ---- WrapWords ---------------------------------------------------------

TEST(WrapWords, ShortTextIsOneLine) {
  EXPECT_THAT(WrapWords("No changes", 52), ElementsAre("No changes"));
  EXPECT_THAT(WrapWords("25 -> 28", 52), ElementsAre("25 -> 28"));
}

TEST(WrapWords, EmptyTextIsOneEmptyLine) {
  EXPECT_THAT(WrapWords("", 52), ElementsAre(""));
  EXPECT_THAT(WrapWords("   \n\t ", 52), ElementsAre(""));
}

TEST(WrapWords, SpecExampleWrapsAtWordBoundary) {
  EXPECT_THAT(WrapWords(kSpecError, 52),
              ElementsAre("Error while getting migrate versions: Unable to get",
                          "database engine from engine facade"));
}

TEST(WrapWords, ExactWidthFitsOnOneLine) {
  std::string text = kUnknownDbError;
  ASSERT_EQ(text.size(), 52u);
  EXPECT_THAT(WrapWords(text, 52), ElementsAre(text));
  // One character more and the last word moves down.
  EXPECT_THAT(WrapWords(text + "x", 52),
              ElementsAre("Unknown DB Error. Please contact your",
                          "administrator.x"));
}

TEST(WrapWords, RunsOfWhitespaceAndNewlinesAreOneSpace) {
  EXPECT_THAT(WrapWords("  a   b\nc\r\n\td  ", 52), ElementsAre("a b c d"));
  EXPECT_THAT(WrapWords("aaa bbb\nccc", 7), ElementsAre("aaa bbb", "ccc"));
}

TEST(WrapWords, GreedyFill) {
  EXPECT_THAT(WrapWords("aa bb cc dd ee", 5),
              ElementsAre("aa bb", "cc dd", "ee"));
  EXPECT_THAT(WrapWords("aaaaa b", 5), ElementsAre("aaaaa", "b"));
}

TEST(WrapWords, LongWordIsCut) {
  EXPECT_THAT(WrapWords("abcdefghijkl", 5), ElementsAre("abcde", "fghij", "kl"));
  EXPECT_THAT(WrapWords("abcdefghij", 5), ElementsAre("abcde", "fghij"));
  EXPECT_THAT(WrapWords("xy abcdefghijkl z", 5),
              ElementsAre("xy", "abcde", "fghij", "kl z"));
  std::string long_word(120, 'w');
  std::vector<std::string> lines = WrapWords("see " + long_word, 52);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "see");
  EXPECT_EQ(lines[1], std::string(52, 'w'));
  EXPECT_EQ(lines[2], std::string(52, 'w'));
  EXPECT_EQ(lines[3], std::string(16, 'w'));
}

TEST(WrapWords, NoLineExceedsWidthNorLosesAWord) {
  std::string text =
      "Error while applying migration 9 -> 10 (add owners), database left at "
      "9: statement 2 of 3 (line 7): (1054) Unknown column 'owner_id' in "
      "'field list' /var/lib/aos/some/really/long/path/that/goes/on/and/on/"
      "forever.sql";
  for (size_t width : {10u, 20u, 52u, 80u}) {
    std::vector<std::string> lines = WrapWords(text, width);
    std::string joined;
    for (const std::string& line : lines) {
      EXPECT_LE(line.size(), width) << line;
      EXPECT_FALSE(line.empty());
      joined += line;
    }
    std::string without_spaces;
    for (char c : text) {
      if (c != ' ') without_spaces += c;
    }
    std::string joined_without_spaces;
    for (char c : joined) {
      if (c != ' ') joined_without_spaces += c;
    }
    EXPECT_EQ(joined_without_spaces, without_spaces) << width;
  }
}

// ---- ModuleResult::ResultText ------------------------------------------

TEST(ModuleResultText, OkResults) {
  EXPECT_EQ(Ok("d", "D", 9, 10).ResultText(false), "9 -> 10");
  EXPECT_EQ(Ok("d", "D", 27, 26).ResultText(false), "27 -> 26");
  EXPECT_EQ(Ok("d", "D", 28, 28).ResultText(false), "No changes");
  EXPECT_EQ(Ok("d", "D", 0, 3).ResultText(true), "0 -> 3");
  ModuleResult unknown;
  unknown.ok = true;
  EXPECT_EQ(unknown.ResultText(false), "No changes");
  unknown.from = 3;
  EXPECT_EQ(unknown.ResultText(false), "No changes");
}

TEST(ModuleResultText, DatabaseErrorIsMaskedWithoutVerbose) {
  ModuleResult r = Fail("d", "D", kSpecError, /*database_error=*/true);
  EXPECT_EQ(r.ResultText(false), kUnknownDbError);
  EXPECT_EQ(r.ResultText(false),
            "Unknown DB Error. Please contact your administrator.");
  EXPECT_EQ(r.ResultText(true), kSpecError);
}

TEST(ModuleResultText, OperatorErrorIsNeverMasked) {
  ModuleResult r = Fail("d", "D", "version 99 does not exist for dashboard",
                        /*database_error=*/false);
  EXPECT_EQ(r.ResultText(false), "version 99 does not exist for dashboard");
  EXPECT_EQ(r.ResultText(true), "version 99 does not exist for dashboard");
}

// ---- RenderRunHeader / RenderResultTable -------------------------------

TEST(RenderRunHeader, JoinsIds) {
  EXPECT_EQ(RenderRunHeader({"dashboard", "cloud_manager"}),
            "Running db migrate for: dashboard, cloud_manager\n");
  EXPECT_EQ(RenderRunHeader({"dashboard"}), "Running db migrate for: dashboard\n");
}

TEST(RenderResultTable, SpecExample) {
  std::string out = RenderResultTable(
      {Ok("dashboard", "Dashboard", 10, 10),
       Ok("cloud_manager", "CloudManager", 25, 28)},
      false);
  EXPECT_EQ(out,
            "DB migrate table\n"
            "| N | Module name  | Status | Result     |\n"
            "| 1 | Dashboard    | OK     | No changes |\n"
            "| 2 | CloudManager | OK     | 25 -> 28   |\n");
  ExpectWellFormed(out);
}

TEST(RenderResultTable, OneModule) {
  EXPECT_EQ(RenderResultTable({Ok("dashboard", "Dashboard", 9, 10)}, false),
            "DB migrate table\n"
            "| N | Module name | Status | Result  |\n"
            "| 1 | Dashboard   | OK     | 9 -> 10 |\n");
}

TEST(RenderResultTable, NoModulesIsJustTheHeader) {
  EXPECT_EQ(RenderResultTable({}, false),
            "DB migrate table\n"
            "| N | Module name | Status | Result |\n");
}

TEST(RenderResultTable, MaskedDatabaseErrorsFitOnOneLine) {
  std::vector<ModuleResult> results = {
      Fail("cloud_manager", "CloudManager", kSpecError, true),
      Fail("clouds", "Clouds", "(2002) Can't connect", true),
  };
  std::string out = RenderResultTable(results, false);
  EXPECT_EQ(out,
            "DB migrate table\n"
            "| N | Module name  | Status | Result                                               |\n"
            "| 1 | CloudManager | FAIL   | Unknown DB Error. Please contact your administrator. |\n"
            "| 2 | Clouds       | FAIL   | Unknown DB Error. Please contact your administrator. |\n");
  ExpectWellFormed(out);
}

TEST(RenderResultTable, VerboseSpecExampleWraps) {
  std::string out = RenderResultTable(
      {Fail("dashboard", "Dashboard", kSpecError, true)}, /*verbose=*/true);
  EXPECT_EQ(out,
            "DB migrate table\n"
            "| N | Module name | Status | Result                                              |\n"
            "| 1 | Dashboard   | FAIL   | Error while getting migrate versions: Unable to get |\n"
            "|   |             |        | database engine from engine facade                  |\n");
  ExpectWellFormed(out);
}

TEST(RenderResultTable, ContinuationRowsAmongOtherRows) {
  std::string out = RenderResultTable(
      {Ok("cloud_manager", "CloudManager", 27, 26),
       Fail("dashboard", "Dashboard", kSpecError, true),
       Ok("journal", "Journal", 3, 3)},
      /*verbose=*/true);
  EXPECT_EQ(out,
            "DB migrate table\n"
            "| N | Module name  | Status | Result                                              |\n"
            "| 1 | CloudManager | OK     | 27 -> 26                                            |\n"
            "| 2 | Dashboard    | FAIL   | Error while getting migrate versions: Unable to get |\n"
            "|   |              |        | database engine from engine facade                  |\n"
            "| 3 | Journal      | OK     | No changes                                          |\n");
  ExpectWellFormed(out);
}

TEST(RenderResultTable, OperatorErrorShownWithoutVerbose) {
  std::string out = RenderResultTable(
      {Fail("dashboard", "Dashboard",
            "version 99 does not exist for dashboard (it has 0, 1..28)", false)},
      false);
  EXPECT_EQ(out,
            "DB migrate table\n"
            "| N | Module name | Status | Result                                             |\n"
            "| 1 | Dashboard   | FAIL   | version 99 does not exist for dashboard (it has 0, |\n"
            "|   |             |        | 1..28)                                             |\n");
  ExpectWellFormed(out);
}

TEST(RenderResultTable, TenOrMoreRowsWidenTheNumberColumn) {
  std::vector<ModuleResult> results;
  for (int i = 0; i < 10; ++i) results.push_back(Ok("m", "M", 1, 2));
  std::string out = RenderResultTable(results, false);
  std::vector<std::string> lines = TableLines(out);
  ASSERT_EQ(lines.size(), 11u);
  EXPECT_EQ(lines[0], "| N  | Module name | Status | Result |");
  EXPECT_EQ(lines[1], "| 1  | M           | OK     | 1 -> 2 |");
  EXPECT_EQ(lines[10], "| 10 | M           | OK     | 1 -> 2 |");
  ExpectWellFormed(out);
}

TEST(RenderResultTable, LongErrorsStayWithinTheResultWidth) {
  std::string long_error =
      "Error while applying migration 9 -> 10 (add owner column to every "
      "panel), database left at 9: statement 2 of 3 (line 7): (1054) Unknown "
      "column 'owner_id' in 'field list' " +
      std::string(130, 'x') + " end";
  std::string out = RenderResultTable(
      {Fail("dashboard", "Dashboard", long_error, true),
       Ok("cloud_manager", "CloudManager", 1, 2)},
      true);
  ExpectWellFormed(out);
  std::vector<std::string> lines = TableLines(out);
  EXPECT_GT(lines.size(), 5u);
  EXPECT_EQ(lines.front().size(),
            std::string("| N | Module name  | Status |  |").size() + kResultWidth);
}

}  // namespace
}  // namespace aos::report
