#include "core/conformance/generated_value.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::conformance {
namespace {

GenColumn Column(std::string type, bool nullable = false) {
  GenColumn c;
  c.name = "c";
  c.type = std::move(type);
  c.nullable = nullable;
  return c;
}

TEST(GeneratedValueTest, DistinctPerRowAndFitToTheColumn) {
  GenColumn s = Column("varchar");
  s.max_length = 3;
  EXPECT_EQ(GeneratedValue(s, 5, "mysql"), "'r5'");
  EXPECT_EQ(GeneratedValue(s, 36 * 36 + 1, "mysql"), "'101'");
  EXPECT_EQ(GeneratedValue(Column("int"), 42, "mysql"), "42");
  EXPECT_EQ(GeneratedValue(Column("tinyint"), 142, "mysql"), "42");
  GenColumn d = Column("decimal");
  d.precision = 4;
  d.scale = 2;
  EXPECT_EQ(GeneratedValue(d, 123, "mysql"), "23");
  EXPECT_EQ(GeneratedValue(Column("date"), 0, "postgresql"), "'2024-01-01'");
  EXPECT_EQ(GeneratedValue(Column("datetime"), 1, "mysql"),
            "'2024-01-01 01:00:07'");
  EXPECT_EQ(GeneratedValue(Column("boolean"), 1, "postgresql"), "true");
  EXPECT_EQ(GeneratedValue(Column("json"), 7, "mysql"), "'{\"k\": 7}'");
}

TEST(GeneratedValueTest, NullsLabelsAndParents) {
  EXPECT_EQ(GeneratedValue(Column("int", true), 3, "mysql"), "NULL");
  EXPECT_EQ(GeneratedValue(Column("int", true), 4, "mysql"), "4");
  GenColumn e = Column("enum");
  e.labels = {"up", "down"};
  EXPECT_EQ(GeneratedValue(e, 3, "mysql"), "'down'");
  GenColumn fk = Column("int");
  fk.references = true;
  EXPECT_EQ(GeneratedValue(fk, 1, "mysql"), std::nullopt);  // no parent row
  fk.parent_values = {"10", "20"};
  EXPECT_EQ(GeneratedValue(fk, 3, "mysql"), "'20'");
  EXPECT_EQ(GeneratedValue(Column("geometry"), 1, "mysql"), std::nullopt);
}

}  // namespace
}  // namespace aos::conformance
