#include "core/sql/destructive_statement.h"

#include "gtest/gtest.h"

namespace aos::sql {
namespace {

using Kind = Destruction::Kind;

TEST(DestructiveStatementTest, DropColumnsOfOneAlter) {
  DestructionReading r = ReadDestructions(
      "ALTER TABLE `l` DROP COLUMN gone, ADD x INT, DROP `other`, DROP INDEX i, "
      "DROP PRIMARY KEY, DROP FOREIGN KEY f;",
      "mysql");
  ASSERT_EQ(r.unread, "");
  ASSERT_EQ(r.destroys.size(), 1u);
  EXPECT_EQ(r.destroys[0].kind, Kind::kDropColumn);
  EXPECT_EQ(r.destroys[0].table.name, "l");
  EXPECT_EQ(r.destroys[0].columns, (std::vector<std::string>{"gone", "other"}));
}

TEST(DestructiveStatementTest, DropTablesAndTruncate) {
  DestructionReading r = ReadDestructions("DROP TABLE IF EXISTS a, s.b", "mysql");
  ASSERT_EQ(r.destroys.size(), 2u);
  EXPECT_TRUE(r.destroys[0].if_exists);
  EXPECT_EQ(r.destroys[1].table.schema, "s");
  EXPECT_EQ(ReadDestructions("TRUNCATE TABLE t", "mysql").destroys[0].kind,
            Kind::kTruncate);
  EXPECT_EQ(ReadDestructions("truncate only t", "postgresql").destroys.size(), 1u);
  EXPECT_TRUE(ReadDestructions("DROP TEMPORARY TABLE t", "mysql").destroys.empty());
  EXPECT_EQ(ReadDestructions("CREATE OR REPLACE TABLE t (a INT)", "mysql")
                .destroys[0].kind,
            Kind::kDropTable);
}

TEST(DestructiveStatementTest, WhatItCannotKeepIsUnread) {
  EXPECT_NE(ReadDestructions("ALTER TABLE t DROP PARTITION p0", "mysql").unread, "");
  EXPECT_NE(ReadDestructions("TRUNCATE a CASCADE", "postgresql").unread, "");
  EXPECT_NE(ReadDestructions("DROP DATABASE d", "mysql").unread, "");
  EXPECT_NE(ReadDestructions("/*!50000 DROP TABLE t */", "mysql").unread, "");
}

TEST(DestructiveStatementTest, NothingDestroyed) {
  for (const char* s : {"ALTER TABLE t ADD COLUMN c INT",
                        "ALTER TABLE t ALTER COLUMN c DROP DEFAULT",
                        "ALTER TABLE t ALTER COLUMN c DROP NOT NULL",
                        "DROP INDEX i ON t", "DROP VIEW v",
                        "CREATE TABLE t (a INT)", "DELETE FROM t"}) {
    DestructionReading r = ReadDestructions(s, "postgresql");
    EXPECT_TRUE(r.destroys.empty()) << s;
    EXPECT_EQ(r.unread, "") << s;
  }
}

}  // namespace
}  // namespace aos::sql
