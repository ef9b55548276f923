#include "core/schema/schema_objects.h"

#include "gtest/gtest.h"

namespace aos::schema {
namespace {

TEST(SchemaObjectsTest, FormatIsSortedLinesAndParsesBack) {
  SchemaObjects objects = {{"table t", "table"},
                           {"column t.a", "int not null"},
                           {"trigger t.r", "BEFORE INSERT\tSET x = 'a\\b'\nEND"}};
  const std::string text = FormatSchemaObjects(objects);
  EXPECT_EQ(text,
            "column t.a\tint not null\n"
            "table t\ttable\n"
            "trigger t.r\tBEFORE INSERT\\tSET x = 'a\\\\b'\\nEND\n");
  absl::StatusOr<SchemaObjects> parsed = ParseSchemaObjects(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, objects);
}

TEST(SchemaObjectsTest, EmptyTextIsTheEmptySchema) {
  EXPECT_EQ(FormatSchemaObjects({}), "");
  absl::StatusOr<SchemaObjects> parsed = ParseSchemaObjects("");
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->empty());
  EXPECT_TRUE(ParseSchemaObjects("\n\ntable t\ttable\n\n").ok());
}

TEST(SchemaObjectsTest, BadTextIsRefusedNamingTheLine) {
  for (const char* bad : {"table t table\n", "table\tx\n", "table t\ta\ntable t\tb\n",
                          "table t\ta\\q\n", "table t\ta\\\n"}) {
    absl::StatusOr<SchemaObjects> parsed = ParseSchemaObjects(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(parsed.status().message().find("line "), std::string::npos);
  }
}

}  // namespace
}  // namespace aos::schema
