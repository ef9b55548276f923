// Table-driven tests of the spellings of servers the suite cannot run
// (MySQL 8, MariaDB before 10.2.7 and after 10.11, PostgreSQL 10).
#include "core/schema/spelling.h"

#include "gtest/gtest.h"

namespace aos::schema {
namespace {

struct Case {
  const char* in;
  const char* out;
};

TEST(SpellingTest, MysqlColumnTypeDropsDisplayWidths) {
  for (const Case& c : std::initializer_list<Case>{
           {"int(11)", "int"},
           {"int", "int"},
           {"INT(10) UNSIGNED", "int unsigned"},
           {"bigint(20)", "bigint"},
           {"tinyint(1)", "tinyint"},
           {"tinyint(4)", "tinyint"},
           {"smallint(6) unsigned zerofill", "smallint unsigned zerofill"},
           {"year(4)", "year"},
           {"varchar(32)", "varchar(32)"},
           {"decimal(10,2)", "decimal(10,2)"},
           {"enum('a','b')", "enum('a','b')"},
       }) {
    EXPECT_EQ(MysqlColumnType(c.in), c.out) << c.in;
  }
}

TEST(SpellingTest, DefaultsAreExpressionsFromMariadb1027) {
  EXPECT_TRUE(DefaultsAreExpressions("10.11.6-MariaDB"));
  EXPECT_TRUE(DefaultsAreExpressions("10.2.7-MariaDB-log"));
  EXPECT_TRUE(DefaultsAreExpressions("11.4.2-MariaDB-ubu2404"));
  EXPECT_FALSE(DefaultsAreExpressions("10.2.6-MariaDB"));
  EXPECT_FALSE(DefaultsAreExpressions("10.1.48-MariaDB"));
  EXPECT_FALSE(DefaultsAreExpressions("8.0.36"));
  EXPECT_FALSE(DefaultsAreExpressions("8.4.0-commercial"));
}

struct DefaultCase {
  bool present;
  const char* column_default;
  const char* extra;
  bool expressions;
  const char* out;
};

TEST(SpellingTest, MysqlDefaultsMeanTheSameOnEveryServer) {
  for (const DefaultCase& c : std::initializer_list<DefaultCase>{
           // MariaDB 10.2.7+: expressions.
           {true, "'abc'", "", true, "'abc'"},
           {true, "NULL", "", true, ""},
           {false, "", "", true, ""},
           {true, "0", "", true, "'0'"},
           {true, "'0'", "", true, "'0'"},
           {true, "current_timestamp()", "", true, "current_timestamp"},
           {true, "current_timestamp(6)", "", true, "current_timestamp(6)"},
           {true, "''", "", true, "''"},
           // MySQL 8 and older MariaDB: values.
           {true, "abc", "", false, "'abc'"},
           {false, "", "", false, ""},
           {true, "0", "", false, "'0'"},
           {true, "", "", false, "''"},
           {true, "it's", "", false, "'it''s'"},
           {true, "CURRENT_TIMESTAMP", "DEFAULT_GENERATED", false, "current_timestamp"},
           {true, "CURRENT_TIMESTAMP", "", false, "current_timestamp"},
           {true, "CURRENT_TIMESTAMP(6)", "DEFAULT_GENERATED", false, "current_timestamp(6)"},
           {true, "(uuid())", "DEFAULT_GENERATED", false, "uuid()"},
           {true, "now()", "DEFAULT_GENERATED", false, "current_timestamp"},
       }) {
    EXPECT_EQ(MysqlDefault(c.present, c.column_default, c.extra, c.expressions), c.out)
        << c.column_default << " / " << c.extra;
  }
}

TEST(SpellingTest, MysqlExtraKeepsWhatMeansSomething) {
  for (const Case& c : std::initializer_list<Case>{
           {"", ""},
           {"auto_increment", "auto_increment"},
           {"on update current_timestamp()", "on update current_timestamp"},
           {"DEFAULT_GENERATED on update CURRENT_TIMESTAMP", "on update current_timestamp"},
           {"DEFAULT_GENERATED", ""},
           {"VIRTUAL GENERATED", "generated"},
           {"STORED GENERATED", "generated"},
           {"PERSISTENT", "generated"},
       }) {
    EXPECT_EQ(MysqlExtra(c.in), c.out) << c.in;
  }
}

TEST(SpellingTest, CharsetsForeignKeysAndChecks) {
  EXPECT_EQ(CharsetName("utf8mb3"), "utf8");
  EXPECT_EQ(CharsetName("utf8"), "utf8");
  EXPECT_EQ(CharsetName("UTF8MB4"), "utf8mb4");
  EXPECT_EQ(MysqlForeignKey("a -> p.id ON UPDATE NO ACTION ON DELETE NO ACTION"),
            "a -> p.id ON UPDATE RESTRICT ON DELETE RESTRICT");
  EXPECT_EQ(MysqlForeignKey("a -> p.id ON UPDATE RESTRICT ON DELETE CASCADE"),
            "a -> p.id ON UPDATE RESTRICT ON DELETE CASCADE");
  EXPECT_EQ(MysqlCheckClause("`n` > 0"), "n > 0");
  EXPECT_EQ(MysqlCheckClause("(`n` > 0)"), "n > 0");
  EXPECT_EQ(MysqlCheckClause("(`a` > 0) and (`b` > 0)"), "(a > 0) and (b > 0)");
}

TEST(SpellingTest, SqliteTypesAndDefaultsAsWritten) {
  EXPECT_EQ(SqliteType("VARCHAR( 32 )"), "varchar(32)");
  EXPECT_EQ(SqliteType("Decimal(10, 2)"), "decimal(10,2)");
  EXPECT_EQ(SqliteType("INTEGER"), "integer");
  EXPECT_EQ(SqliteDefault("'Abc'"), "'Abc'");
  EXPECT_EQ(SqliteDefault("CURRENT_TIMESTAMP"), "current_timestamp");
  EXPECT_EQ(SqliteDefault("0"), "0");
}

TEST(SpellingTest, PostgresqlDefinitionsWithoutTheSchema) {
  EXPECT_EQ(PostgresqlDefinition("FOREIGN KEY (a) REFERENCES public.p(id)", "public"),
            "FOREIGN KEY (a) REFERENCES p(id)");
  EXPECT_EQ(PostgresqlDefinition("BEFORE INSERT ON t FOR EACH ROW EXECUTE PROCEDURE f()", "public"),
            "BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()");
  EXPECT_EQ(
      PostgresqlIndexBody("CREATE UNIQUE INDEX t_pkey ON public.t USING btree (id)", "public"),
      "btree (id)");
  EXPECT_EQ(PostgresqlIndexBody("CREATE INDEX i ON \"m\".t USING btree (a, b) WHERE (a > 0)", "m"),
            "btree (a,b) WHERE (a > 0)");
}

TEST(SpellingTest, SqueezeBlanksAndCaseOutsideQuotes) {
  EXPECT_EQ(SqueezeBlanks("  a \n b\t( c , d )  "), "a b (c,d)");
  EXPECT_EQ(SqueezeBlanks("x = ' a  , b '"), "x = ' a  , b '");
  EXPECT_EQ(LowerOutsideQuotes("STRFTIME('%Y-%m', \"Now\")"), "strftime('%Y-%m', \"Now\")");
  EXPECT_EQ(SqliteDefault("strftime('%Y-%m-%d %H:%M:%f', 'now')"),
            "strftime('%Y-%m-%d %H:%M:%f','now')");
  EXPECT_EQ(CollationCharset("utf8mb4_general_ci"), "utf8mb4");
  EXPECT_EQ(CollationCharset("utf8mb3_bin"), "utf8");
  EXPECT_EQ(CollationCharset("utf8_general_ci"), "utf8");
  EXPECT_EQ(CollationCharset("latin1_swedish_ci"), "latin1");
}

}  // namespace
}  // namespace aos::schema
