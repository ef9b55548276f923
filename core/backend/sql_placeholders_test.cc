#include "core/backend/sql_placeholders.h"

#include "gtest/gtest.h"

namespace aos::backend {
namespace {

std::string Quote(const std::string& s) { return "<" + s + ">"; }

std::string Bound(absl::string_view sql, const std::vector<SqlValue>& params) {
  absl::StatusOr<std::string> out = BindPlaceholders(sql, params, Quote);
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? *out : "";
}

TEST(BindPlaceholdersTest, ReplacesEachPlaceholderInOrder) {
  EXPECT_EQ(Bound("UPDATE t SET a = ?, b = ? WHERE c = ?",
                  {int64_t{-7}, std::string("x?y"), int64_t{9000000000}}),
            "UPDATE t SET a = -7, b = <x?y> WHERE c = 9000000000");
}

TEST(BindPlaceholdersTest, NoParametersLeavesTheTextAlone) {
  EXPECT_EQ(Bound("SELECT '?' -- ?", {}), "SELECT '?' -- ?");
}

TEST(BindPlaceholdersTest, SkipsQuotesNamesAndComments) {
  EXPECT_EQ(Bound("SELECT '?''?', \"a\\\"?\", `q?``?`, ? /* ? */ # ?\n"
                  "-- ?\n, ?",
                  {int64_t{1}, int64_t{2}}),
            "SELECT '?''?', \"a\\\"?\", `q?``?`, 1 /* ? */ # ?\n-- ?\n, 2");
}

TEST(BindPlaceholdersTest, DoubleDashWithoutBlankIsNoComment) {
  EXPECT_EQ(Bound("SELECT 1--?", {int64_t{3}}), "SELECT 1--3");
}

TEST(BindPlaceholdersTest, CountMismatchIsAnError) {
  EXPECT_FALSE(BindPlaceholders("SELECT ?", {}, Quote).ok());
  EXPECT_FALSE(BindPlaceholders("SELECT ?, ?", {int64_t{1}}, Quote).ok());
  EXPECT_FALSE(BindPlaceholders("SELECT ?", {int64_t{1}, int64_t{2}}, Quote).ok());
  EXPECT_FALSE(BindPlaceholders("SELECT '?", {int64_t{1}}, Quote).ok());
  EXPECT_FALSE(BindPlaceholders("SELECT /* ?", {int64_t{1}}, Quote).ok());
}

std::string Numbered(absl::string_view sql, size_t count) {
  absl::StatusOr<std::string> out = NumberPlaceholders(sql, count);
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? *out : "";
}

TEST(NumberPlaceholdersTest, NumbersEachPlaceholderInOrder) {
  EXPECT_EQ(Numbered("UPDATE t SET a = ?, b = ? WHERE c = ?", 3),
            "UPDATE t SET a = $1, b = $2 WHERE c = $3");
  EXPECT_EQ(Numbered("SELECT 1", 0), "SELECT 1");
}

// PostgreSQL's own quoting: nested comments, E'' strings with backslash
// escapes, dollar quotes, "--" with no blank after it, "" in names.
TEST(NumberPlaceholdersTest, SkipsWhatPostgresqlQuotesOrComments) {
  EXPECT_EQ(Numbered("SELECT ? /* a /* ? */ ? */, E'\\'?', $$?$$, "
                     "$f$ ? $$ ? $f$, \"q\"\"?\", 'a\\', ?--?\n, ?",
                     3),
            "SELECT $1 /* a /* ? */ ? */, E'\\'?', $$?$$, "
            "$f$ ? $$ ? $f$, \"q\"\"?\", 'a\\', $2--?\n, $3");
}

TEST(NumberPlaceholdersTest, CountMismatchOrAnOpenQuoteIsAnError) {
  EXPECT_FALSE(NumberPlaceholders("SELECT ?", 0).ok());
  EXPECT_FALSE(NumberPlaceholders("SELECT ?, ?", 1).ok());
  EXPECT_FALSE(NumberPlaceholders("SELECT ?", 2).ok());
  EXPECT_FALSE(NumberPlaceholders("SELECT $$ ?", 1).ok());
  EXPECT_FALSE(NumberPlaceholders("SELECT /* /* */ ?", 1).ok());
}

// The same text read by MySQL's rules is another statement: '\' escapes,
// "--" needs a blank, `` quotes names, # starts a comment.
TEST(BindPlaceholdersTest, ReadsTheTextAsMysqlDoes) {
  EXPECT_EQ(Bound("SELECT 'a\\'?', ? # ?\n", {int64_t{1}}), "SELECT 'a\\'?', 1 # ?\n");
}

}  // namespace
}  // namespace aos::backend
