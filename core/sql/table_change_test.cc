#include "core/sql/table_change.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::sql {
namespace {

TEST(TableChangeTest, ReadsAnAlterTable) {
  const std::string s = "ALTER TABLE `events` ADD COLUMN note TEXT NULL";
  std::optional<TableChange> c = ParseTableChange(s);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->form, TableChange::Form::kAlterTable);
  EXPECT_EQ(c->table.name, "events");
  EXPECT_EQ(c->alter_spec, "ADD COLUMN note TEXT NULL");
  EXPECT_FALSE(c->renames_table);
  EXPECT_EQ(OnTable(s, *c, "_aos_probe_1"),
            "ALTER TABLE _aos_probe_1 ADD COLUMN note TEXT NULL");
  EXPECT_EQ(WithAlgorithm(s, *c, "INPLACE", "NONE"),
            "ALTER TABLE `events` ALGORITHM=INPLACE, LOCK=NONE, ADD COLUMN "
            "note TEXT NULL");
  EXPECT_EQ(
      WithAlgorithm(s, *c, "INSTANT", ""),
      "ALTER TABLE `events` ALGORITHM=INSTANT, ADD COLUMN note TEXT NULL");
}

TEST(TableChangeTest, KeepsSchemaWaitAndComments) {
  const std::string s =
      "alter online table /* x */ app.t WAIT 5 /* y */ drop column c";
  std::optional<TableChange> c = ParseTableChange(s);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->table.schema, "app");
  EXPECT_EQ(c->table.name, "t");
  EXPECT_EQ(OnTable(s, *c, "p"),
            "alter online table /* x */ p WAIT 5 /* y */ drop column c");
  EXPECT_EQ(WithAlgorithm(s, *c, "COPY", ""),
            "alter online table /* x */ app.t WAIT 5 ALGORITHM=COPY, /* y */ "
            "drop column c");
}

TEST(TableChangeTest, TheAuthorsAlgorithmStands) {
  const std::string s = "ALTER TABLE t ADD INDEX i (a), ALGORITHM=COPY";
  std::optional<TableChange> c = ParseTableChange(s);
  ASSERT_TRUE(c.has_value());
  EXPECT_TRUE(c->names_algorithm);
  EXPECT_EQ(WithAlgorithm(s, *c, "INPLACE", "NONE"), s);
}

TEST(TableChangeTest, SeesARenameOfTheTableOnly) {
  EXPECT_TRUE(ParseTableChange("ALTER TABLE t RENAME TO u")->renames_table);
  EXPECT_TRUE(
      ParseTableChange("ALTER TABLE t ADD c INT, RENAME AS u")->renames_table);
  EXPECT_FALSE(
      ParseTableChange("ALTER TABLE t RENAME COLUMN a TO b")->renames_table);
  EXPECT_FALSE(
      ParseTableChange("ALTER TABLE t RENAME INDEX a TO b")->renames_table);
}

TEST(TableChangeTest, PartitioningIsNotRewritten) {
  const std::string s = "ALTER TABLE t PARTITION BY HASH(id) PARTITIONS 4";
  std::optional<TableChange> c = ParseTableChange(s);
  ASSERT_TRUE(c.has_value());
  EXPECT_FALSE(c->rewritable);
  EXPECT_EQ(WithAlgorithm(s, *c, "INPLACE", "NONE"), s);
  EXPECT_FALSE(ParseTableChange("ALTER TABLE t ADD PARTITION (PARTITION p3)")
                   ->rewritable);
  EXPECT_FALSE(ParseTableChange("ALTER TABLE t")->rewritable);
}

TEST(TableChangeTest, ReadsIndexStatements) {
  const std::string s = "CREATE UNIQUE INDEX ix ON `events` (a, b)  \n";
  std::optional<TableChange> c = ParseTableChange(s);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->form, TableChange::Form::kCreateIndex);
  EXPECT_EQ(c->table.name, "events");
  EXPECT_EQ(OnTable(s, *c, "p"), "CREATE UNIQUE INDEX ix ON p (a, b)  \n");
  EXPECT_EQ(WithAlgorithm(s, *c, "INPLACE", "NONE"),
            "CREATE UNIQUE INDEX ix ON `events` (a, b) ALGORITHM=INPLACE "
            "LOCK=NONE  \n");
  std::optional<TableChange> d = ParseTableChange("DROP INDEX ix ON t");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->form, TableChange::Form::kDropIndex);
  EXPECT_EQ(WithAlgorithm("DROP INDEX ix ON t", *d, "INSTANT", ""),
            "DROP INDEX ix ON t ALGORITHM=INSTANT");
}

