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
  EXPECT_THAT(Texts("SELECT 1 -- x;\n;"), ElementsAre("SELECT 1 -- x;"));
  EXPECT_THAT(Texts("SELECT 1 --"), ElementsAre("SELECT 1 --"));
  EXPECT_THAT(Texts("BEGIN NOT ATOMIC SELECT 1 --; END; SELECT 2;"),
              ElementsAre("BEGIN NOT ATOMIC SELECT 1 --; END", "SELECT 2"));
}

// Differential test (testdata/sql_corpus/dash_before_semicolon.sql): the
// server reads "--;" as two minus signs (a syntax error), the statement
// sent without its ';' as a comment (it ran).
TEST(StatementSplitterTest, RefusesDashesRightBeforeATopLevelSemicolon) {
  auto s = SplitStatements("SELECT 1;\nSELECT a FROM t WHERE a = 1 --;\n");
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(std::string(s.status().message()),
              HasSubstr("line 2: '--' right before ';'"));
}

// Differential test: testdata/sql_corpus/ compound_repeat_until_case,
// function_return_case, handler_single_statement, handler_top_level,
// cursor_in_procedure, handler_conditions_list, event_alter_body,
// proc_single_statement, function_returns_set.
TEST(StatementSplitterTest, BodiesTheServerAcceptedAndTheSplitterDidNot) {
  for (const char* body : {
           "REPEAT SET @i = @i + 1; UNTIL CASE WHEN @i > 2 THEN 1 END END "
           "REPEAT",
           "CREATE FUNCTION f(x INT) RETURNS INT BEGIN RETURN CASE x WHEN 1 "
           "THEN 1 ELSE CASE WHEN x > 1 THEN 2 END END; END",
           "CREATE PROCEDURE p() BEGIN DECLARE CONTINUE HANDLER FOR SQLSTATE "
           "'23000' SET @d = 1; INSERT INTO t VALUES (1); END",
           "BEGIN NOT ATOMIC DECLARE CONTINUE HANDLER FOR 1062 INSERT INTO t "
           "VALUES (7); INSERT INTO t VALUES (1); END",
           "CREATE PROCEDURE p() BEGIN DECLARE c CURSOR FOR SELECT a FROM t "
           "FOR UPDATE; DECLARE CONTINUE HANDLER FOR NOT FOUND SET @d = 1; "
           "OPEN c; END",
           "CREATE PROCEDURE p() BEGIN DECLARE CONTINUE HANDLER FOR d, "
           "SQLWARNING, 1146 IF @n THEN SET @n = 5; END IF; DECLARE EXIT "
           "HANDLER FOR SQLSTATE VALUE '42S02', NOT FOUND BEGIN SET @n = 1; "
           "END; SELECT 1; END",
           "ALTER EVENT e DO BEGIN INSERT INTO t VALUES (2); INSERT INTO t "
           "VALUES (3); END",
           "CREATE PROCEDURE p() DO IF(1, 2, 3)",
           "CREATE FUNCTION f() RETURNS SET('a', 'b') BEGIN RETURN 'a'; END",
       }) {
    EXPECT_THAT(Texts(std::string(body) + ";\nSELECT 9;"),
                ElementsAre(body, "SELECT 9"));
  }
}

