#include "core/plugin/expected_schemas.h"

#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace aos::plugin {
namespace {

ExpectedSchemas Sample() {
  ExpectedSchemas s;
  s["mysql"][1] = "column t.a\tint\ntable t\ttable\n";
  s["mysql"][2] = "column t.a\tint\ncolumn t.b\tint\ntable t\ttable\n";
  s["mysql"][3] = "no newline at the end";
  s["sqlite"][1] = "";
  return s;
}

TEST(ExpectedSchemasTest, CompactRoundTripsExactlyAndIsSmaller) {
  ExpectedSchemas in = Sample();
  const std::string compact = in.ToCompact();
  ExpectedSchemas out = ExpectedSchemas::FromCompact(compact);
  EXPECT_EQ(out, in);
  EXPECT_EQ(out.ToCompact(), compact);  // as it came, not encoded again
  ASSERT_NE(out.Find("mysql", 2), nullptr);
  EXPECT_EQ(*out.Find("mysql", 2), "column t.a\tint\ncolumn t.b\tint\ntable t\ttable\n");
  EXPECT_EQ(*out.Find("mysql", 3), "no newline at the end");
  EXPECT_EQ(*out.Find("sqlite", 1), "");
  EXPECT_EQ(*out.Find("sqlite", 0), "");
  EXPECT_EQ(out.Find("sqlite", 2), nullptr);
  EXPECT_EQ(out.Find("postgresql", 0), nullptr);
  EXPECT_EQ(out.count("mysql"), 1u);

  ExpectedSchemas many;
  std::string text;
  for (int i = 0; i < 50; ++i)
    text += "column t.c" + std::to_string(i) + "\tvarchar(64) not null\n";
  for (int v = 1; v <= 40; ++v) many["mysql"][v] = text;
  EXPECT_LT(many.ToCompact().size(), 40 * text.size() / 4);
}

TEST(ExpectedSchemasTest, NoneAndBadBytesAreNotKnown) {
  ExpectedSchemas none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.ToCompact(), "");
  EXPECT_TRUE(ExpectedSchemas::FromCompact("").empty());
  const std::string compact = Sample().ToCompact();
  for (size_t cut : {size_t{1}, size_t{5}, compact.size() / 2, compact.size() - 1}) {
    EXPECT_TRUE(ExpectedSchemas::FromCompact(compact.substr(0, cut)).empty()) << cut;
  }
  EXPECT_TRUE(ExpectedSchemas::FromCompact(compact + "x").empty());
  EXPECT_TRUE(ExpectedSchemas::FromCompact(std::string(64, '\xff')).empty());
}

TEST(ExpectedSchemasTest, CopiesShareAndWritesCopyFirst) {
  ExpectedSchemas a = ExpectedSchemas::FromCompact(Sample().ToCompact());
  ExpectedSchemas b = a;
  b["mysql"][1] = "changed";
  EXPECT_EQ(*a.Find("mysql", 1), "column t.a\tint\ntable t\ttable\n");
  EXPECT_EQ(*b.Find("mysql", 1), "changed");
  EXPECT_EQ(*b.Find("mysql", 2), *a.Find("mysql", 2));
}

TEST(ExpectedSchemasTest, DecodedOnceWhateverTheThreads) {
  ExpectedSchemas s = ExpectedSchemas::FromCompact(Sample().ToCompact());
  std::vector<std::thread> threads;
  std::vector<const std::string*> seen(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&s, &seen, i] { seen[i] = s.Find("mysql", 1); });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string* p : seen) EXPECT_EQ(p, seen[0]);
}

}  // namespace
}  // namespace aos::plugin
