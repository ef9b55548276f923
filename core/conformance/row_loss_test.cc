#include "core/conformance/row_loss.h"

#include "gtest/gtest.h"

namespace aos::conformance {
namespace {

// Table t (id, a, b) keyed by id, with rows {id, a, b}.
TableSnapshot Keyed(const std::vector<std::vector<SnapshotValue>>& rows) {
  TableSnapshot t;
  t.columns = {"id", "a", "b"};
  t.keys = {"id"};
  for (const auto& r : rows) t.rows[KeyText({r[0]})] = r;
  return t;
}

TEST(ArchivedLosses, AColumnGivenBackExactlyIsNoLoss) {
  RowSnapshot before{{"t", Keyed({{"1", "x", "p"}, {"2", std::nullopt, "q"}})}};
  RowSnapshot after = before;
  EXPECT_TRUE(ArchivedLosses(before, after, {{"t", {"a"}}}).empty());
}

TEST(ArchivedLosses, AColumnNotRefilledIsLostByName) {
  RowSnapshot before{{"t", Keyed({{"1", "x", "p"}, {"2", "y", "q"}})}};
  RowSnapshot after{{"t", Keyed({{"1", std::nullopt, "p"}})}};
  std::vector<RowLoss> lost = ArchivedLosses(before, after, {{"t", {"a"}}});
  ASSERT_EQ(lost.size(), 1u);
  EXPECT_EQ(lost[0].Name(), "t.a");
  EXPECT_NE(lost[0].detail.find("2 of 2 values not as they were (1 rows "
                                "gone, 1 changed)"),
            std::string::npos)
      << lost[0].detail;
}

TEST(ArchivedLosses, ATableNotReCreatedIsLost) {
  RowSnapshot before{{"t", Keyed({{"1", "x", "p"}})}};
  std::vector<RowLoss> lost = ArchivedLosses(before, {}, {{"t", {}}});
  ASSERT_EQ(lost.size(), 1u);
  EXPECT_EQ(lost[0].Name(), "t");
}

TEST(RoundTripLosses, ComparesTheColumnsAtBothPoints) {
  RowSnapshot before{{"t", Keyed({{"1", "x", "p"}, {"2", "y", "q"}})}};
  TableSnapshot narrower = Keyed({{"1", "x", "p"}, {"2", "y", "q"}});
  narrower.columns = {"id", "a", "c"};  // b gone, c new: not compared
  narrower.rows[KeyText({"2"})][2] = "other";
  EXPECT_TRUE(RoundTripLosses(before, before, {{"t", narrower}}).empty());
  RowSnapshot changed{{"t", Keyed({{"1", "x", "p"}, {"2", "z", "q"}})}};
  std::vector<RowLoss> lost = RoundTripLosses(before, before, changed);
  ASSERT_EQ(lost.size(), 1u);
  EXPECT_EQ(lost[0].Name(), "t.a");
}

TEST(RoundTripLosses, RowsTheUpgradeWroteAreCountedOnly) {
  RowSnapshot before_up{{"t", Keyed({{"1", "x", "p"}})}};
  RowSnapshot before{{"t", Keyed({{"1", "x", "p"}, {"2", "seed", "s"}})}};
  RowSnapshot again{{"t", Keyed({{"1", "x", "p"}, {"3", "seed", "t"}})}};
  EXPECT_TRUE(RoundTripLosses(before_up, before, again).empty());
  RowSnapshot fewer{{"t", Keyed({{"1", "x", "p"}})}};
  std::vector<RowLoss> lost = RoundTripLosses(before_up, before, fewer);
  ASSERT_EQ(lost.size(), 1u);
  EXPECT_EQ(lost[0].Name(), "t");
  RowSnapshot changed{{"t", Keyed({{"1", "y", "p"}, {"3", "seed", "t"}})}};
  lost = RoundTripLosses(before_up, before, changed);
  ASSERT_EQ(lost.size(), 1u);
  EXPECT_EQ(lost[0].Name(), "t.a");
}

TEST(RoundTripLosses, ATableWithoutKeyIsAMultiset) {
  TableSnapshot a;
  a.columns = {"v"};
  for (const char* v : {"1", "1", "2"}) a.rows[KeyText({v}) + v] = {v};
  TableSnapshot b = a;
  b.rows.erase(b.rows.begin());
  std::vector<RowLoss> lost = RoundTripLosses({}, {{"n", a}}, {{"n", b}});
  ASSERT_EQ(lost.size(), 1u);
  EXPECT_EQ(lost[0].Name(), "n");
  EXPECT_TRUE(RoundTripLosses({}, {{"n", a}}, {{"n", a}}).empty());
}

TEST(DeclaredLosses, ReadsCommentLinesOnly) {
  std::vector<std::string> d = DeclaredLosses(
      "-- aos:loses t.a\n  --aos:loses u, v.w\nSELECT '-- aos:loses x';\n"
      "-- not a declaration: aos:loses y\n");
  EXPECT_EQ(d, (std::vector<std::string>{"t.a", "u", "v.w"}));
  EXPECT_TRUE(IsDeclared(d, RowLoss{"u", "c", ""}));
  EXPECT_TRUE(IsDeclared(d, RowLoss{"T", "A", ""}));
  EXPECT_FALSE(IsDeclared(d, RowLoss{"t", "", ""}));
  EXPECT_FALSE(IsDeclared(d, RowLoss{"t", "b", ""}));
}

}  // namespace
}  // namespace aos::conformance
