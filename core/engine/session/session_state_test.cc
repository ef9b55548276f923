// session_state.h and session_probe.h: the ledger's text of a session,
// the statement that restores it, and reading the probe's row.
#include "core/engine/session/session_state.h"

#include "core/engine/session/session_probe.h"
#include "gtest/gtest.h"

namespace aos::engine {
namespace {

using Type = SessionValue::Type;

SessionValue User(std::string name, Type type, std::string value,
                  bool null = false) {
  SessionValue v;
  v.name = std::move(name);
  v.type = type;
  v.value = std::move(value);
  v.null = null;
  return v;
}

SessionValue Text(std::string name, std::string hex, std::string charset,
                  std::string collation) {
  SessionValue v = User(std::move(name), Type::kString, std::move(hex));
  v.charset = std::move(charset);
  v.collation = std::move(collation);
  return v;
}

SessionValue System(std::string name, Type type, std::string value) {
  SessionValue v = User(std::move(name), type, std::move(value));
  v.system = true;
  return v;
}

TEST(SessionStateTest, EncodesAndDecodesEveryType) {
  SessionState state = {
      User("n", Type::kInteger, "-3"), User("u", Type::kUnsigned,
                                            "18446744073709551615"),
      User("d", Type::kDecimal, "42.50"), User("f", Type::kDouble, "0.1"),
      Text("s", "61 62", "latin1", "latin1_bin"),
      Text("odd name\n", "", "binary", "binary"),
      User("gone", Type::kInteger, "", /*null=*/true),
      System("sql_mode", Type::kString, "414E5349")};
  state[4].value = "6162";
  absl::StatusOr<SessionState> back =
      DecodeSessionState(EncodeSessionState(state));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, state);
  EXPECT_FALSE(DecodeSessionState("").ok());  // recorded by no one
  EXPECT_FALSE(DecodeSessionState("v1\nu zz i 0 1 - -").ok());
}

TEST(SessionStateTest, LiteralsRecreateTheTypeExactly) {
  EXPECT_EQ(*ValueLiteral(User("n", Type::kInteger, "-3")),
            "CAST(-3 AS SIGNED)");
  EXPECT_EQ(*ValueLiteral(User("u", Type::kUnsigned, "5")),
            "CAST(5 AS UNSIGNED)");
  EXPECT_EQ(*ValueLiteral(User("d", Type::kDecimal, "42.50")),
            "CAST(42.50 AS DECIMAL(65,2))");
  EXPECT_EQ(*ValueLiteral(User("d", Type::kDecimal, "42")),
            "CAST(42 AS DECIMAL(65,0))");
  EXPECT_EQ(*ValueLiteral(User("f", Type::kDouble, "0.30000000000000004")),
            "0.30000000000000004e0");
  EXPECT_EQ(*ValueLiteral(User("f", Type::kDouble, "1e300")), "1e300");
  EXPECT_EQ(*ValueLiteral(Text("s", "6162", "latin1", "latin1_bin")),
            "_latin1 X'6162' COLLATE latin1_bin");
  EXPECT_EQ(*ValueLiteral(Text("b", "00FF", "binary", "binary")),
            "_binary X'00FF'");
  EXPECT_EQ(*ValueLiteral(User("i", Type::kInteger, "", true)),
            "CAST(NULL AS SIGNED)");
  EXPECT_EQ(*ValueLiteral(Text("s", "", "binary", "binary")),
            "_binary X''");
  SessionValue null_text = Text("s", "", "utf8mb4", "utf8mb4_bin");
  null_text.null = true;
  EXPECT_EQ(*ValueLiteral(null_text),
            "CAST(NULL AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin");
  EXPECT_EQ(*ValueLiteral(System("time_zone", Type::kString, "2B30313A3030")),
            "_utf8mb4 X'2B30313A3030'");
  EXPECT_EQ(*ValueLiteral(System("foreign_key_checks", Type::kInteger, "0")),
            "0");
}

TEST(SessionStateTest, NothingButNumbersAndHexReachTheText) {
  EXPECT_FALSE(ValueLiteral(User("n", Type::kInteger, "1); DROP")).ok());
  EXPECT_FALSE(ValueLiteral(Text("s", "'x'", "utf8mb4", "utf8mb4_bin")).ok());
  EXPECT_FALSE(ValueLiteral(Text("s", "61", "utf8mb4 x", "utf8mb4_bin")).ok());
}

TEST(SessionStateTest, RestoresWhatDiffersCharsetsFirstInOrder) {
  const SessionState recorded = {
      User("n", Type::kInteger, "41"),
      System("foreign_key_checks", Type::kInteger, "0"),
      System("character_set_results", Type::kString, "6C6174696E31"),
      System("collation_connection", Type::kString, "6C6174696E315F62696E"),
      System("character_set_client", Type::kString, "6C6174696E31"),
      System("character_set_connection", Type::kString, "6C6174696E31"),
      System("time_zone", Type::kString, "53595354454D")};
  SessionState fresh = recorded;
  fresh[0] = Text("n", "", "binary", "binary");
  fresh[0].null = true;
  fresh[1].value = "1";
  fresh[3].value = "00";  // only the collation differs: all four are set
  absl::StatusOr<std::string> set = RestoreStatement(recorded, fresh);
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(*set,
            "SET @@SESSION.`character_set_client` = _utf8mb4 X'6C6174696E31', "
            "@@SESSION.`character_set_connection` = _utf8mb4 X'6C6174696E31', "
            "@@SESSION.`collation_connection` = _utf8mb4 "
            "X'6C6174696E315F62696E', "
            "@@SESSION.`character_set_results` = _utf8mb4 X'6C6174696E31', "
            "@`n` = CAST(41 AS SIGNED), @@SESSION.`foreign_key_checks` = 0");
  EXPECT_EQ(*RestoreStatement(recorded, recorded), "");
  EXPECT_EQ(StateDifference(recorded, fresh),
            "@n: 41 recorded, NULL now; @@foreign_key_checks: 0 recorded, 1 "
            "now; @@collation_connection: 'latin1_bin' recorded, '\\x00' now");
}

// A probe's row as the C API gives it: owned values as hex text, then two
// columns a system variable, five a user variable.
backend::DescribedRows ProbeRow(std::vector<backend::ColumnInfo> vars,
                                std::vector<std::optional<std::string>> cells) {
  backend::DescribedRows rows;
  rows.columns.assign(7, backend::ColumnInfo{253, 0, 45, false});
  rows.columns.insert(rows.columns.end(), vars.begin(), vars.end());
  backend::Row row = {"31", "4E4F5F434841494E", "6462", "544F49", "30", "31",
                      "0"};
  row.insert(row.end(), cells.begin(), cells.end());
  rows.rows = {row};
  return rows;
}

TEST(SessionProbeTest, ReadsTypesFromTheColumnsAndBytesAsHex) {
  const backend::ColumnInfo integer{8, 0, 63, false}, text{251, 39, 45, false},
      hex{253, 0, 45, false}, decimal{246, 38, 63, false};
  SessionNames names{{"n", "s", "d"}, {"foreign_key_checks"}};
  backend::DescribedRows rows = ProbeRow(
      {integer, hex, integer, hex, hex, hex, hex, text, hex, hex, hex, hex,
       decimal, hex, hex, hex, hex},
      {"0", "4F4646",                                     // @@fk
       "41", "29", "3431", "62696E617279", "62696E617279",  // @n
       "x", "78", "78", "6C6174696E31", "6C6174696E315F62696E",  // @s
       "42.50", "2A", "34322E3530", "62696E617279", "62696E617279"});  // @d
  absl::StatusOr<ProbeResult> probe = ParseProbe(rows, names);
  ASSERT_TRUE(probe.ok()) << probe.status();
  EXPECT_EQ(probe->owned.autocommit, "1");
  EXPECT_EQ(probe->owned.completion_type, "NO_CHAIN");
  EXPECT_EQ(probe->owned.database, "db");
  EXPECT_EQ(probe->owned.wsrep_osu_method, "TOI");
  ASSERT_EQ(probe->state.size(), 4u);
  EXPECT_EQ(probe->state[0], System("foreign_key_checks", Type::kInteger, "0"));
  EXPECT_EQ(probe->state[1], User("n", Type::kInteger, "41"));
  EXPECT_EQ(probe->state[2], Text("s", "78", "latin1", "latin1_bin"));
  EXPECT_EQ(probe->state[3], User("d", Type::kDecimal, "42.50"));
  EXPECT_FALSE(ParseProbe(ProbeRow({}, {}), names).ok());  // too few columns
}

TEST(SessionProbeTest, SaysWhatAStatementTookOver) {
  OwnedSession opened{"1", "NO_CHAIN", "db", "TOI", "0", "1", false, false};
  OwnedSession now = opened;
  EXPECT_EQ(OwnedChanges(opened, now, false), "");
  now.in_transaction = true;
  EXPECT_EQ(OwnedChanges(opened, now, true), "");  // the tool's own
  EXPECT_EQ(OwnedChanges(opened, now, false), "it left a transaction open");
  now.autocommit = "0";
  now.completion_type = "RELEASE";
  now.wsrep_osu_method = "RSU";
  EXPECT_EQ(OwnedChanges(opened, now, false),
            "autocommit 1 -> 0; completion_type NO_CHAIN -> RELEASE; "
            "wsrep_OSU_method TOI -> RSU; it left a transaction open");
  now = opened;
  now.table_lock = true;
  EXPECT_EQ(OwnedChanges(opened, now, false),
            "it left a table lock held (LOCK TABLES, or FLUSH TABLES ... "
            "WITH READ LOCK)");
}

TEST(SessionProbeTest, NamesAreQuotedAndOddSystemNamesLeftOut) {
  EXPECT_EQ(ProbeSql({{"a`b"}, {"sql_mode", "x; DROP"}}).find("x; DROP"),
            std::string::npos);
  EXPECT_NE(ProbeSql({{"a`b"}, {}}).find("@`a``b`"), std::string::npos);
}

}  // namespace
}  // namespace aos::engine
