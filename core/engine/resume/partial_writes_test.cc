// Which tables a stopped DML statement may have written in part
// (partial_writes.h): the names it holds, followed through views,
// triggers and routines.
#include "core/engine/resume/partial_writes.h"

#include "core/sql/statement_kind.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::engine {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

SchemaObjects Objects() {
  SchemaObjects o;
  o.tables = {{"src", "BASE TABLE", "InnoDB"},
              {"out_myisam", "BASE TABLE", "MyISAM"},
              {"audit_aria", "BASE TABLE", "Aria"},
              {"mem", "BASE TABLE", "MEMORY"},
              {"ids", "SEQUENCE", "InnoDB"},
              {"v_out", "VIEW", ""},
              {"logged", "BASE TABLE", "InnoDB"},
              {"plain", "BASE TABLE", "InnoDB"}};
  o.views = {{"v_out", "select `d`.`out_myisam`.`v` AS `v` from `d`.`out_myisam`"}};
  o.triggers = {{"logged", "INSERT INTO audit_aria VALUES (NEW.id)"}};
  o.routines = {{"next_id", "RETURN (SELECT COUNT(*) FROM mem)"},
                {"secret", std::nullopt}};
  return o;
}

std::vector<std::string> Reached(const std::string& statement) {
  return NonTransactionalReached(Objects(), sql::IdentifiersIn(statement));
}

TEST(PartialWritesTest, InnoDbOnlyReachesNothing) {
  EXPECT_THAT(Reached("INSERT INTO plain (id) SELECT id FROM src"), IsEmpty());
  EXPECT_THAT(Reached("UPDATE plain p JOIN src s ON s.id = p.id SET p.v = 1"),
              IsEmpty());
}

TEST(PartialWritesTest, EveryFormOfDmlOnAMyisamTableIsFound) {
  for (const char* dml :
       {"INSERT INTO out_myisam (v) SELECT v FROM src",
        "REPLACE INTO `out_myisam` VALUES (1)",
        "UPDATE src s, out_myisam o SET o.v = s.v WHERE o.id = s.id",
        "DELETE o FROM out_myisam o JOIN src s ON s.id = o.id",
        "DELETE FROM src WHERE id IN (SELECT v FROM OUT_MYISAM)",
        "INSERT INTO src SELECT * FROM d.out_myisam"}) {
    EXPECT_THAT(Reached(dml), ElementsAre("`out_myisam` (MyISAM)")) << dml;
  }
}

TEST(PartialWritesTest, ViewsTriggersAndRoutinesAreFollowed) {
  EXPECT_THAT(Reached("INSERT INTO v_out (v) VALUES (1)"),
              ElementsAre("`out_myisam` (MyISAM)"));
  EXPECT_THAT(Reached("INSERT INTO logged (id) VALUES (1)"),
              ElementsAre("`audit_aria` (Aria)"));
  EXPECT_THAT(Reached("INSERT INTO plain (id) VALUES (next_id())"),
              ElementsAre("`mem` (MEMORY)"));
  EXPECT_THAT(Reached("INSERT INTO plain (id) VALUES (NEXTVAL(ids))"),
              ElementsAre("`ids` (a sequence)"));
}

TEST(PartialWritesTest, WhatCannotBeReadReachesEveryTable) {
  const std::vector<std::string> all = {"`out_myisam` (MyISAM)",
                                        "`audit_aria` (Aria)",
                                        "`mem` (MEMORY)", "`ids` (a sequence)"};
  EXPECT_EQ(Reached("INSERT INTO plain (id) VALUES (secret())"), all);
  EXPECT_EQ(NonTransactionalReached(Objects(), std::nullopt), all);
}

}  // namespace
}  // namespace aos::engine