TEST(TableChangeTest, ReadsPostgresqlSpellings) {
  const std::string s =
      "ALTER TABLE IF EXISTS ONLY events ALTER COLUMN a TYPE bigint";
  std::optional<TableChange> c = ParseTableChange(s);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->table.name, "events");
  EXPECT_EQ(OnTable(s, *c, "p"),
            "ALTER TABLE IF EXISTS ONLY p ALTER COLUMN a TYPE bigint");
  std::optional<TableChange> i =
      ParseTableChange("CREATE INDEX CONCURRENTLY ix ON ONLY events (a)");
  ASSERT_TRUE(i.has_value());
  EXPECT_EQ(i->table.name, "events");
  EXPECT_EQ(OnTable("ALTER TABLE t ADD c INT",
                    *ParseTableChange("ALTER TABLE t ADD c INT"), "a b"),
            "ALTER TABLE `a b` ADD c INT");
}

// The reason a statement is not tried on clones ("" when it may be).
std::string NotConfined(const std::string& s,
                        ChangeDialect d = ChangeDialect::kMysql) {
  std::optional<TableChange> c = ParseTableChange(s, d);
  EXPECT_TRUE(c.has_value()) << s;
  return c ? c->not_confined : "not a table change";
}

TEST(TableChangeTest, ChangesOfTheTableAloneMayBeTriedOnClones) {
  for (const char* s : {
           "ALTER TABLE t ADD COLUMN note VARCHAR(32) NULL",
           "ALTER TABLE t ADD INDEX i (a), DROP COLUMN b, ALGORITHM=INPLACE",
           "ALTER TABLE t MODIFY kind VARCHAR(10) NOT NULL COMMENT 'k'",
           "ALTER TABLE t CHANGE a b INT, RENAME COLUMN c TO d",
           "ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (id, created)",
           "ALTER TABLE t ADD FULLTEXT INDEX ft (payload)",
           "ALTER TABLE t ENGINE=InnoDB ROW_FORMAT=DYNAMIC",
           "ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4",
           "ALTER TABLE t ADD c INT GENERATED ALWAYS AS (EXTRACT(YEAR FROM d))",
           "ALTER TABLE t PARTITION BY HASH(id) PARTITIONS 4",
           "ALTER TABLE t ADD PARTITION (PARTITION p3 VALUES LESS THAN (400))",
           "ALTER TABLE t -- why\n ADD c INT /* a comment */",
           "CREATE UNIQUE INDEX ix ON t (a, b) ALGORITHM=INPLACE LOCK=NONE",
           "DROP INDEX ix ON t",
       }) {
    EXPECT_EQ(NotConfined(s), "") << s;
  }
  EXPECT_EQ(NotConfined("ALTER TABLE t ALTER COLUMN a TYPE bigint USING a::bigint",
                        ChangeDialect::kPostgresql),
            "");
  EXPECT_EQ(NotConfined("ALTER TABLE t DROP CONSTRAINT t_pkey, ADD PRIMARY "
                        "KEY (id, created)",
                        ChangeDialect::kPostgresql),
            "");
}

TEST(TableChangeTest, AForeignKeysParentIsNamedToBeCloned) {
  const std::string s =
      "ALTER TABLE child ADD CONSTRAINT fk FOREIGN KEY (p) REFERENCES "
      "`parent` (id) ON DELETE CASCADE, ADD c INT REFERENCES app.other (id)";
  std::optional<TableChange> c = ParseTableChange(s);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->not_confined, "");
  ASSERT_EQ(c->references.size(), 2u);
  EXPECT_EQ(c->references[0].table.name, "parent");
  EXPECT_EQ(c->references[1].table.schema, "app");
  EXPECT_EQ(OnTables(s, *c,
                     [](const TableName& t) {
                       return t.schema.empty() ? "_aos_probe_" + t.name : "";
                     }),
            "ALTER TABLE _aos_probe_child ADD CONSTRAINT fk FOREIGN KEY (p) "
            "REFERENCES _aos_probe_parent (id) ON DELETE CASCADE, ADD c INT "
            "REFERENCES app.other (id)");
}

