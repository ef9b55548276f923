// session_statements.h: the variables a statement names, whether it
// changes the session, and whether it may simply run again.
#include "core/engine/session/session_statements.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::engine {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(SessionStatementsTest, NamesUserVariablesInEverySpelling) {
  SessionNames n = NamedVariables(
      "INSERT INTO t VALUES (@N + 1, @'b c', @`d`, @\"e\", @@session.x, "
      "'@not', `@col`) -- @comment");
  EXPECT_THAT(n.user, ElementsAre("n", "b c", "d", "e"));
  EXPECT_THAT(n.system, IsEmpty());
}

TEST(SessionStatementsTest, NamesTheSessionVariablesASetAssigns) {
  EXPECT_THAT(NamedVariables("SET foreign_key_checks = 0, @@sql_mode = '', "
                             "SESSION time_zone = '+00:00', @@local.x = 1, "
                             "@n := 41")
                  .system,
              ElementsAre("foreign_key_checks", "sql_mode", "time_zone", "x"));
  EXPECT_THAT(NamedVariables("SET NAMES latin1 COLLATE latin1_bin").system,
              ElementsAre("character_set_client", "character_set_connection",
                          "collation_connection", "character_set_results"));
  EXPECT_THAT(NamedVariables("SET CHARACTER SET utf8mb4").system.size(), 4u);
  // GLOBAL ones, and those a modifier before makes global, are not the
  // session's; what the tool owns is checked, never restored.
  EXPECT_THAT(NamedVariables("SET GLOBAL a = 1, b = 2, SESSION c = 3, "
                             "@@global.d = 4, autocommit = 0, "
                             "completion_type = 0, wsrep_OSU_method = 'RSU'")
                  .system,
              ElementsAre("c"));
  EXPECT_THAT(NamedVariables("SET STATEMENT max_statement_time = 1 FOR "
                             "SELECT 1")
                  .system,
              IsEmpty());
}

TEST(SessionStatementsTest, KnowsWhatChangesTheSession) {
  EXPECT_TRUE(ChangesSession("SET @n = 1"));
  EXPECT_TRUE(ChangesSession("SET sql_mode = ''"));
  EXPECT_TRUE(ChangesSession("INSERT INTO t SELECT @n := @n + 1 FROM s"));
  EXPECT_TRUE(ChangesSession("SELECT COUNT(*) INTO @m FROM src"));
  EXPECT_TRUE(ChangesSession("CREATE TABLE t AS SELECT @v := 1 AS v"));
  EXPECT_FALSE(ChangesSession("INSERT INTO out VALUES (@m)"));
  EXPECT_FALSE(ChangesSession("SELECT @m = 1"));
  EXPECT_FALSE(ChangesSession("CREATE TABLE t (id INT)"));
}

TEST(SessionStatementsTest, ReplayableAreSetsDoAndPlainSelects) {
  for (const char* s :
       {"SET @n := 41", "SET foreign_key_checks = 0, @a = 1",
        "SET NAMES utf8mb4", "SET SESSION sql_mode = 'ANSI'",
        "SET @m := (SELECT COUNT(*) FROM src)", "DO SLEEP(5)",
        "SELECT COUNT(*) FROM src", "SELECT a INTO @a FROM t LIMIT 1"}) {
    EXPECT_EQ(NotReplayableReason(s), "") << s;
  }
}

TEST(SessionStatementsTest, APersonsCallSaysWhy) {
  EXPECT_THAT(NotReplayableReason("CALL p()"), HasSubstr("CALL"));
  EXPECT_THAT(NotReplayableReason("GRANT SELECT ON t TO u"),
              HasSubstr("GRANT"));
  EXPECT_THAT(NotReplayableReason("BEGIN NOT ATOMIC SELECT 1; END"),
              HasSubstr("compound block"));
  EXPECT_THAT(NotReplayableReason("lbl: LOOP LEAVE lbl; END LOOP"),
              HasSubstr("compound block"));
  EXPECT_THAT(NotReplayableReason("SET GLOBAL max_connections = 10"),
              HasSubstr("SET GLOBAL"));
  EXPECT_THAT(NotReplayableReason("SET @@global.x = 1"),
              HasSubstr("SET GLOBAL"));
  EXPECT_THAT(NotReplayableReason("PREPARE s FROM 'SELECT 1'"),
              HasSubstr("PREPARE"));
  EXPECT_THAT(NotReplayableReason("EXECUTE s"), HasSubstr("EXECUTE"));
  EXPECT_THAT(NotReplayableReason("DEALLOCATE PREPARE s"),
              HasSubstr("DEALLOCATE"));
  EXPECT_THAT(NotReplayableReason("DO GET_LOCK('x', 1)"), HasSubstr("lock"));
  EXPECT_THAT(NotReplayableReason("SELECT NEXTVAL(s)"), HasSubstr("sequence"));
  EXPECT_THAT(NotReplayableReason("SELECT NEXT VALUE FOR s"),
              HasSubstr("sequence"));
  EXPECT_THAT(NotReplayableReason("DO other.f(1)"), HasSubstr("schema"));
  EXPECT_THAT(NotReplayableReason("SELECT * FROM t FOR UPDATE"),
              HasSubstr("locks rows"));
  EXPECT_THAT(NotReplayableReason("SELECT * FROM t LOCK IN SHARE MODE"),
              HasSubstr("locks rows"));
  EXPECT_THAT(NotReplayableReason("SELECT * INTO OUTFILE '/tmp/x' FROM t"),
              HasSubstr("file"));
  EXPECT_THAT(NotReplayableReason("SET STATEMENT x = 1 FOR INSERT INTO t "
                                  "VALUES (1)"),
              HasSubstr("SET STATEMENT"));
  EXPECT_THAT(NotReplayableReason("FLUSH TABLES"),
              HasSubstr("neither DML nor DDL"));
}

TEST(SessionStatementsTest, KnowsWhatLivesOnlyInTheSession) {
  EXPECT_EQ(SessionOnlyObject("PREPARE s FROM @q"),
            "a statement it prepared (PREPARE)");
  EXPECT_EQ(SessionOnlyObject("CREATE TEMPORARY TABLE t (id INT)"),
            "a temporary table");
  EXPECT_EQ(SessionOnlyObject("CREATE TABLE t (id INT)"), "");
  EXPECT_EQ(SessionOnlyObject("EXECUTE s"), "");
}

TEST(SessionStatementsTest, CalledFunctionsAreWordsBeforeParentheses) {
  EXPECT_THAT(CalledFunctions("SELECT f(1), `G` (2), x FROM t WHERE @v(3)"),
              ElementsAre("f", "g"));
}

}  // namespace
}  // namespace aos::engine
