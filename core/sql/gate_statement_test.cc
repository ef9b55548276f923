#include "core/sql/gate_statement.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::sql {
namespace {

using Kind = GateStatement::Kind;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

GateStatement Read(const std::string& s,
                   ChangeDialect d = ChangeDialect::kMysql) {
  return ReadGateStatement(s, d);
}

TEST(GateStatementTest, TableChangesAreReadWithTheirNames) {
  GateStatement g = Read("ALTER TABLE app.events MODIFY kind VARCHAR(10)");
  ASSERT_EQ(g.kind, Kind::kTableChange);
  EXPECT_EQ(g.change->table.schema, "app");
  EXPECT_EQ(g.change->table.name, "events");
  EXPECT_EQ(Read("CREATE UNIQUE INDEX i ON t (a)").kind, Kind::kTableChange);
  EXPECT_EQ(Read("DROP INDEX i ON t").kind, Kind::kTableChange);
}

TEST(GateStatementTest, AnAlterThatRenamesSaysWhereTheTableGoes) {
  GateStatement g =
      Read("ALTER TABLE events MODIFY kind VARCHAR(10), RENAME TO events2");
  ASSERT_EQ(g.kind, Kind::kTableChange);
  EXPECT_FALSE(g.change->not_confined.empty());
  ASSERT_EQ(g.renames.size(), 1u);
  EXPECT_EQ(g.renames[0].from.name, "events");
  EXPECT_EQ(g.renames[0].to.name, "events2");
  // A column's rename is not the table's.
  EXPECT_TRUE(Read("ALTER TABLE t RENAME COLUMN a TO b").renames.empty());
  EXPECT_TRUE(Read("ALTER TABLE t RENAME a TO b", ChangeDialect::kPostgresql)
                  .renames.empty());
}

TEST(GateStatementTest, RenameTableListsEveryRename) {
  GateStatement g = Read("RENAME TABLE a TO b, c TO d");
  ASSERT_EQ(g.kind, Kind::kRename);
  ASSERT_EQ(g.renames.size(), 2u);
  EXPECT_EQ(g.renames[1].to.name, "d");
  EXPECT_EQ(Read("RENAME USER a TO b").kind, Kind::kNone);
}

TEST(GateStatementTest, CompoundBlocksAndDynamicSqlAreOpaque) {
  for (const char* s :
       {"BEGIN NOT ATOMIC ALTER TABLE events FORCE; END",
        "lbl: BEGIN NOT ATOMIC SELECT 1; END",
        "IF 1 THEN ALTER TABLE t FORCE; END IF",
        "WHILE 0 DO SELECT 1; END WHILE",
        "EXECUTE IMMEDIATE 'ALTER TABLE events FORCE'", "EXECUTE s",
        "CALL rebuild()", "SET STATEMENT max_statement_time=1 FOR ALTER TABLE t "
                          "FORCE",
        "LOAD DATA INFILE '/x' INTO TABLE t", "CREATE EVENT e ON SCHEDULE AT "
                                              "NOW() DO ALTER TABLE t FORCE",
        "INSTALL SONAME 'x'", "/*!50000 OPTIMIZE TABLE t */",
        "DO $$ BEGIN EXECUTE 'ALTER TABLE t'; END $$"}) {
    GateStatement g = Read(s, absl::StartsWith(s, "DO")
                                  ? ChangeDialect::kPostgresql
                                  : ChangeDialect::kMysql);
    EXPECT_TRUE(g.kind == Kind::kOpaque || g.kind == Kind::kMaintenance)
        << s;
    EXPECT_FALSE(g.why.empty()) << s;
  }
  EXPECT_THAT(Read("EXECUTE IMMEDIATE 'x'").why, HasSubstr("EXECUTE IMMEDIATE"));
  EXPECT_THAT(Read("BEGIN NOT ATOMIC END").why, HasSubstr("compound block"));
  // Preparing runs nothing; the EXECUTE is what is gated.
  EXPECT_EQ(Read("PREPARE s FROM 'ALTER TABLE t FORCE'").kind, Kind::kNone);
}

TEST(GateStatementTest, MaintenanceNamesItsTables) {
  GateStatement g = Read("OPTIMIZE NO_WRITE_TO_BINLOG TABLE a, db.b");
  ASSERT_EQ(g.kind, Kind::kMaintenance);
  EXPECT_THAT(g.why, HasSubstr("OPTIMIZE TABLE"));
  ASSERT_EQ(g.tables.size(), 2u);
  EXPECT_EQ(g.tables[1].schema, "db");
  EXPECT_EQ(Read("REPAIR TABLE t").kind, Kind::kMaintenance);
  EXPECT_EQ(Read("CHECK TABLE t").kind, Kind::kMaintenance);
  EXPECT_EQ(Read("ANALYZE TABLE t PERSISTENT FOR ALL").kind,
            Kind::kMaintenance);
  EXPECT_EQ(Read("ANALYZE TABLE t").kind, Kind::kNone);
  EXPECT_EQ(Read("FLUSH TABLES t").kind, Kind::kMaintenance);
  EXPECT_EQ(Read("FLUSH PRIVILEGES").kind, Kind::kNone);
  EXPECT_EQ(Read("VACUUM FULL t", ChangeDialect::kPostgresql).kind,
            Kind::kMaintenance);
  EXPECT_EQ(Read("VACUUM t", ChangeDialect::kPostgresql).kind, Kind::kNone);
}

TEST(GateStatementTest, CreateAsSelectNamesWhatItReads) {
  GateStatement g = Read(
      "CREATE TABLE c AS SELECT e.* FROM events e JOIN app.kinds AS k USING "
      "(kind), extra USE INDEX (i) WHERE e.id IN (SELECT id FROM other)");
  ASSERT_EQ(g.kind, Kind::kCreateTable);
  EXPECT_EQ(g.table.name, "c");
  EXPECT_TRUE(g.selects);
  EXPECT_FALSE(g.reads_unnamed);
  std::vector<std::string> names;
  for (const TableName& t : g.sources) names.push_back(t.schema + "." + t.name);
  EXPECT_THAT(names, ElementsAre(".events", "app.kinds", ".extra", ".other"));

  EXPECT_FALSE(Read("CREATE TABLE c (id INT)").selects);
  EXPECT_FALSE(Read("CREATE TABLE c LIKE events").selects);
  EXPECT_TRUE(Read("CREATE TABLE c (id INT) SELECT id FROM e").selects);
  EXPECT_TRUE(Read("CREATE TABLE c SELECT * FROM JSON_TABLE('[]', '$[*]' "
                   "COLUMNS (a INT PATH '$')) j")
                  .reads_unnamed);
  EXPECT_EQ(Read("CREATE TABLE c SELECT 1 AS one FROM DUAL").rows, 1);
  EXPECT_EQ(Read("CREATE TABLE c (id INT) ENGINE=CONNECT").foreign_engine,
            "ENGINE=CONNECT");
  GateStatement pg = Read("SELECT * INTO c FROM events",
                          ChangeDialect::kPostgresql);
  EXPECT_EQ(pg.kind, Kind::kCreateTable);
  EXPECT_EQ(pg.sources.size(), 1u);
}

TEST(GateStatementTest, InsertsSayWhatFillsThem) {
  GateStatement v = Read("INSERT INTO t (a, b) VALUES (1, 2), (3, (4)), (5, 6)");
  ASSERT_EQ(v.kind, Kind::kFill);
  EXPECT_FALSE(v.selects);
  EXPECT_EQ(v.rows, 3);
  GateStatement s = Read("INSERT IGNORE INTO t SELECT * FROM events");
  EXPECT_TRUE(s.selects);
  ASSERT_EQ(s.sources.size(), 1u);
  EXPECT_EQ(s.sources[0].name, "events");
  EXPECT_EQ(Read("INSERT INTO t SET a = 1").rows, 1);
  EXPECT_TRUE(Read("REPLACE INTO t (SELECT * FROM e)").selects);
}

TEST(GateStatementTest, WhatCannotBlockIsNone) {
  for (const char* s :
       {"SELECT 1", "UPDATE t SET a = 1", "DELETE FROM t", "SET @a = 1",
        "CREATE VIEW v AS SELECT * FROM t", "CREATE DEFINER = x PROCEDURE p() "
                                            "BEGIN END",
        "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET @a = 1",
        "DROP VIEW v", "DROP PROCEDURE p", "GRANT SELECT ON t TO u",
        "TRUNCATE TABLE t", "DEALLOCATE PREPARE s", "-- nothing"}) {
    EXPECT_EQ(Read(s).kind, Kind::kNone) << s;
  }
  EXPECT_EQ(Read("DROP TABLE a, b").tables.size(), 2u);
  EXPECT_TRUE(Read("CREATE TEMP TABLE t (id INT)", ChangeDialect::kPostgresql)
                  .temporary);
  for (const char* s : {"COMMENT ON TABLE t IS 'x'", "DROP INDEX i",
                        "CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ "
                        "SELECT 1 $$ LANGUAGE sql"}) {
    EXPECT_EQ(Read(s, ChangeDialect::kPostgresql).kind, Kind::kNone) << s;
  }
  EXPECT_TRUE(Read("DROP TEMPORARY TABLE a").temporary);
}

TEST(GateStatementTest, TheAlgorithmIsReadFromTheOptionsNotFromStrings) {
  auto named = [](const std::string& s) {
    GateStatement g = Read(s);
    return g.change ? NamedAlgorithmClass(*g.change) : "not a change";
  };
  EXPECT_STREQ(named("ALTER TABLE t MODIFY k VARCHAR(10) COMMENT "
                     "'ALGORITHM=INSTANT', ALGORITHM=COPY"),
               "copy");
  EXPECT_STREQ(named("ALTER TABLE t ADD c INT COMMENT 'ALGORITHM=INSTANT'"),
               "unknown");
  EXPECT_STREQ(named("ALTER TABLE t ADD c INT, ALGORITHM = INSTANT"),
               "instant");
  EXPECT_STREQ(named("ALTER TABLE t ALGORITHM INPLACE, LOCK NONE, ADD c INT"),
               "inplace");
  EXPECT_STREQ(named("ALTER TABLE t ADD c INT, ALGORITHM=INPLACE"),
               "inplace_locks_writes");
  EXPECT_STREQ(named("ALTER TABLE t ADD c INT, ALGORITHM=INSTANT, "
                     "ALGORITHM=COPY"),
               "copy");
  EXPECT_STREQ(named("ALTER TABLE t ADD c INT, ALGORITHM=DEFAULT"), "unknown");
  EXPECT_STREQ(named("ALTER TABLE t ADD c INT, LOCK=SHARED"), "unknown");
  EXPECT_STREQ(named("ALTER TABLE t ADD c INT, LOCK=NONE"), "inplace");
  // A column named algorithm is no option.
  GateStatement col = Read("ALTER TABLE t ADD COLUMN algorithm INT");
  ASSERT_TRUE(col.change.has_value());
  EXPECT_TRUE(col.change->algorithms.empty());
  EXPECT_STREQ(named("CREATE INDEX i ON t (algorithm) ALGORITHM=INPLACE "
                     "LOCK=NONE"),
               "inplace");
  EXPECT_STREQ(named("CREATE INDEX i ON t (a) COMMENT 'ALGORITHM=INSTANT' "
                     "ALGORITHM=COPY"),
               "copy");
}

}  // namespace
}  // namespace aos::sql
