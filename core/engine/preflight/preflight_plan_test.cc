#include "core/engine/preflight/preflight_plan.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::engine {
namespace {

std::vector<sql::Statement> Step(std::vector<std::string> texts) {
  std::vector<sql::Statement> out;
  for (std::string& t : texts) {
    sql::Statement s;
    s.text = std::move(t);
    out.push_back(std::move(s));
  }
  return out;
}

TEST(PreflightPlanTest, BeforeTheStepWhenNothingEarlierWritesTheTable) {
  std::vector<PlannedCheck> c =
      PlanChecks(Step({"CREATE TABLE marker (id INT)", "SET @x = 1",
                       "ALTER TABLE p ADD UNIQUE (v)"}),
                 0, "mysql");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].statement, 2u);
  EXPECT_TRUE(c[0].before_step);
}

TEST(PreflightPlanTest, RightBeforeTheStatementWhenTheStepCleansUpFirst) {
  std::vector<PlannedCheck> c = PlanChecks(
      Step({"DELETE FROM p WHERE id > 3", "ALTER TABLE p ADD UNIQUE (v)",
            "ALTER TABLE q ADD UNIQUE (v)",
            "ALTER TABLE c ADD FOREIGN KEY (p_id) REFERENCES p (id)"}),
      0, "mysql");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_FALSE(c[0].before_step);
  EXPECT_TRUE(c[1].before_step);
  EXPECT_FALSE(c[2].before_step);  // its parent is written
  // A resumed step: the DELETE ran already.
  c = PlanChecks(Step({"DELETE FROM p", "ALTER TABLE p ADD UNIQUE (v)"}), 1,
                 "mysql");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_TRUE(c[0].before_step);
}

TEST(PreflightPlanTest, UnknownStatementsWriteEverything) {
  std::vector<PlannedCheck> c = PlanChecks(
      Step({"CALL fix_data()", "ALTER TABLE p MODIFY v INT NOT NULL"}), 0,
      "mysql");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_FALSE(c[0].before_step);
  EXPECT_FALSE(c[1].before_step);
}

TEST(PreflightPlanTest, WhatTheStepTurnsOffIsNotAsked) {
  EXPECT_TRUE(PlanChecks(Step({"SET foreign_key_checks = 0",
                               "ALTER TABLE c ADD FOREIGN KEY (p_id) "
                               "REFERENCES p (id)"}),
                         0, "mysql")
                  .empty());
}

TEST(PreflightPlanTest, MayWrite) {
  sql::TableName p{"", "p"};
  EXPECT_TRUE(MayWrite("UPDATE P SET v = NULL", p));
  EXPECT_FALSE(MayWrite("INSERT INTO q VALUES (1)", p));
  EXPECT_TRUE(MayWrite("ALTER TABLE p ADD COLUMN x INT", p));
  EXPECT_FALSE(MayWrite("CREATE TABLE marker (id INT)", p));
  EXPECT_FALSE(MayWrite(
      "CREATE TEMP TABLE seq AS SELECT name, seq FROM sqlite_sequence", p));
  EXPECT_TRUE(MayWrite("CREATE TEMP TABLE p AS SELECT * FROM q", p));
  EXPECT_FALSE(MayWrite("SET NAMES utf8mb4", p));
  EXPECT_TRUE(MayWrite("BEGIN NOT ATOMIC DELETE FROM p; END", p));
}

TEST(PreflightPlanTest, AWriteToATableWithATriggerMayWriteAnyTable) {
  // audit_log has a trigger that may delete p's duplicates.
  TriggeredTables triggered;
  triggered.names.insert("audit_log");
  const std::vector<sql::Statement> step =
      Step({"INSERT INTO audit_log VALUES ('dedupe')",
            "ALTER TABLE p ADD UNIQUE (v)"});
  std::vector<PlannedCheck> c = PlanChecks(step, 0, "mysql", triggered);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_FALSE(c[0].before_step);
  // Without the trigger, the INSERT does not write p.
  c = PlanChecks(step, 0, "mysql");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_TRUE(c[0].before_step);
}

TEST(PreflightPlanTest, ATriggerTheStepCreatesCounts) {
  std::vector<PlannedCheck> c = PlanChecks(
      Step({"CREATE TRIGGER dedupe AFTER INSERT ON `Audit_Log` FOR EACH ROW "
            "DELETE FROM p WHERE v IS NULL",
            "INSERT INTO audit_log VALUES ('x')",
            "ALTER TABLE p MODIFY v INT NOT NULL"}),
      0, "mysql");
  ASSERT_FALSE(c.empty());
  for (const PlannedCheck& check : c) EXPECT_FALSE(check.before_step);
  // Through the INSERT, not the CREATE TRIGGER itself.
  EXPECT_FALSE(MayWrite("CREATE TRIGGER dedupe AFTER INSERT ON `Audit_Log` "
                        "FOR EACH ROW DELETE FROM p WHERE v IS NULL",
                        sql::TableName{"", "p"}));
  // A trigger created after the statement that writes does not count.
  c = PlanChecks(Step({"INSERT INTO audit_log VALUES ('x')",
                       "CREATE TRIGGER dedupe AFTER INSERT ON audit_log FOR "
                       "EACH ROW DELETE FROM q",
                       "ALTER TABLE p MODIFY v INT NOT NULL"}),
                 0, "mysql");
  ASSERT_FALSE(c.empty());
  for (const PlannedCheck& check : c) EXPECT_TRUE(check.before_step);
}

