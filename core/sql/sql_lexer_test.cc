#include "core/sql/sql_lexer.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::sql {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The tokens' texts, the marks of executable comments as "<" and ">".
std::vector<std::string> Texts(absl::string_view text,
                               absl::string_view dialect = "mysql",
                               ServerFlavour server = {}) {
  absl::StatusOr<std::vector<Token>> tokens = Lex(text, dialect, server);
  EXPECT_TRUE(tokens.ok()) << tokens.status();
  std::vector<std::string> out;
  if (!tokens.ok()) return out;
  for (const Token& t : *tokens) {
    if (t.type == Token::Type::kCommentOpen) {
      out.push_back("<");
    } else if (t.type == Token::Type::kCommentClose) {
      out.push_back(">");
    } else {
      out.push_back(t.text);
    }
  }
  return out;
}

TEST(SqlLexerTest, WordsQuotesAndPunctuation) {
  EXPECT_THAT(Texts("SELECT `a``b`, 'it''s', \"x\\\"y\" FROM t;"),
              ElementsAre("SELECT", "a`b", ",", "'it''s'", ",", "\"x\\\"y\"",
                          "FROM", "t", ";"));
  EXPECT_THAT(Texts("SET @n := @@session.x"),
              ElementsAre("SET", "@n", ":", "=", "@@session", ".", "x"));
}

TEST(SqlLexerTest, CommentsAreSkippedAsMysqlReadsThem) {
  EXPECT_THAT(Texts("a -- c\nb #c\nc /* d */ e"),
              ElementsAre("a", "b", "c", "e"));
  // "--" needs a blank or a control character after it; the end counts.
  EXPECT_THAT(Texts("1--1"), ElementsAre("1", "-", "-", "1"));
  EXPECT_THAT(Texts("a --"), ElementsAre("a"));
  EXPECT_THAT(Texts("a --\tb"), ElementsAre("a"));
  // Not nested in MySQL; nested in PostgreSQL.
  EXPECT_THAT(Texts("/* a /* b */ c"), ElementsAre("c"));
  EXPECT_THAT(Texts("/* a /* b */ c */ d", "postgresql"), ElementsAre("d"));
}

TEST(SqlLexerTest, ExecutableCommentsAsTheServerVersionDecides) {
  ServerFlavour maria;
  maria.every = false;
  maria.version = 101119;
  EXPECT_THAT(Texts("/*!50000 CREATE */ x", "mysql", maria),
              ElementsAre("<", "CREATE", ">", "x"));
  EXPECT_THAT(Texts("/*!CREATE*/", "mysql", maria),
              ElementsAre("<", "CREATE", ">"));
  EXPECT_THAT(Texts("/*M!100000 a */ b", "mysql", maria),
              ElementsAre("<", "a", ">", "b"));
  EXPECT_THAT(Texts("/*M!110000 a */ b", "mysql", maria), ElementsAre("b"));
  EXPECT_THAT(Texts("/*!999999 a */ b", "mysql", maria), ElementsAre("b"));
  // MariaDB leaves MySQL 5.7+ syntax alone.
  EXPECT_THAT(Texts("/*!80000 a */ b", "mysql", maria), ElementsAre("b"));
  ServerFlavour mysql8;
  mysql8.every = false;
  mysql8.version = 80036;
  mysql8.mariadb = false;
  EXPECT_THAT(Texts("/*!80000 a */ /*M!100000 c */ b", "mysql", mysql8),
              ElementsAre("<", "a", ">", "b"));
  // A comment that does not run may hold one nested comment.
  EXPECT_THAT(Texts("/*!999999 a /* n */ b */ c", "mysql", maria),
              ElementsAre("c"));
  // Not in other dialects.
  EXPECT_THAT(Texts("/*!50000 a */ b", "postgresql"), ElementsAre("b"));
}

TEST(SqlLexerTest, PostgresqlQuotes) {
  EXPECT_THAT(Texts("$$ a; $$ $t$ b $t$ \"Id\" E'x\\'y' 'a\\'", "postgresql"),
              ElementsAre("$$ a; $$", "$t$ b $t$", "Id", "E", "'x\\'y'",
                          "'a\\'"));
}

TEST(SqlLexerTest, UnterminatedIsAnErrorNamingTheLine) {
  for (const char* bad : {"SELECT 'a", "\n/* x", "`x", "/*!50000 a"}) {
    absl::StatusOr<std::vector<Token>> t = Lex(bad, "mysql");
    EXPECT_FALSE(t.ok()) << bad;
    EXPECT_THAT(t.status().message(), HasSubstr("line")) << bad;
  }
  EXPECT_EQ(LexTolerant("a 'b", "mysql").size(), 1u);
}

TEST(SqlLexerTest, LiteralValue) {
  std::vector<Token> t = LexTolerant("'it''s\\n' $x$a'b$x$", "postgresql");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(LiteralValue(t[0], "mysql"), "it's\n");
  EXPECT_EQ(LiteralValue(t[1], "postgresql"), "a'b");
}

TEST(SqlLexerTest, LinesAndOffsets) {
  std::vector<Token> t = LexTolerant("a\n  'x\ny'\nb", "mysql");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[1].line, 2);
  EXPECT_EQ(t[1].begin, 4u);
  EXPECT_EQ(t[2].line, 4);
}

}  // namespace
}  // namespace aos::sql
