#include "core/sql/session_control.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::sql {
namespace {

using ::testing::HasSubstr;

TEST(SessionControlTest, TransactionControlIsFound) {
  for (const char* s :
       {"BEGIN", "begin work", "START TRANSACTION", "start transaction read write",
        "COMMIT", "commit work", "ROLLBACK", "ROLLBACK TO SAVEPOINT a",
        "SAVEPOINT a", "RELEASE SAVEPOINT a", "XA START 'x'",
        "/* why */ COMMIT", "-- note\nCOMMIT", "/*!40101 COMMIT */"}) {
    EXPECT_NE(SessionControlWords(s, "mysql"), "") << s;
  }
  EXPECT_EQ(SessionControlWords("END", "postgresql"), "END");
  EXPECT_EQ(SessionControlWords("ABORT", "postgresql"), "ABORT");
  EXPECT_EQ(SessionControlWords("BEGIN IMMEDIATE TRANSACTION", "sqlite"),
            "BEGIN");
  EXPECT_EQ(SessionControlWords("PREPARE TRANSACTION 'x'", "postgresql"),
            "PREPARE TRANSACTION");
}

TEST(SessionControlTest, SessionControlIsFound) {
  for (const char* s :
       {"SET autocommit = 0", "SET autocommit=0", "set session autocommit = 1",
        "SET @@autocommit = 0", "SET @@session.autocommit = 0",
        "SET NAMES utf8mb4, autocommit = 0", "/*!40101 SET autocommit=0 */",
        "USE other_db", "use `other`", "LOCK TABLES t WRITE", "UNLOCK TABLES"}) {
    EXPECT_NE(SessionControlWords(s, "mysql"), "") << s;
  }
  EXPECT_EQ(SessionControlWords("SET search_path TO other", "postgresql"),
            "SET SEARCH_PATH");
  EXPECT_EQ(SessionControlWords("SET SESSION search_path = x", "postgresql"),
            "SET SEARCH_PATH");
  EXPECT_EQ(SessionControlWords("ATTACH DATABASE 'x' AS y", "sqlite"), "ATTACH");
}

TEST(SessionControlTest, OrdinaryStatementsPass) {
  for (const char* s :
       {"CREATE TABLE t (id INT)", "INSERT INTO commits VALUES (1)",
        "UPDATE t SET autocommit_flag = 1",  // a column, not the variable
        "SET NAMES utf8mb4", "SET FOREIGN_KEY_CHECKS = 0",
        "SET @begin = 1", "SET @x = 'autocommit'",
        "CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN SET "
        "NEW.a = 1; END",
        "BEGIN NOT ATOMIC SELECT 1; END",
        "/* COMMIT */ SELECT 1", "-- ROLLBACK\nSELECT 1",
        "ALTER TABLE t ADD COLUMN use_count INT"}) {
    EXPECT_EQ(SessionControlWords(s, "mysql"), "") << s;
  }
  // PostgreSQL's LOCK TABLE runs inside the tool's transaction.
  EXPECT_EQ(SessionControlWords("LOCK TABLE t IN ACCESS EXCLUSIVE MODE",
                                "postgresql"),
            "");
  EXPECT_EQ(SessionControlWords("DO $$ BEGIN PERFORM 1; END $$", "postgresql"),
            "");
  EXPECT_EQ(SessionControlWords("END", "mysql"), "");
}

TEST(SessionControlTest, EverySpellingIsFound) {
  // Issue 23: the check read 12 words, skipped comments the server runs,
  // and did not look into bodies or dynamic SQL.
  for (const char* s : {
           "SET @a=1,@b=2,@c=3,@d=4,@e=5,@f=6,autocommit=0",
           "SET @x=1 /*M!100000 , autocommit=0 */",
           "SET @x=1 /*!80000 , autocommit=0 */",
           "BEGIN NOT ATOMIC START TRANSACTION; SELECT 1; END",
           "BEGIN NOT ATOMIC DECLARE EXIT HANDLER FOR SQLEXCEPTION ROLLBACK; "
           "SELECT 1; END",
           "CREATE PROCEDURE p() BEGIN SET autocommit = 0; END",
           "CREATE PROCEDURE p() BEGIN COMMIT; END",
           "PREPARE s FROM 'START TRANSACTION'",
           "EXECUTE IMMEDIATE 'SET autocommit=0'",
           "SET SESSION wsrep_OSU_method='RSU'", "SET wsrep_on = OFF",
           "SET sql_log_bin = 0", "SET completion_type='RELEASE'",
           "SET @@session.completion_type = 2",
           "FLUSH TABLES t WITH READ LOCK", "FLUSH TABLES WITH READ LOCK",
           "FLUSH TABLES t FOR EXPORT", "HANDLER t OPEN", "BACKUP STAGE START",
           "lbl: BEGIN NOT ATOMIC COMMIT; END"}) {
    EXPECT_NE(SessionControlWords(s, "mysql"), "") << s;
  }
  for (const char* s : {"SET @autocommit = 0", "PREPARE s FROM 'SELECT 1'",
                        "CREATE TABLE t (begin INT, commit_id INT)",
                        "SET SESSION sql_mode = 'ANSI'",
                        "FLUSH TABLES t"}) {
    EXPECT_EQ(SessionControlWords(s, "mysql"), "") << s;
  }
}

TEST(SessionControlTest, CheckNamesTheStatementAndWhy) {
  absl::Status st = CheckScriptNoSessionControl(
      "CREATE TABLE t (id INT);\nINSERT INTO t VALUES (1);\nCOMMIT;\n",
      "mysql");
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(st.message(), HasSubstr("statement 3 (line 3) is COMMIT"));
  EXPECT_THAT(st.message(), HasSubstr("the tool owns transactions"));

  EXPECT_TRUE(CheckScriptNoSessionControl(
                  "CREATE TABLE t (id INT);\nINSERT INTO t VALUES (1);\n",
                  "mysql")
                  .ok());
}

// A script that does not split is judged when it is to run, as before the
// check read the splitter's tokens: not by its statements before the error.
TEST(SessionControlTest, AScriptThatDoesNotSplitIsNotJudgedHere) {
  EXPECT_TRUE(
      CheckScriptNoSessionControl("COMMIT;\nSELECT 'unterminated", "mysql")
          .ok());
  EXPECT_FALSE(
      CheckScriptNoSessionControl("COMMIT;\nSELECT 'terminated'", "mysql")
          .ok());
}

// The check reads the splitter's tokens; reading each statement's text
// again finds the same words (executable comments, bodies, dynamic SQL).
TEST(SessionControlTest, TheSplittersTokensReadAsTheStatementsText) {
  const char* scripts[][2] = {
      {"mysql",
       "CREATE TABLE t (id INT);\n/*!50000 SET autocommit = 0 */;\n"
       "/*M!100500 COMMIT */;\nSELECT 1 /*! , 2 */;\n"
       "CREATE PROCEDURE p() BEGIN SELECT 1; COMMIT; END;\n"
       "PREPARE s FROM 'ROLLBACK';\nSET @begin = 1;\nUSE other;\n"
       "BEGIN NOT ATOMIC START TRANSACTION; END;\nLOCK TABLES t WRITE"},
      {"postgresql",
       "CREATE TABLE t (id INT);\nSET search_path = x;\nBEGIN;\n"
       "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; "
       "END;\nDO $$ BEGIN COMMIT; END $$;\nEND"},
      {"sqlite",
       "CREATE TABLE t (id INT);\nATTACH 'x' AS y;\nCREATE TRIGGER g AFTER "
       "INSERT ON t BEGIN SELECT 1; END;\nEND TRANSACTION"},
  };
  for (const auto& [dialect, script] : scripts) {
    size_t statements = 0;
    size_t takeovers = 0;
    absl::StatusOr<std::vector<Statement>> split = SplitStatements(
        script, dialect, {},
        [&](const Statement& s, absl::Span<const Token> code) {
          const std::string words = SessionControlWords(code, dialect);
          EXPECT_EQ(words, SessionControlWords(s.text, dialect))
              << dialect << ": " << s.text;
          ++statements;
          takeovers += words.empty() ? 0 : 1;
          return absl::OkStatus();
        });
    ASSERT_TRUE(split.ok()) << dialect << ": " << split.status();
    EXPECT_EQ(statements, split->size()) << dialect;
    EXPECT_GE(takeovers, 2u) << dialect;
  }
}

// After a DDL statement the step applier reads the session only when the
// statement may have changed it.
TEST(SessionControlTest, ADdlStatementMayChangeTheSessionOnlyByRunningCode) {
  for (const char* s :
       {"CREATE TABLE t (a INT PRIMARY KEY, b VARCHAR(9) CHARACTER SET latin1)",
        "ALTER TABLE t ALTER COLUMN b SET DEFAULT 'x', ADD CONSTRAINT f "
        "FOREIGN KEY (a) REFERENCES u (id) ON DELETE SET NULL",
        "CREATE TABLE s (v SET('a', 'b'))", "DROP TABLE t", "RENAME TABLE t TO u",
        "/*!50000 CREATE TABLE w (a INT) */", "TRUNCATE TABLE t"}) {
    EXPECT_FALSE(DdlMayChangeSession(s)) << s;
  }
  for (const char* s :
       {"CREATE TABLE t AS SELECT f() AS a", "SET STATEMENT max_statement_time = 5 FOR "
                                             "ALTER TABLE t ADD c INT",
        "/*!50000 SET STATEMENT lock_wait_timeout = 1 FOR */ DROP TABLE t",
        "DROP DATABASE aos_journal", "DROP SCHEMA x", "ALTER DATABASE CHARACTER SET utf8mb4",
        "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO CALL p()",
        "CREATE TABLE t (a INT) VALUES (1)"}) {
    EXPECT_TRUE(DdlMayChangeSession(s)) << s;
  }
}

}  // namespace
}  // namespace aos::sql
