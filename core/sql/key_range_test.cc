// The SQL of a primary key's range (key_range.h): `key > after` and
// `key <= upto` over one, two and three columns, in both spellings; the
// seek of a chunk's end; what an operator is shown; the recorded value's
// exact round trip.
#include "core/sql/key_range.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::sql {
namespace {

using ::testing::ElementsAre;

KeyColumn Integer(const std::string& name) {
  return {name, "int(11)", "`" + name + "`", "`" + name + "`", "CAST(? AS SIGNED)", false};
}

KeyColumn Text(const std::string& name) {
  return {name,
          "varchar(36) utf8mb4_unicode_ci",
          "`" + name + "`",
          "HEX(`" + name + "`)",
          "CONVERT(UNHEX(?) USING utf8mb4) COLLATE utf8mb4_unicode_ci",
          true};
}

constexpr char kText[] = "CONVERT(UNHEX(?) USING utf8mb4) COLLATE utf8mb4_unicode_ci";

TEST(KeyRangeTest, OneColumnIsAPlainComparison) {
  RangeKey key{{Integer("id")}};
  KeySql after = KeyCondition(key, "`e`", KeyBound::kAfter, {"41"});
  EXPECT_EQ(after.text, "`e`.`id` > CAST(? AS SIGNED)");
  EXPECT_THAT(after.values, ElementsAre("41"));
  KeySql upto = KeyCondition(key, "", KeyBound::kUpTo, {"50"});
  EXPECT_EQ(upto.text, "`id` <= CAST(? AS SIGNED)");
  EXPECT_THAT(upto.values, ElementsAre("50"));
  EXPECT_EQ(key.Names(), "id");
  EXPECT_EQ(key.Signature(), "id int(11)");
}

// MariaDB answers the expansion, not the row value, from the index.
TEST(KeyRangeTest, TwoColumnsAreExpandedStrictlyBelowTheLast) {
  RangeKey key{{Integer("p"), Text("k")}};
  KeySql after = KeyCondition(key, "", KeyBound::kAfter, {"7", "6B"});
  EXPECT_EQ(after.text, std::string("(`p` > CAST(? AS SIGNED) OR (`p` = CAST(? AS SIGNED) AND "
                                    "`k` > ") +
                            kText + "))");
  EXPECT_THAT(after.values, ElementsAre("7", "7", "6B"));
  KeySql upto = KeyCondition(key, "", KeyBound::kUpTo, {"9", "6C"});
  EXPECT_EQ(upto.text, std::string("(`p` < CAST(? AS SIGNED) OR (`p` = CAST(? AS SIGNED) AND "
                                   "`k` <= ") +
                           kText + "))");
  EXPECT_THAT(upto.values, ElementsAre("9", "9", "6C"));
  EXPECT_EQ(key.Names(), "(p, k)");
  EXPECT_EQ(key.Signature(), "p int(11), k varchar(36) utf8mb4_unicode_ci");
}

TEST(KeyRangeTest, ThreeColumnsNest) {
  RangeKey key{{Integer("a"), Integer("b"), Integer("c")}};
  for (KeyColumn& c : key.columns) c.comparand = "?";
  KeySql after = KeyCondition(key, "t", KeyBound::kAfter, {"1", "2", "3"});
  EXPECT_EQ(after.text, "(t.`a` > ? OR (t.`a` = ? AND (t.`b` > ? OR (t.`b` = ? AND t.`c` > ?))))");
  EXPECT_THAT(after.values, ElementsAre("1", "1", "2", "2", "3"));
  KeySql upto = KeyCondition(key, "t", KeyBound::kUpTo, {"1", "2", "3"});
  EXPECT_EQ(upto.text, "(t.`a` < ? OR (t.`a` = ? AND (t.`b` < ? OR (t.`b` = ? AND t.`c` <= ?))))");
  KeySql at = KeyCondition(key, "", KeyBound::kAt, {"1", "2", "3"});
  EXPECT_EQ(at.text, "(`a` = ? AND `b` = ? AND `c` = ?)");
  EXPECT_THAT(at.values, ElementsAre("1", "2", "3"));
}

// PostgreSQL's spelling: one row value comparison.
TEST(KeyRangeTest, RowValuesCompareTheTuple) {
  RangeKey key{{Integer("p"), Integer("id")}, /*row_values=*/true};
  for (KeyColumn& c : key.columns) c.comparand = "CAST(? AS bigint)";
  KeySql after = KeyCondition(key, "t", KeyBound::kAfter, {"7", "1"});
  EXPECT_EQ(after.text, "(t.`p`, t.`id`) > (CAST(? AS bigint), CAST(? AS bigint))");
  EXPECT_THAT(after.values, ElementsAre("7", "1"));
  KeySql upto = KeyCondition(key, "t", KeyBound::kUpTo, {"8", "2"});
  EXPECT_EQ(upto.text, "(t.`p`, t.`id`) <= (CAST(? AS bigint), CAST(? AS bigint))");
  EXPECT_EQ(KeyCondition(key, "", KeyBound::kAt, {"8", "2"}).text,
            "(`p`, `id`) = (CAST(? AS bigint), CAST(? AS bigint))");
}

TEST(KeyRangeTest, TheSeekReadsTheKeyInItsOrder) {
  RangeKey key{{Integer("p"), Text("k")}};
  KeySql first = KeySeek(key, "`t`", std::nullopt, {"9", "6C"}, 99);
  EXPECT_EQ(first.text, std::string("SELECT `p`, HEX(`k`) FROM `t` WHERE (`p` < CAST(? AS "
                                    "SIGNED) OR (`p` = CAST(? AS SIGNED) AND `k` <= ") +
                            kText + ")) ORDER BY `p`, `k` LIMIT 1 OFFSET 99");
  EXPECT_THAT(first.values, ElementsAre("9", "9", "6C"));
  KeySql next = KeySeek(key, "`t`", KeyValue{"7", "6B"}, {"9", "6C"}, 0);
  EXPECT_THAT(next.text, ::testing::StartsWith("SELECT `p`, HEX(`k`) FROM `t` WHERE (`p` > "));
  EXPECT_THAT(next.text, ::testing::HasSubstr(")) AND (`p` < "));
  EXPECT_THAT(next.values, ElementsAre("7", "7", "6B", "9", "9", "6C"));
  EXPECT_EQ(LastKey(key, "`t`").text,
            "SELECT `p`, HEX(`k`) FROM `t` ORDER BY `p` DESC, `k` DESC LIMIT 1");
}

TEST(KeyRangeTest, AKeyIsShownAsItsValues) {
  RangeKey key{{Integer("p"), Text("k")}};
  EXPECT_EQ(ShowKey(key, {"7", "6B27C3A9"}), "(7, 'k''\xC3\xA9')");
  EXPECT_EQ(ShowKey(key, {"7", "00FF"}), "(7, 0x00FF)");
  EXPECT_EQ(ShowKey(key, {"7", "E9"}), "(7, 0xE9)");  // latin1 bytes: no UTF-8
  RangeKey day{{KeyColumn{"d", "date", "`d`", "`d`", "CAST(? AS DATE)", false}}};
  EXPECT_EQ(ShowKey(day, {"2024-01-31"}), "'2024-01-31'");
  EXPECT_EQ(ShowKey(RangeKey{{Integer("id")}}, {"-5"}), "-5");
}

TEST(KeyRangeTest, ARecordedValueComesBackExactly) {
  const KeyValue value{"7", std::string("a:b,\0c\xFF", 7), "", "12345678901234567890"};
  const std::string encoded = EncodeKeyValue(value);
  EXPECT_EQ(encoded.substr(0, 4), "1:7,");
  absl::StatusOr<KeyValue> back = DecodeKeyValue(encoded);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, value);
  for (const char* bad : {"", "7", "1:7", "2:7,", "1:77", "x:7,", "-1:7,", "1:7,junk"}) {
    EXPECT_FALSE(DecodeKeyValue(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace aos::sql
