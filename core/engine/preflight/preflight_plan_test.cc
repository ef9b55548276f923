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
  EXPECT_FALSE(MayWrite("SET NAMES utf8mb4", p));
  EXPECT_TRUE(MayWrite("BEGIN NOT ATOMIC DELETE FROM p; END", p));
}

}  // namespace
}  // namespace aos::engine