TEST(PreflightPlanTest, TriggersNotKnownMakeEveryWriteCount) {
  TriggeredTables unknown;
  unknown.all = true;
  sql::TableName p{"", "p"};
  EXPECT_TRUE(MayWrite("INSERT INTO q VALUES (1)", p, unknown));
  EXPECT_FALSE(MayWrite("CREATE TABLE marker (id INT)", p, unknown));
  EXPECT_FALSE(MayWrite("SET NAMES utf8mb4", p, unknown));
}

// SQLite's table rebuild (sql/table_rebuild.h): the copy into the table
// the step created is asked of the source's rows before the step, unless
// an earlier statement writes the source.
TEST(PreflightPlanTest, ASqliteRebuildIsAskedOfTheSourceRows) {
  const std::vector<std::string> rebuild = {
      "CREATE TABLE t_new (id INTEGER PRIMARY KEY, v TEXT NOT NULL, p INT "
      "REFERENCES parent (id))",
      "INSERT INTO t_new (id, v, p) SELECT id, v, p FROM t", "DROP TABLE t",
      "ALTER TABLE t_new RENAME TO t"};
  std::vector<PlannedCheck> c = PlanChecks(Step(rebuild), 0, "sqlite");
  ASSERT_EQ(c.size(), 3u);
  for (const PlannedCheck& check : c) {
    EXPECT_EQ(check.statement, 1u);
    EXPECT_TRUE(check.before_step);
    EXPECT_EQ(check.dependency.table.name, "t");
  }
  EXPECT_TRUE(PlanChecks(Step(rebuild), 0, "mysql").empty());
  // A step that cleans t first: right before the copy.
  std::vector<std::string> cleans = rebuild;
  cleans.insert(cleans.begin() + 1, "DELETE FROM t WHERE v IS NULL");
  c = PlanChecks(Step(cleans), 0, "sqlite");
  ASSERT_EQ(c.size(), 3u);
  for (const PlannedCheck& check : c) EXPECT_FALSE(check.before_step);
  // A resumed step still knows the table its first statement created.
  EXPECT_EQ(PlanChecks(Step(rebuild), 1, "sqlite").size(), 3u);
  // Changed after its CREATE: its definition is not known any more.
  std::vector<std::string> altered = rebuild;
  altered.insert(altered.begin() + 1, "ALTER TABLE t_new ADD COLUMN w INT");
  EXPECT_TRUE(PlanChecks(Step(altered), 0, "sqlite").empty());
  // A table made aside between the CREATE and the copy changes nothing.
  std::vector<std::string> between = rebuild;
  between.insert(
      between.begin() + 1,
      "CREATE TEMP TABLE seq AS SELECT name, seq FROM sqlite_sequence");
  EXPECT_EQ(PlanChecks(Step(between), 0, "sqlite").size(), 3u);
  // Deferred foreign keys are asked at COMMIT: not here.
  std::vector<std::string> deferred = rebuild;
  deferred.insert(deferred.begin(), "PRAGMA defer_foreign_keys = ON");
  EXPECT_EQ(PlanChecks(Step(deferred), 0, "sqlite").size(), 2u);
}

// The rebuild through a copy aside, as the shipped plugins write it: asked
// of the original table before the step.
TEST(PreflightPlanTest, ACopyAsideIsAskedOfTheOriginalBeforeTheStep) {
  const std::vector<std::string> aside = {
      "CREATE TEMP TABLE _rebuild_t AS SELECT * FROM t", "DROP TABLE t",
      "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL, up INT "
      "REFERENCES t (id))",
      "INSERT INTO t (id, v, up) SELECT id, v, up FROM temp._rebuild_t",
      "DROP TABLE temp._rebuild_t"};
  std::vector<PlannedCheck> c = PlanChecks(Step(aside), 0, "sqlite");
  ASSERT_EQ(c.size(), 3u);
  for (const PlannedCheck& check : c) {
    EXPECT_EQ(check.statement, 3u);
    EXPECT_TRUE(check.before_step);
    EXPECT_EQ(check.dependency.table.name, "t");
    EXPECT_TRUE(check.dependency.table.schema.empty());
  }
  EXPECT_EQ(c[1].dependency.kind, sql::DataDependency::Kind::kForeignKey);
  EXPECT_EQ(c[1].dependency.parent.name, "t");  // itself, as it will be
  // t written before the copy aside, or the copy written after: the copy
  // is asked right before the statement, of what it holds then.
  std::vector<std::string> written = aside;
  written.insert(written.begin(), "DELETE FROM t WHERE v IS NULL");
  c = PlanChecks(Step(written), 0, "sqlite");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_FALSE(c[0].before_step);
  EXPECT_EQ(c[0].dependency.table.name, "_rebuild_t");
  written = aside;
  written.insert(written.begin() + 1,
                 "UPDATE temp._rebuild_t SET v = '' WHERE v IS NULL");
  c = PlanChecks(Step(written), 0, "sqlite");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_FALSE(c[0].before_step);
}

TEST(TriggeredTablesTest, NoteCreatedReadsTheTable) {
  TriggeredTables t;
  t.NoteCreated("CREATE DEFINER=`root`@`%` TRIGGER x BEFORE UPDATE ON T1 "
                "FOR EACH ROW SET NEW.a = 1");
  t.NoteCreated("CREATE OR REPLACE TRIGGER y AFTER INSERT OF a ON t2 FOR "
                "EACH ROW EXECUTE FUNCTION f()");
  t.NoteCreated("CREATE TABLE t3 (id INT)");
  t.NoteCreated("UPDATE t4 SET a = 1");
  EXPECT_TRUE(t.Has("t1"));
  EXPECT_TRUE(t.Has("t2"));
  EXPECT_FALSE(t.Has("t3"));
  EXPECT_FALSE(t.Has("t4"));
  EXPECT_FALSE(t.all);
}

}  // namespace
}  // namespace aos::engine
