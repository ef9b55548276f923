#include "core/sql/statement_splitter.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::sql {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Texts(absl::string_view script,
                               absl::string_view dialect = "mysql") {
  absl::StatusOr<std::vector<Statement>> statements =
      SplitStatements(script, dialect);
  EXPECT_TRUE(statements.ok()) << statements.status();
  std::vector<std::string> texts;
  if (statements.ok()) {
    for (const Statement& s : *statements) texts.push_back(s.text);
  }
  return texts;
}

TEST(StatementSplitterTest, SplitsAtTopLevelSemicolons) {
  EXPECT_THAT(Texts("CREATE TABLE a (x INT);\nCREATE TABLE b (y INT);"),
              ElementsAre("CREATE TABLE a (x INT)", "CREATE TABLE b (y INT)"));
}

TEST(StatementSplitterTest, LastStatementNeedsNoSemicolon) {
  EXPECT_THAT(Texts("SELECT 1;\nSELECT 2\n"), ElementsAre("SELECT 1", "SELECT 2"));
}

TEST(StatementSplitterTest, EmptyAndCommentOnlyScriptsHaveNoStatements) {
  EXPECT_THAT(Texts(""), ElementsAre());
  EXPECT_THAT(Texts("-- nothing here;\n/* nor; here */\n# nor;\n;;"),
              ElementsAre());
}

TEST(StatementSplitterTest, IgnoresSemicolonsInQuotesAndComments) {
  EXPECT_THAT(
      Texts("INSERT INTO t VALUES ('a;b', \"c;d\", 'it''s;', 'x\\';y');\n"
            "-- comment; here\n"
            "SELECT `we;ird` /* a; b */ FROM t # trailing; comment\n;"),
      ElementsAre("INSERT INTO t VALUES ('a;b', \"c;d\", 'it''s;', 'x\\';y')",
                  "SELECT `we;ird` /* a; b */ FROM t # trailing; comment"));
}

TEST(StatementSplitterTest, DropsLeadingCommentsAndRecordsLines) {
  absl::StatusOr<std::vector<Statement>> s =
      SplitStatements("-- header\n\nCREATE TABLE a (x INT);\n  SELECT 1;");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->size(), 2u);
  EXPECT_EQ((*s)[0].text, "CREATE TABLE a (x INT)");
  EXPECT_EQ((*s)[0].line, 3);
  EXPECT_EQ((*s)[1].line, 4);
}

TEST(StatementSplitterTest, KeepsTriggerBodiesWhole) {
  const char* kTrigger =
      "CREATE TRIGGER trg BEFORE UPDATE ON t FOR EACH ROW BEGIN\n"
      "  IF NEW.a IS NULL THEN SET NEW.a = 'x;y'; END IF;\n"
      "  SET NEW.b = CASE WHEN NEW.c > 0 THEN 1 ELSE 0 END;\n"
      "  CASE NEW.d WHEN 1 THEN SET NEW.e = 2; ELSE SET NEW.e = 3; END CASE;\n"
      "  WHILE 0 DO SET NEW.f = 1; END WHILE;\n"
      "END";
  EXPECT_THAT(Texts(std::string(kTrigger) + ";\nSELECT 1;"),
              ElementsAre(kTrigger, "SELECT 1"));
}

TEST(StatementSplitterTest, NestedBeginBlocksAndProcedures) {
  const char* kProc =
      "CREATE PROCEDURE p() BEGIN DECLARE x INT; BEGIN SELECT 1; END; "
      "label1: LOOP LEAVE label1; END LOOP; END";
  EXPECT_THAT(Texts(std::string(kProc) + "; DROP PROCEDURE p;"),
              ElementsAre(kProc, "DROP PROCEDURE p"));
}

TEST(StatementSplitterTest, TransactionBeginIsAStatementOfItsOwn) {
  EXPECT_THAT(Texts("BEGIN; UPDATE t SET a = 1; COMMIT;"),
              ElementsAre("BEGIN", "UPDATE t SET a = 1", "COMMIT"));
  EXPECT_THAT(Texts("BEGIN WORK; SELECT 1;"),
              ElementsAre("BEGIN WORK", "SELECT 1"));
}

TEST(StatementSplitterTest, QualifiedNamesAreNotKeywords) {
  EXPECT_THAT(Texts("SELECT t.end, t.begin FROM t; SELECT 2;"),
              ElementsAre("SELECT t.end, t.begin FROM t", "SELECT 2"));
}

TEST(StatementSplitterTest, MysqlDoubleDashNeedsWhitespace) {
  EXPECT_THAT(Texts("SELECT 1--1;"), ElementsAre("SELECT 1--1"));
  EXPECT_THAT(Texts("SELECT 1 --;\n;"), ElementsAre("SELECT 1 --"));
  EXPECT_THAT(Texts("SELECT 1 -- x;\n;"), ElementsAre("SELECT 1 -- x;"));
}

TEST(StatementSplitterTest, PostgresqlDollarQuotesAndNoBackslashEscapes) {
  const char* kFn =
      "CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN NEW.a := 'x;'; "
      "RETURN NEW; END; $body$ LANGUAGE plpgsql";
  EXPECT_THAT(Texts(std::string(kFn) + "; SELECT 'a\\'; SELECT 2;",
                    "postgresql"),
              ElementsAre(kFn, "SELECT 'a\\'", "SELECT 2"));
  EXPECT_THAT(Texts("SELECT 1 # 2; SELECT 3;", "postgresql"),
              ElementsAre("SELECT 1 # 2", "SELECT 3"));
}

TEST(StatementSplitterTest, RejectsUnterminatedConstructsNamingTheLine) {
  auto quote = SplitStatements("SELECT 1;\nSELECT 'abc;\n");
  EXPECT_FALSE(quote.ok());
  EXPECT_THAT(std::string(quote.status().message()),
              HasSubstr("' quote starting at line 2"));
  auto comment = SplitStatements("SELECT 1; /* open");
  EXPECT_FALSE(comment.ok());
  EXPECT_THAT(std::string(comment.status().message()),
              HasSubstr("/* comment starting at line 1"));
  auto body = SplitStatements(
      "\nCREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET @a = 1;");
  EXPECT_FALSE(body.ok());
  EXPECT_THAT(std::string(body.status().message()),
              HasSubstr("BEGIN ... END body in the statement starting at line 2"));
}

TEST(StatementSplitterTest, RejectsDelimiterDirective) {
  auto s = SplitStatements("DELIMITER $$\nCREATE TRIGGER ...$$");
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(std::string(s.status().message()), HasSubstr("DELIMITER"));
}

}  // namespace
}  // namespace aos::sql
