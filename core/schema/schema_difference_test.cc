#include "core/schema/schema_difference.h"

#include "gtest/gtest.h"

namespace aos::schema {
namespace {

TEST(SchemaDifferenceTest, EqualSchemasHaveNoDifference) {
  SchemaObjects s = {{"table t", "table"}, {"column t.a", "int"}};
  EXPECT_TRUE(CompareSchemas(s, s).empty());
  EXPECT_TRUE(CompareSchemas({}, {}).empty());
}

TEST(SchemaDifferenceTest, ExtraMissingAndChangedSortedByObject) {
  SchemaObjects expected = {{"column t.a", "int"},
                            {"column t.b", "varchar(10)"},
                            {"index t.PRIMARY", "primary key btree (a)"}};
  SchemaObjects live = {{"column t.a", "bigint"},
                        {"column t.c", "int"},
                        {"index t.PRIMARY", "primary key btree (a)"}};
  std::vector<SchemaDifference> d = CompareSchemas(expected, live);
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].object, "column t.a");
  EXPECT_EQ(d[0].kind, SchemaDifference::Kind::kChanged);
  EXPECT_EQ(d[0].expected, "int");
  EXPECT_EQ(d[0].actual, "bigint");
  EXPECT_EQ(d[1].object, "column t.b");
  EXPECT_EQ(d[1].kind, SchemaDifference::Kind::kMissing);
  EXPECT_EQ(d[1].actual, "");
  EXPECT_EQ(d[2].object, "column t.c");
  EXPECT_EQ(d[2].kind, SchemaDifference::Kind::kExtra);
  EXPECT_EQ(d[2].expected, "");
  EXPECT_EQ(d[2].actual, "int");
}

TEST(SchemaDifferenceTest, KindNames) {
  EXPECT_STREQ(KindName(SchemaDifference::Kind::kExtra), "extra");
  EXPECT_STREQ(KindName(SchemaDifference::Kind::kMissing), "missing");
  EXPECT_STREQ(KindName(SchemaDifference::Kind::kChanged), "changed");
}

}  // namespace
}  // namespace aos::schema
