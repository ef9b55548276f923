#include "core/engine/ddl/run_tables.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::engine {
namespace {

using ::testing::HasSubstr;
using Kind = GateTarget::Kind;

class RunTablesTest : public ::testing::Test {
 protected:
  RunTablesTest() : tables_(sql::ChangeDialect::kMysql) {
    tables_.SetSchema("app");
    tables_.Add("events", TableSize{200, 40000, "InnoDB"});
    tables_.Add("kinds", TableSize{10, 1000, "InnoDB"});
  }
  GateTarget Next(const std::string& text) {
    return tables_.Next(text, 0, "statement 1 of migration 1 -> 2");
  }
  static DdlPolicy Limit50() {
    DdlPolicy p;
    p.max_rows = 50;
    return p;
  }
  static bool Refused(report::StatementCost c) {
    c.blocks = "writes";
    return RunTables::Refused(c, Limit50());
  }
  RunTables tables_;
};

constexpr char kNarrow[] = " MODIFY kind VARCHAR(10) NOT NULL";

TEST_F(RunTablesTest, TheModulesOwnDatabaseNamedIsTheTable) {
  GateTarget t = Next(std::string("ALTER TABLE app.events") + kNarrow);
  ASSERT_EQ(t.kind, Kind::kTry);
  EXPECT_EQ(t.tables.at(0).before_run, "events");
  EXPECT_EQ(t.cost.table, "events");
  EXPECT_EQ(t.cost.rows, 200);
  EXPECT_EQ(Next(std::string("ALTER TABLE APP.events") + kNarrow).kind,
            Kind::kTry);
}

TEST_F(RunTablesTest, AnotherDatabasesTableIsUnknownAndRefused) {
  GateTarget t = Next(std::string("ALTER TABLE other.events") + kNarrow);
  ASSERT_EQ(t.kind, Kind::kUnknown);
  EXPECT_EQ(t.cost.table, "other.events");
  EXPECT_THAT(t.cost.note, HasSubstr("another database"));
  EXPECT_FALSE(t.cost.rows.has_value());
  EXPECT_TRUE(Refused(t.cost));
}

TEST_F(RunTablesTest, RenamesAreFollowedThroughTheRun) {
  EXPECT_EQ(Next("RENAME TABLE events TO ev_old").kind, Kind::kNothing);
  GateTarget t = Next(std::string("ALTER TABLE ev_old") + kNarrow);
  ASSERT_EQ(t.kind, Kind::kTry);
  EXPECT_EQ(t.cost.table, "ev_old");
  EXPECT_EQ(t.tables.at(0).before_run, "events");
  EXPECT_EQ(t.cost.rows, 200);
  // The old name is gone: not a table any more.
  EXPECT_EQ(Next(std::string("ALTER TABLE events") + kNarrow).kind,
            Kind::kNothing);
}

TEST_F(RunTablesTest, AnAlterThatRenamesIsUnknownAndMovesTheTable) {
  GateTarget t =
      Next(std::string("ALTER TABLE events") + kNarrow + ", RENAME TO e2");
  ASSERT_EQ(t.kind, Kind::kUnknown);
  EXPECT_THAT(t.cost.note, HasSubstr("renames"));
  EXPECT_EQ(t.cost.rows, 200);
  EXPECT_TRUE(Refused(t.cost));
  GateTarget after = Next(std::string("ALTER TABLE e2") + kNarrow);
  ASSERT_EQ(after.kind, Kind::kTry);
  EXPECT_EQ(after.tables.at(0).before_run, "events");
  // A rename alone costs nothing, and moves the table too.
  EXPECT_EQ(Next("ALTER TABLE e2 RENAME TO e3").kind, Kind::kNothing);
  EXPECT_EQ(Next(std::string("ALTER TABLE e3") + kNarrow).kind, Kind::kTry);
}

TEST_F(RunTablesTest, ATableMadeInTheRunHoldsWhatFillsIt) {
  EXPECT_EQ(Next("CREATE TABLE c AS SELECT * FROM events JOIN kinds USING "
                 "(kind)").kind,
            Kind::kNothing);
  GateTarget t = Next(std::string("ALTER TABLE c") + kNarrow);
  ASSERT_EQ(t.kind, Kind::kUnknown);
  EXPECT_EQ(t.cost.rows, 210);
  EXPECT_EQ(t.cost.bytes, 41000);
  EXPECT_THAT(t.cost.note, HasSubstr("made in this run"));
  EXPECT_THAT(t.cost.note, HasSubstr("events, kinds"));
  EXPECT_TRUE(Refused(t.cost));

  // Empty when made, filled later.
  EXPECT_EQ(Next("CREATE TABLE d (id INT)").kind, Kind::kNothing);
  EXPECT_EQ(Next(std::string("ALTER TABLE d") + kNarrow).kind,
            Kind::kNothing);
  Next("INSERT INTO d (id) SELECT id FROM events");
  GateTarget filled = Next(std::string("ALTER TABLE d") + kNarrow);
  EXPECT_EQ(filled.kind, Kind::kUnknown);
  EXPECT_EQ(filled.cost.rows, 200);
  Next("CREATE TABLE v (id INT)");
  Next("INSERT INTO v VALUES (1), (2)");
  GateTarget small = Next(std::string("ALTER TABLE v") + kNarrow);
  EXPECT_EQ(small.cost.rows, 2);
  EXPECT_FALSE(Refused(small.cost));
}

TEST_F(RunTablesTest, WhatItReadsFromElsewhereHasNoSize) {
  Next("CREATE TABLE c AS SELECT * FROM other.big");
  GateTarget t = Next(std::string("ALTER TABLE c") + kNarrow);
  EXPECT_FALSE(t.cost.rows.has_value());
  EXPECT_TRUE(Refused(t.cost));
  Next("CREATE TABLE s AS SELECT seq FROM seq_1_to_1000000");
  GateTarget big = Next(std::string("ALTER TABLE s") + kNarrow);
  EXPECT_EQ(big.cost.rows, 1000000);
  EXPECT_TRUE(Refused(big.cost));
}

// MariaDB's Sequence engine (seq_1_to_3000) generates a known number of
// rows: a table filled from it is as big as that, not of unknown size.
TEST_F(RunTablesTest, ASequenceEngineSourceHasItsSize) {
  Next("CREATE TABLE s AS SELECT seq FROM seq_1_to_30");
  GateTarget t = Next(std::string("ALTER TABLE s") + kNarrow);
  EXPECT_EQ(t.cost.rows, 30);
  EXPECT_FALSE(Refused(t.cost));  // under this test's limit of 50 rows
  Next("CREATE TABLE u (id INT)");
  Next("INSERT INTO u SELECT seq FROM seq_10_to_1_step_3");
  EXPECT_EQ(Next(std::string("ALTER TABLE u") + kNarrow).cost.rows, 4);
}

TEST_F(RunTablesTest, DroppedAndMadeAgainIsNew) {
  Next("DROP TABLE events");
  Next("CREATE TABLE events (id INT)");
  EXPECT_EQ(Next(std::string("ALTER TABLE events") + kNarrow).kind,
            Kind::kNothing);
}

TEST_F(RunTablesTest, ATemporaryTableShadowsTheTableWhileItIsThere) {
  Next("CREATE TEMPORARY TABLE events (id INT)");
  EXPECT_EQ(Next(std::string("ALTER TABLE events") + kNarrow).kind,
            Kind::kNothing);
  Next("DROP TEMPORARY TABLE events");
  EXPECT_EQ(Next(std::string("ALTER TABLE events") + kNarrow).kind,
            Kind::kTry);
}

TEST_F(RunTablesTest, OpaqueStatementsAreSizedAsTheBiggestTable) {
  for (const char* s : {"BEGIN NOT ATOMIC ALTER TABLE events FORCE; END",
                        "EXECUTE IMMEDIATE 'ALTER TABLE events FORCE'",
                        "CALL p()"}) {
    GateTarget t = Next(s);
    ASSERT_EQ(t.kind, Kind::kUnknown) << s;
    EXPECT_EQ(t.cost.table, "events") << s;
    EXPECT_EQ(t.cost.rows, 200) << s;
    EXPECT_THAT(t.cost.note, HasSubstr("not read")) << s;
    EXPECT_TRUE(Refused(t.cost)) << s;
  }
  // A table it may have made is sized as all there was to read.
  GateTarget made = Next(std::string("ALTER TABLE made_inside") + kNarrow);
  ASSERT_EQ(made.kind, Kind::kUnknown);
  EXPECT_EQ(made.cost.rows, 210);
  EXPECT_THAT(made.cost.note, HasSubstr("compound block"));
}

TEST_F(RunTablesTest, MaintenanceIsSizedOnTheTablesItNames) {
  GateTarget t = Next("OPTIMIZE TABLE kinds, events");
  ASSERT_EQ(t.kind, Kind::kUnknown);
  EXPECT_EQ(t.cost.table, "events");
  EXPECT_THAT(t.cost.note, HasSubstr("OPTIMIZE TABLE rebuilds"));
  EXPECT_EQ(Next("OPTIMIZE TABLE kinds").cost.rows, 10);
  EXPECT_FALSE(Refused(Next("OPTIMIZE TABLE kinds").cost));
  EXPECT_EQ(Next("OPTIMIZE TABLE nowhere").kind, Kind::kNothing);
}

TEST_F(RunTablesTest, NothingToAssessForWhatCannotBlock) {
  for (const char* s : {"SELECT 1", "UPDATE events SET kind = 'x'",
                        "CREATE VIEW v AS SELECT * FROM events",
                        "PREPARE s FROM 'ALTER TABLE events FORCE'"}) {
    EXPECT_EQ(Next(s).kind, Kind::kNothing) << s;
  }
}

TEST_F(RunTablesTest, RefusedWhenBigOrOfUnknownSize) {
  report::StatementCost c;
  c.rows = 49;
  EXPECT_FALSE(Refused(c));
  c.rows = 50;
  EXPECT_TRUE(Refused(c));
  c.rows.reset();
  c.bytes = 10;
  EXPECT_FALSE(Refused(c));
  c.bytes.reset();
  EXPECT_TRUE(Refused(c));
  c.blocks = "";
  EXPECT_FALSE(RunTables::Refused(c, Limit50()));
  DdlPolicy allow = Limit50();
  allow.allow_blocking = true;
  c.blocks = "writes";
  EXPECT_FALSE(RunTables::Refused(c, allow));
}

}  // namespace
}  // namespace aos::engine
