#include "core/sql/statement_kind.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::sql {
namespace {

using ::testing::ElementsAre;
using ::testing::Optional;

TableName T(const std::string& schema_or_name, const std::string& name = "") {
  return name.empty() ? TableName{"", schema_or_name}
                      : TableName{schema_or_name, name};
}

TEST(StatementKindTest, Classifies) {
  EXPECT_EQ(ClassifyStatement("INSERT INTO t VALUES (1)"), StatementKind::kDml);
  EXPECT_EQ(ClassifyStatement("  -- why\n update t set a = 1"),
            StatementKind::kDml);
  EXPECT_EQ(ClassifyStatement("/* c */ DELETE FROM t"), StatementKind::kDml);
  EXPECT_EQ(ClassifyStatement("replace into t values (1)"), StatementKind::kDml);
  EXPECT_EQ(ClassifyStatement("CREATE TABLE t (id INT)"), StatementKind::kDdl);
  EXPECT_EQ(ClassifyStatement("/*!40101 ALTER TABLE t ENGINE=InnoDB */"),
            StatementKind::kDdl);
  EXPECT_EQ(ClassifyStatement("TRUNCATE t"), StatementKind::kDdl);
  EXPECT_EQ(ClassifyStatement("SET @a = 1"), StatementKind::kOther);
  EXPECT_EQ(ClassifyStatement("CALL p()"), StatementKind::kOther);
  EXPECT_EQ(ClassifyStatement("BEGIN NOT ATOMIC SELECT 1; END"),
            StatementKind::kOther);
  EXPECT_EQ(ClassifyStatement(""), StatementKind::kOther);
  EXPECT_STREQ(StatementKindName(StatementKind::kDml), "dml");
}

TEST(StatementKindTest, TablesOfCreateAlterDropRenameTruncate) {
  EXPECT_THAT(DdlTargets("CREATE TABLE IF NOT EXISTS items (id INT)"),
              Optional(ElementsAre(T("items"))));
  EXPECT_THAT(DdlTargets("create or replace table `we``ird` as select 1"),
              Optional(ElementsAre(T("we`ird"))));
  EXPECT_THAT(DdlTargets("CREATE TABLE nova.items (id INT)"),
              Optional(ElementsAre(T("nova", "items"))));
  EXPECT_THAT(DdlTargets("ALTER TABLE items ADD COLUMN note TEXT AFTER id"),
              Optional(ElementsAre(T("items"))));
  EXPECT_THAT(DdlTargets("ALTER TABLE a RENAME COLUMN x TO y, RENAME TO b"),
              Optional(ElementsAre(T("a"), T("b"))));
  EXPECT_THAT(DdlTargets("ALTER ONLINE IGNORE TABLE a RENAME INDEX i TO j"),
              Optional(ElementsAre(T("a"))));
  EXPECT_THAT(DdlTargets("DROP TABLE IF EXISTS a, `b`, c.d"),
              Optional(ElementsAre(T("a"), T("b"), T("c", "d"))));
  EXPECT_THAT(DdlTargets("RENAME TABLE a TO b, c TO d"),
              Optional(ElementsAre(T("a"), T("b"), T("c"), T("d"))));
  EXPECT_THAT(DdlTargets("TRUNCATE TABLE logs"),
              Optional(ElementsAre(T("logs"))));
  EXPECT_THAT(DdlTargets("CREATE UNIQUE INDEX i ON items (name)"),
              Optional(ElementsAre(T("items"))));
  EXPECT_THAT(DdlTargets("DROP INDEX i ON items"),
              Optional(ElementsAre(T("items"))));
  EXPECT_THAT(DdlTargets("CREATE OR REPLACE ALGORITHM=MERGE VIEW v AS SELECT 1"),
              Optional(ElementsAre(T("v"))));
  EXPECT_THAT(DdlTargets("DROP VIEW IF EXISTS v"), Optional(ElementsAre(T("v"))));
}

TEST(StatementKindTest, Triggers) {
  TableName trigger{"", "trg", true};
  EXPECT_THAT(DdlTargets("CREATE TRIGGER trg BEFORE INSERT ON x FOR EACH ROW "
                         "SET @a=1"),
              Optional(ElementsAre(trigger)));
  EXPECT_THAT(DdlTargets("CREATE OR REPLACE DEFINER = `a`@`%` TRIGGER IF NOT "
                         "EXISTS trg BEFORE UPDATE ON x FOR EACH ROW BEGIN "
                         "SET NEW.u = NOW(); END"),
              Optional(ElementsAre(trigger)));
  EXPECT_THAT(DdlTargets("DROP TRIGGER IF EXISTS trg"),
              Optional(ElementsAre(trigger)));
}

TEST(StatementKindTest, UnknownShapesAskForTheWholeSchema) {
  EXPECT_EQ(DdlTargets("CREATE PROCEDURE p() SELECT 1"), std::nullopt);
  EXPECT_EQ(DdlTargets("ALTER DATABASE d CHARACTER SET utf8mb4"), std::nullopt);
  EXPECT_EQ(DdlTargets("RENAME TABLE a"), std::nullopt);
  EXPECT_EQ(DdlTargets("CREATE TABLE"), std::nullopt);
  EXPECT_EQ(DdlTargets("INSERT INTO t VALUES (1)"), std::nullopt);
  EXPECT_EQ(DdlTargets("CREATE TABLE 'literal' (id INT)"), std::nullopt);
}

}  // namespace
}  // namespace aos::sql
