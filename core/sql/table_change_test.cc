#include "core/sql/table_change.h"

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

TEST(TableChangeTest, OtherStatementsAreNotTableChanges) {
  EXPECT_FALSE(ParseTableChange("CREATE TABLE t (a INT)").has_value());
  EXPECT_FALSE(ParseTableChange("DROP TABLE t").has_value());
  EXPECT_FALSE(ParseTableChange("INSERT INTO t VALUES (1)").has_value());
  EXPECT_FALSE(ParseTableChange("ALTER VIEW v AS SELECT 1").has_value());
  EXPECT_FALSE(ParseTableChange("CREATE INDEX i").has_value());
}

}  // namespace
}  // namespace aos::sql