// Differential test: sql_mode_no_backslash_escapes, sql_mode_ansi_quotes,
// charset_gbk; set_statement_sql_mode is split.
TEST(StatementSplitterTest, RefusesWhatChangesHowTheServerReadsText) {
  for (const char* script : {
           "SET sql_mode = 'NO_BACKSLASH_ESCAPES'; SELECT 'a\\\\';",
           "SET SESSION sql_mode = 'ANSI'; SELECT \"a\";",
           "SET @@sql_mode := CONCAT(@@sql_mode, ',ANSI_QUOTES');",
           "/*!40101 SET sql_mode = ORACLE */;",
           "SET NAMES gbk;", "SET CHARACTER SET 'sjis';",
       }) {
    auto s = SplitStatements(script);
    EXPECT_FALSE(s.ok()) << script;
    EXPECT_THAT(std::string(s.status().message()),
                HasSubstr("cannot be split safely"))
        << script;
  }
  EXPECT_THAT(Texts("SET STATEMENT sql_mode = 'ANSI_QUOTES' FOR SELECT 1; "
                    "SET sql_mode = 'STRICT_ALL_TABLES'; SET NAMES utf8mb4;"),
              ElementsAre("SET STATEMENT sql_mode = 'ANSI_QUOTES' FOR SELECT 1",
                          "SET sql_mode = 'STRICT_ALL_TABLES'",
                          "SET NAMES utf8mb4"));
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

TEST(StatementSplitterTest, ColumnsNamedBeginAndEndOpenNothing) {
  // Five statements, as the server reads them (issue 23: three before).
  EXPECT_THAT(
      Texts("CREATE TABLE p (id INT, begin INT, end INT);\n"
            "INSERT INTO p (id, begin, end) VALUES (1, 2, 3);\n"
            "UPDATE p SET begin = begin + 1 WHERE end = 3;\n"
            "SELECT begin, end FROM p;\n"
            "ALTER TABLE p ADD INDEX (begin);"),
      ElementsAre("CREATE TABLE p (id INT, begin INT, end INT)",
                  "INSERT INTO p (id, begin, end) VALUES (1, 2, 3)",
                  "UPDATE p SET begin = begin + 1 WHERE end = 3",
                  "SELECT begin, end FROM p", "ALTER TABLE p ADD INDEX (begin)"));
  EXPECT_THAT(
      Texts("CREATE TRIGGER t BEFORE INSERT ON begin FOR EACH ROW SET "
            "NEW.end = 1; SELECT 1;"),
      ElementsAre("CREATE TRIGGER t BEFORE INSERT ON begin FOR EACH ROW SET "
                  "NEW.end = 1",
                  "SELECT 1"));
  EXPECT_THAT(Texts("CREATE FUNCTION f(begin INT) RETURNS INT RETURN begin "
                    "+ 1; SELECT 2;"),
              ElementsAre("CREATE FUNCTION f(begin INT) RETURNS INT RETURN "
                          "begin + 1",
                          "SELECT 2"));
  EXPECT_THAT(Texts("CREATE PROCEDURE p() UPDATE t SET begin = 1; SELECT 2;"),
              ElementsAre("CREATE PROCEDURE p() UPDATE t SET begin = 1",
                          "SELECT 2"));
}

TEST(StatementSplitterTest, CompoundStatementsWhereTheGrammarOpensThem) {
  const char* kBlock =
      "lbl: BEGIN NOT ATOMIC DECLARE end INT DEFAULT 0; "
      "DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN SET @e = 1; END; "
      "REPEAT SET end = end + 1; UNTIL end > 3 END REPEAT; "
      "IF end > 1 THEN SELECT CASE WHEN end THEN 1 END; ELSE SELECT 2; END IF; "
      "END lbl";
  EXPECT_THAT(Texts(std::string(kBlock) + "; SELECT 3;"),
              ElementsAre(kBlock, "SELECT 3"));
  const char* kIf = "IF @x THEN SELECT 1; ELSE SELECT 2; END IF";
  EXPECT_THAT(Texts(std::string(kIf) + "; SELECT 3;"),
              ElementsAre(kIf, "SELECT 3"));
  const char* kEvent =
      "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; END";
  EXPECT_THAT(Texts(std::string(kEvent) + "; SELECT 3;"),
              ElementsAre(kEvent, "SELECT 3"));
  const char* kFunction =
      "CREATE FUNCTION f() RETURNS VARCHAR(5) CHARSET utf8mb4 DETERMINISTIC "
      "BEGIN RETURN CASE WHEN 1 THEN 'a' END; END";
  EXPECT_THAT(Texts(std::string(kFunction) + "; SELECT 3;"),
              ElementsAre(kFunction, "SELECT 3"));
  EXPECT_THAT(Texts("CREATE FUNCTION g() RETURNS INT RETURN CASE WHEN 1 THEN "
                    "2 END; SELECT 3;"),
              ElementsAre("CREATE FUNCTION g() RETURNS INT RETURN CASE WHEN 1 "
                          "THEN 2 END",
                          "SELECT 3"));
}

TEST(StatementSplitterTest, ExecutableCommentsAreCode) {
  EXPECT_THAT(Texts("/*!50000 CREATE TABLE h3 (a INT) */;\n"
                    "/*M!100000 CREATE TABLE h4 (a INT) */;\n"
                    "/*!999999 CREATE TABLE h5 (a INT) */;\n"
                    "CREATE TABLE h6 (a INT) /*!50100 ENGINE=InnoDB */;"),
              ElementsAre("/*!50000 CREATE TABLE h3 (a INT) */",
                          "/*M!100000 CREATE TABLE h4 (a INT) */",
                          "/*!999999 CREATE TABLE h5 (a INT) */",
                          "CREATE TABLE h6 (a INT) /*!50100 ENGINE=InnoDB */"));
  ServerFlavour maria;
  maria.every = false;
  maria.version = 101119;
  absl::StatusOr<std::vector<Statement>> s = SplitStatements(
      "/*!999999 CREATE TABLE h5 (a INT) */; SELECT 1;", "mysql", maria);
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_EQ(s->size(), 1u);
  EXPECT_EQ((*s)[0].text, "SELECT 1");
  auto semicolon = SplitStatements("/*!50000 SELECT 1; SELECT 2 */;");
  EXPECT_FALSE(semicolon.ok());
  EXPECT_THAT(std::string(semicolon.status().message()),
              HasSubstr("inside an executable comment"));
}

TEST(StatementSplitterTest, OtherDialectsBodies) {
  const char* kAtomic =
      "CREATE FUNCTION f() RETURNS INT LANGUAGE SQL BEGIN ATOMIC SELECT CASE "
      "WHEN true THEN 1 END; END";
  EXPECT_THAT(Texts(std::string(kAtomic) + "; SELECT 2;", "postgresql"),
              ElementsAre(kAtomic, "SELECT 2"));
  EXPECT_THAT(Texts("BEGIN; SELECT 1;", "postgresql"),
              ElementsAre("BEGIN", "SELECT 1"));
  const char* kTrigger =
      "CREATE TRIGGER t AFTER INSERT ON x WHEN new.a > 0 BEGIN UPDATE y SET "
      "b = CASE WHEN 1 THEN 2 END; DELETE FROM z; END";
  EXPECT_THAT(Texts(std::string(kTrigger) + "; SELECT 2;", "sqlite"),
              ElementsAre(kTrigger, "SELECT 2"));
  EXPECT_THAT(Texts("CREATE TABLE begin (end INT); SELECT 2;", "sqlite"),
              ElementsAre("CREATE TABLE begin (end INT)", "SELECT 2"));
}

TEST(StatementSplitterTest, RejectsDelimiterDirective) {
  auto s = SplitStatements("DELIMITER $$\nCREATE TRIGGER ...$$");
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(std::string(s.status().message()), HasSubstr("DELIMITER"));
}

}  // namespace
}  // namespace aos::sql