TEST(TableChangeTest, AnotherTableOrAnUnknownWordIsNotTriedOnClones) {
  for (const char* s : {
           "ALTER TABLE p EXCHANGE PARTITION p0 WITH TABLE s",
           "ALTER TABLE p EXCHANGE PARTITION p0 WITH TABLE s WITHOUT VALIDATION",
           "ALTER TABLE p CONVERT TABLE s TO PARTITION p2 VALUES LESS THAN (9)",
           "ALTER TABLE p CONVERT PARTITION p2 TO TABLE s",
           "ALTER TABLE t ADD c INT, RENAME TO u",
           "ALTER TABLE t RENAME u",
           "ALTER TABLE p TRUNCATE PARTITION p1",
           "ALTER TABLE p REORGANIZE PARTITION p0 INTO (PARTITION a VALUES "
           "LESS THAN (5))",
           "ALTER TABLE p DROP PARTITION p1",
           "ALTER TABLE p COALESCE PARTITION 2",
           "ALTER TABLE p REBUILD PARTITION p0",
           "ALTER TABLE p REPAIR PARTITION p0",
           "ALTER TABLE p OPTIMIZE PARTITION p0",
           "ALTER TABLE p ANALYZE PARTITION p0",
           "ALTER TABLE p CHECK PARTITION p0",
           "ALTER TABLE t DISCARD TABLESPACE",
           "ALTER TABLE t IMPORT TABLESPACE",
           "ALTER TABLE t ENGINE=MERGE UNION=(a, b)",
           "ALTER TABLE t ROW_FORMAT=DYNAMIC UNION=(a, b)",
           "ALTER TABLE t ENGINE=CONNECT TABLE_TYPE=MYSQL TABNAME='s'",
           "ALTER TABLE t ENGINE=FEDERATED CONNECTION='mysql://h/db/s'",
           "ALTER TABLE t ADD c INT DEFAULT (NEXT VALUE FOR s)",
           "ALTER TABLE t ADD c INT DEFAULT (NEXTVAL(s))",
           "ALTER TABLE t ADD c INT DEFAULT (SELECT MAX(a) FROM s)",
           "ALTER TABLE t ADD c INT DEFAULT @x",
           "ALTER TABLE t ADD c INT; DELETE FROM s",
           "ALTER TABLE t ADD c INT /*!50000 , EXCHANGE PARTITION p WITH "
           "TABLE s */",
           "ALTER TABLE t ADD c INT /*M!100000 , ENGINE=MERGE */",
           "ALTER TABLE t COMMENT 'a\\', EXCHANGE PARTITION p0 WITH TABLE s",
           "ALTER TABLE t ADD c INT COMMENT 'unterminated",
           "ALTER TABLE t ADD c INT REFERENCES",
           "ALTER TABLE t ADD c INT, FROBNICATE",
           "ALTER TABLE t ADD (c INT",
           "CREATE INDEX i ON t (a); DELETE FROM s",
           "CREATE INDEX i ON t ((SELECT 1 FROM s))",
       }) {
    EXPECT_NE(NotConfined(s), "") << s;
  }
  EXPECT_THAT(NotConfined("ALTER TABLE p EXCHANGE PARTITION p0 WITH TABLE s"),
              ::testing::HasSubstr("EXCHANGE PARTITION"));
}

TEST(TableChangeTest, OnPostgresqlAnotherTableOrSchemaIsNotTried) {
  for (const char* s : {
           "ALTER TABLE p ATTACH PARTITION s FOR VALUES FROM (0) TO (9)",
           "ALTER TABLE p DETACH PARTITION s",
           "ALTER TABLE t INHERIT s",
           "ALTER TABLE t NO INHERIT s",
           "ALTER TABLE t OF some_type",
           "ALTER TABLE t NOT OF",
           "ALTER TABLE t SET SCHEMA other",
           "ALTER TABLE t RENAME TO u",
           "ALTER TABLE t ADD c text DEFAULT $$x$$",
           "ALTER TABLE t ADD CHECK (a # 1 > 0)",
           "ALTER TABLE t ADD c bigint DEFAULT nextval('s')",
       }) {
    EXPECT_NE(NotConfined(s, ChangeDialect::kPostgresql), "") << s;
  }
  EXPECT_EQ(NotConfined("ALTER TABLE t RENAME a TO b",
                        ChangeDialect::kPostgresql),
            "");
}

TEST(TableChangeTest, ARenameAloneIsSaidSo) {
  EXPECT_TRUE(ParseTableChange("ALTER TABLE t RENAME TO u")->renames_only);
  EXPECT_TRUE(ParseTableChange("ALTER TABLE t RENAME AS db.u")->renames_only);
  EXPECT_FALSE(
      ParseTableChange("ALTER TABLE t ADD c INT, RENAME TO u")->renames_only);
  EXPECT_FALSE(
      ParseTableChange("ALTER TABLE t RENAME TO u, ADD c INT")->renames_only);
}

TEST(TableChangeTest, OtherStatementsAreNotTableChanges) {
  EXPECT_FALSE(ParseTableChange("CREATE TABLE t (a INT)").has_value());
  EXPECT_FALSE(ParseTableChange("DROP TABLE t").has_value());
  EXPECT_FALSE(ParseTableChange("INSERT INTO t VALUES (1)").has_value());
  EXPECT_FALSE(ParseTableChange("ALTER VIEW v AS SELECT 1").has_value());
  EXPECT_FALSE(ParseTableChange("CREATE INDEX i").has_value());
}

}  // namespace
}  // namespace aos::sql
