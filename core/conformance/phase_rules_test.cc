// The expand rule on hand-made schemas; the kit runs the same rule on the
// schemas real databases report (tools/plugin_check/phased_plugins_test.sh).
#include "core/conformance/phase_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace aos::conformance {
namespace {

// events(id int NOT NULL auto, kind varchar(32) NULL, created datetime NOT
// NULL DEFAULT now) with an index on kind and a trigger.
SchemaShape Events() {
  SchemaShape s;
  TableShape& t = s.tables["events"];
  t.columns["id"] = {"int(11)", false, true, ""};
  t.columns["kind"] = {"varchar(32)", true, true, "NULL"};
  t.columns["created"] = {"datetime", false, true, "current_timestamp()"};
  t.constraints["index PRIMARY"] = {"PRIMARY", "primary key", {"id"},
                                    "primary key BTREE (id)"};
  t.constraints["index idx_kind"] = {"idx_kind", "index", {"kind"},
                                     "index BTREE (kind)"};
  t.triggers["events_bi"] = "BEFORE INSERT SET NEW.kind = 'x'";
  s.others["function f()"] = "BEGIN END";
  return s;
}

std::vector<std::string> What(const SchemaShape& after) {
  std::vector<std::string> out;
  for (const Violation& v : ExpandViolations(Events(), after)) {
    out.push_back(v.what + ": " + v.why);
  }
  return out;
}

using ::testing::ElementsAre;

TEST(ExpandViolations, AddingIsAllowed) {
  SchemaShape s = Events();
  TableShape& t = s.tables["events"];
  t.columns["category"] = {"varchar(64)", true, true, "NULL"};
  t.columns["weight"] = {"int(11)", false, true, "0"};
  t.constraints["index idx_category"] = {"idx_category", "unique index",
                                         {"category"}, "unique (category)"};
  t.triggers["events_sync"] = "BEFORE UPDATE";
  s.tables["notes"].columns["id"] = {"int(11)", false, false, ""};
  s.others["function g()"] = "BEGIN END";
  EXPECT_TRUE(What(s).empty());
}

TEST(ExpandViolations, WideningIsAllowed) {
  SchemaShape s = Events();
  s.tables["events"].columns["kind"].type = "varchar(64)";
  s.tables["events"].columns["id"].type = "bigint(20)";
  s.tables["events"].columns["created"].nullable = true;
  EXPECT_TRUE(What(s).empty());
}

TEST(ExpandViolations, DropsTableAndRenamesTable) {
  SchemaShape dropped = Events();
  dropped.tables.erase("events");
  EXPECT_THAT(What(dropped),
              ElementsAre("drops table events: an expand step may only add"));
  SchemaShape renamed = Events();
  renamed.tables["happenings"] = renamed.tables["events"];
  renamed.tables.erase("events");
  EXPECT_THAT(What(renamed), ElementsAre("renames table events to happenings: "
                                         "an expand step may only add"));
}

TEST(ExpandViolations, DropsAndRenamesColumns) {
  SchemaShape dropped = Events();
  dropped.tables["events"].columns.erase("kind");
  dropped.tables["events"].constraints.erase("index idx_kind");
  EXPECT_THAT(What(dropped),
              ElementsAre("drops column events.kind: an expand step may only add",
                          "drops index events.idx_kind: an expand step may only add"));
  SchemaShape renamed = Events();
  renamed.tables["events"].columns["category"] =
      renamed.tables["events"].columns["kind"];
  renamed.tables["events"].columns.erase("kind");
  EXPECT_THAT(What(renamed),
              ElementsAre("renames column events.kind to events.category: an "
                          "expand step may only add"));
}

TEST(ExpandViolations, NarrowsAndChangesTypes) {
  SchemaShape s = Events();
  s.tables["events"].columns["kind"].type = "varchar(16)";
  s.tables["events"].columns["id"].type = "varchar(11)";
  EXPECT_THAT(What(s),
              ElementsAre("changes the type of column events.id from int(11) "
                          "to varchar(11): an expand step may only add",
                          "narrows column events.kind from varchar(32) to "
                          "varchar(16): an expand step may only add"));
}

TEST(ExpandViolations, NotNullWithoutDefault) {
  SchemaShape s = Events();
  s.tables["events"].columns["kind"] = {"varchar(32)", false, false, ""};
  s.tables["events"].columns["owner"] = {"int(11)", false, false, ""};
  EXPECT_THAT(
      What(s),
      ElementsAre("makes column events.kind NOT NULL without a default: the "
                  "previous release may write NULL there or leave it out",
                  "adds column events.owner NOT NULL without a default: the "
                  "previous release's inserts leave it out"));
  // With a default, both are fine.
  s.tables["events"].columns["kind"].has_default = true;
  s.tables["events"].columns["owner"].has_default = true;
  EXPECT_TRUE(What(s).empty());
}

TEST(ExpandViolations, DropsADefault) {
  SchemaShape s = Events();
  s.tables["events"].columns["created"].has_default = false;
  EXPECT_THAT(What(s), ElementsAre("drops the default of NOT NULL column "
                                   "events.created: the previous release's "
                                   "inserts may leave it out"));
}

TEST(ExpandViolations, IndexesConstraintsTriggersFunctions) {
  SchemaShape s = Events();
  TableShape& t = s.tables["events"];
  t.constraints["index idx_kind"].definition = "unique index BTREE (kind)";
  t.constraints["constraint fk_owner"] = {"fk_owner", "foreign key", {"id"},
                                          "id -> users.id"};
  t.triggers.clear();
  s.others["function f()"] = "BEGIN SELECT 1; END";
  EXPECT_THAT(
      What(s),
      ElementsAre("changes index events.idx_kind (index BTREE (kind) -> unique "
                  "index BTREE (kind)): an expand step may only add",
                  "adds foreign key events.fk_owner on existing column id: it "
                  "narrows what the previous release may write",
                  "drops trigger events.events_bi: an expand step may only add",
                  "changes function f(): an expand step may only add"));
  SchemaShape renamed = Events();
  auto& c = renamed.tables["events"].constraints;
  c["index idx_events_kind"] = c["index idx_kind"];
  c["index idx_events_kind"].name = "idx_events_kind";
  c.erase("index idx_kind");
  EXPECT_THAT(What(renamed),
              ElementsAre("renames index events.idx_kind to "
                          "events.idx_events_kind: an expand step may only add"));
}

TEST(TypeWidens, Families) {
  EXPECT_TRUE(TypeWidens("int(11)", "bigint(20)"));
  EXPECT_TRUE(TypeWidens("integer", "bigint"));
  EXPECT_FALSE(TypeWidens("bigint", "integer"));
  EXPECT_TRUE(TypeWidens("int(10) unsigned", "bigint(20)"));
  EXPECT_FALSE(TypeWidens("int(11)", "int(10) unsigned"));
  EXPECT_TRUE(TypeWidens("varchar(32)", "varchar(64)"));
  EXPECT_FALSE(TypeWidens("varchar(64)", "varchar(32)"));
  EXPECT_TRUE(TypeWidens("character varying(32)", "text"));
  EXPECT_TRUE(TypeWidens("character varying", "text"));
  EXPECT_TRUE(TypeWidens("varchar(255)", "text"));
  EXPECT_TRUE(TypeWidens("text", "mediumtext"));
  EXPECT_FALSE(TypeWidens("mediumtext", "text"));
  EXPECT_FALSE(TypeWidens("varchar(32)", "varbinary(32)"));
  EXPECT_TRUE(TypeWidens("decimal(8,2)", "decimal(10,2)"));
  EXPECT_FALSE(TypeWidens("decimal(10,2)", "decimal(10,3)"));
  EXPECT_TRUE(TypeWidens("float", "double"));
  EXPECT_FALSE(TypeWidens("double precision", "real"));
  EXPECT_TRUE(TypeWidens("enum('a','b')", "enum('a','b','c')"));
  EXPECT_FALSE(TypeWidens("enum('a','b')", "enum('a')"));
  EXPECT_FALSE(TypeWidens("datetime", "date"));
}

}  // namespace
}  // namespace aos::conformance
