#include "core/sql/data_dependency.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::sql {
namespace {

using Kind = DataDependency::Kind;

std::vector<DataDependency> Read(absl::string_view s,
                                 absl::string_view dialect = "mysql") {
  return DataDependencies(s, dialect);
}

TEST(DataDependencyTest, ReadsKeys) {
  std::vector<DataDependency> d =
      Read("ALTER TABLE p ADD UNIQUE (v), ADD PRIMARY KEY (id, `k`)");
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].kind, Kind::kUnique);
  EXPECT_EQ(d[0].table.name, "p");
  EXPECT_EQ(d[0].what, "UNIQUE (v)");
  ASSERT_EQ(d[0].parts.size(), 1u);
  EXPECT_EQ(d[0].parts[0].column, "v");
  EXPECT_TRUE(d[0].nulls_distinct);
  EXPECT_EQ(d[1].kind, Kind::kUnique);
  EXPECT_FALSE(d[1].nulls_distinct);
  EXPECT_EQ(d[1].what, "PRIMARY KEY (id, k)");
  EXPECT_EQ(d[2].kind, Kind::kNotNull);
  EXPECT_EQ(d[2].columns, std::vector<std::string>{"id"});
  EXPECT_EQ(d[3].columns, std::vector<std::string>{"k"});
}

TEST(DataDependencyTest, ReadsNamedUniqueIndexesAndPrefixes) {
  std::vector<DataDependency> d = Read(
      "alter table app.t add constraint uq unique key uq_v using btree "
      "(v(10), w DESC)");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].table.schema, "app");
  EXPECT_EQ(d[0].what, "CONSTRAINT uq UNIQUE uq_v (v(10), w)");
  EXPECT_EQ(d[0].parts[0].prefix, 10);
  EXPECT_EQ(d[0].parts[1].column, "w");
  d = Read("CREATE UNIQUE INDEX ux ON t (lower(name)) WHERE deleted = 0",
           "postgresql");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(d[0].parts[0].column.empty());
  EXPECT_EQ(d[0].parts[0].expression, "lower(name)");
  EXPECT_EQ(d[0].where, "deleted = 0");
  d = Read("CREATE UNIQUE INDEX IF NOT EXISTS ux ON t (a COLLATE NOCASE)",
           "sqlite");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].parts[0].column, "a");
  EXPECT_EQ(d[0].parts[0].expression, "a COLLATE NOCASE");
  EXPECT_TRUE(Read("CREATE INDEX ix ON t (a)").empty());
  EXPECT_TRUE(Read("ALTER TABLE t ADD INDEX (a), ADD COLUMN b INT").empty());
}

TEST(DataDependencyTest, ReadsForeignKeysAndChecks) {
  std::vector<DataDependency> d = Read(
      "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (p_id) REFERENCES p (id) "
      "ON DELETE CASCADE, ADD CHECK (n > 0 AND (m < 5))");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].kind, Kind::kForeignKey);
  EXPECT_EQ(d[0].columns, std::vector<std::string>{"p_id"});
  EXPECT_EQ(d[0].parent.name, "p");
  EXPECT_EQ(d[0].parent_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(d[0].what, "CONSTRAINT fk FOREIGN KEY (p_id) REFERENCES p (id)");
  EXPECT_EQ(d[1].kind, Kind::kCheck);
  EXPECT_EQ(d[1].check, "n > 0 AND (m < 5)");
  EXPECT_TRUE(Read("ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (p) "
                   "REFERENCES p (id) NOT VALID",
                   "postgresql")
                  .empty());
  EXPECT_TRUE(Read("ALTER TABLE c ADD CHECK (n > 0) NOT ENFORCED").empty());
  d = Read("ALTER TABLE c ADD FOREIGN KEY (p) REFERENCES p", "postgresql");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(d[0].parent_columns.empty());
}

TEST(DataDependencyTest, ReadsMysqlColumnDefinitions) {
  std::vector<DataDependency> d = Read(
      "ALTER TABLE t MODIFY COLUMN v VARCHAR(10) CHARACTER SET ascii NOT NULL "
      "DEFAULT 'NOT NULL' COMMENT 'x', CHANGE n n2 DECIMAL(8,2) UNSIGNED");
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].kind, Kind::kColumnType);
  EXPECT_EQ(d[0].type.name, "VARCHAR");
  EXPECT_EQ(d[0].type.args, std::vector<int64_t>{10});
  EXPECT_EQ(d[0].what, "v VARCHAR(10)");
  EXPECT_EQ(d[1].kind, Kind::kCharset);
  EXPECT_EQ(d[1].charset, "ascii");
  EXPECT_EQ(d[2].kind, Kind::kNotNull);
  EXPECT_EQ(d[3].columns, std::vector<std::string>{"n"});
  EXPECT_EQ(d[3].type.args, (std::vector<int64_t>{8, 2}));
  EXPECT_TRUE(d[3].type.is_unsigned);
  d = Read("ALTER TABLE t CONVERT TO CHARACTER SET latin1");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, Kind::kCharset);
  EXPECT_TRUE(d[0].columns.empty());
  EXPECT_TRUE(Read("ALTER TABLE t DEFAULT CHARACTER SET latin1").empty());
}

TEST(DataDependencyTest, ReadsPostgresqlColumnChanges) {
  std::vector<DataDependency> d = Read(
      "ALTER TABLE ONLY t ALTER COLUMN v SET NOT NULL, ALTER v TYPE "
      "character varying(5), ALTER w SET DATA TYPE int USING w::int, ADD "
      "COLUMN z int NOT NULL, ADD COLUMN y int NOT NULL DEFAULT 0",
      "postgresql");
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].kind, Kind::kNotNull);
  EXPECT_EQ(d[1].kind, Kind::kColumnType);
  EXPECT_EQ(d[1].type.name, "VARCHAR");
  EXPECT_EQ(d[2].kind, Kind::kEmpty);
  EXPECT_EQ(d[2].columns, std::vector<std::string>{"z"});
}

TEST(DataDependencyTest, IgnoresWhatIsNoChangeOfOldRows) {
  EXPECT_TRUE(Read("CREATE TABLE t (a INT UNIQUE)").empty());
  EXPECT_TRUE(
      Read("INSERT INTO t VALUES ('ALTER TABLE t ADD UNIQUE (a)')").empty());
  EXPECT_TRUE(Read("ALTER TABLE t ADD COLUMN a INT NOT NULL").empty());
  EXPECT_TRUE(Read("ALTER TABLE t /* ADD UNIQUE (a) */ DROP c").empty());
  EXPECT_EQ(Read("ALTER TABLE t ADD /*!50000 UNIQUE */ (a);").size(), 1u);
}

}  // namespace
}  // namespace aos::sql
