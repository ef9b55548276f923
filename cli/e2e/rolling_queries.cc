#include "cli/e2e/rolling_queries.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/testing/command_runner.h"

namespace aos::e2e {

std::vector<std::string> ExpectedMetricRows() {
  return {"cpu_util\t%", "disk.read.bytes.rate\tNULL", "memory.usage\tMiB"};
}

std::vector<std::string> QueryFileStatements(const std::string& runfile) {
  const std::string text = testing::ReadFile(testing::Runfile(runfile));
  std::vector<std::string> lines;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (absl::StartsWith(absl::StripLeadingAsciiWhitespace(line), "--")) {
      continue;
    }
    lines.emplace_back(line);
  }
  std::vector<std::string> statements;
  for (absl::string_view s : absl::StrSplit(absl::StrJoin(lines, "\n"), ';')) {
    std::string statement(absl::StripAsciiWhitespace(s));
    if (!statement.empty()) statements.push_back(statement);
  }
  return statements;
}

QueryFileRun RunQueryFile(const std::string& runfile,
                          const StatementRunner& run) {
  QueryFileRun result;
  const std::vector<std::string> statements = QueryFileStatements(runfile);
  if (statements.size() < 8) {
    result.status = absl::InternalError(
        absl::StrCat(runfile, ": ", statements.size(), " statements"));
    result.failed_statement = -1;
    return result;
  }
  for (size_t i = 0; i < statements.size(); ++i) {
    absl::StatusOr<std::vector<std::string>> rows = run(statements[i]);
    if (!rows.ok()) {
      result.status = rows.status();
      result.failed_statement = static_cast<int>(i + 1);
      return result;
    }
    result.rows.push_back(*rows);
  }
  return result;
}

void ExpectServiceWorks(const std::string& runfile, const StatementRunner& run) {
  QueryFileRun r = RunQueryFile(runfile, run);
  ASSERT_TRUE(r.status.ok()) << runfile << ": statement " << r.failed_statement
                             << " failed: " << r.status;
  ASSERT_GE(r.rows.size(), 8u);
  EXPECT_EQ(r.rows[7], ExpectedMetricRows()) << runfile;
}

void ExpectOldServiceBroken(const StatementRunner& run) {
  QueryFileRun r = RunQueryFile(kPreviousQueries, run);
  EXPECT_EQ(r.failed_statement, 4)
      << "the old release's statements at 11: " << r.status;
  EXPECT_THAT(std::string(r.status.message()), ::testing::HasSubstr("unit"));
}

}  // namespace aos::e2e
