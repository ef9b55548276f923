// Which DDL statements only the tables' identities can judge
// (schema_fingerprint.h): renames that reuse a name.
#include "core/engine/resume/schema_fingerprint.h"

#include "core/sql/statement_kind.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::engine {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

bool ReusesNames(const char* statement) {
  std::optional<std::vector<sql::TableRename>> r = sql::TableRenames(statement);
  EXPECT_TRUE(r.has_value()) << statement;
  return r && sql::RenameReusesNames(*r);
}

TEST(SchemaFingerprintTest, ASwapThroughASpareNameReusesNames) {
  EXPECT_TRUE(ReusesNames("RENAME TABLE a TO tmp, b TO a, tmp TO b"));
  EXPECT_TRUE(ReusesNames("rename tables `a` to `t`, `B` to `A`, t to b"));
  EXPECT_TRUE(ReusesNames("RENAME TABLE IF EXISTS a TO t, d.b TO a, t TO b"));
  EXPECT_TRUE(ReusesNames("RENAME TABLE a WAIT 5 TO t, b NOWAIT TO a"));
  EXPECT_TRUE(ReusesNames("RENAME TABLE a TO b, b TO c"));  // a chain
  EXPECT_TRUE(ReusesNames("RENAME TABLE a TO (x)"));  // not read: counts
}

TEST(SchemaFingerprintTest, RenamesToNewNamesDoNot) {
  EXPECT_FALSE(ReusesNames("RENAME TABLE a TO old_a, b TO old_b"));
  EXPECT_FALSE(ReusesNames("RENAME TABLE d1.a TO d2.a"));
  EXPECT_FALSE(ReusesNames("ALTER TABLE a ADD COLUMN c INT, RENAME TO b"));
  EXPECT_FALSE(ReusesNames("ALTER TABLE a RENAME AS b"));
}

TEST(SchemaFingerprintTest, OtherStatementsRenameNoTable) {
  EXPECT_FALSE(sql::TableRenames("ALTER TABLE a RENAME COLUMN x TO y"));
  EXPECT_FALSE(sql::TableRenames("ALTER TABLE a RENAME INDEX i TO j"));
  EXPECT_FALSE(sql::TableRenames("RENAME USER u TO v"));
  EXPECT_FALSE(sql::TableRenames("CREATE TABLE a (id INT)"));
}

TEST(SchemaFingerprintTest, AnUnprovableOutcomeSaysWhy) {
  DdlProof provable{"f1", "", "d1"};
  EXPECT_THAT(WhyUnprovable(2, "f0", provable), IsEmpty());
  EXPECT_THAT(WhyUnprovable(2, "f1", provable), IsEmpty());
  EXPECT_THAT(WhyUnprovable(2, kUnprovableFingerprint, provable),
              HasSubstr("could not be read when it started"));
  EXPECT_THAT(WhyUnprovable(2, "d1", provable),
              HasSubstr("did not record them"));
  DdlProof unreadable{kUnprovableFingerprint, "no PROCESS", ""};
  EXPECT_THAT(WhyUnprovable(2, "f1", unreadable), HasSubstr("no PROCESS"));
  EXPECT_THAT(WhyUnprovable(2, "f1", unreadable), HasSubstr("statement 2"));
}

}  // namespace
}  // namespace aos::engine
