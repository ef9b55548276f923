#include "core/report/machine_output.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::report {
namespace {

ModuleResult Failed(std::string id, std::string error, std::string category) {
  ModuleResult r;
  r.module_id = std::move(id);
  r.display_name = "Name";
  r.error = std::move(error);
  r.database_error = !category.empty();
  r.error_category = std::move(category);
  return r;
}

TEST(MachineOutputTest, ValueIsOneLineAModuleWhateverTheErrorHolds) {
  ModuleResult ok;
  ok.module_id = "dashboard";
  ok.ok = true;
  ok.from = 9;
  ok.to = 11;
  std::string out = RenderResultsValue(
      {ok, Failed("journal", "first line\nsecond line\r\nthird", "")}, true);
  EXPECT_EQ(out,
            "dashboard OK 9 -> 11\n"
            "journal FAIL first line second line  third\n");
}

TEST(MachineOutputTest, JsonCarriesTheCategory) {
  std::string out = RenderResultsJson(
      {Failed("journal", "(1205) Lock wait timeout", "lock_wait_timeout"),
       Failed("clouds", "the plugin crashed", "")});
  EXPECT_THAT(out, ::testing::HasSubstr(
                       "\"error\":\"(1205) Lock wait timeout\",\"category\":"
                       "\"lock_wait_timeout\","));
  EXPECT_THAT(out, ::testing::HasSubstr(
                       "\"error\":\"the plugin crashed\",\"category\":null,"));
}

TEST(MachineOutputTest, JsonSaysWhereAnExpandRunStopped) {
  ModuleResult r;
  r.module_id = "journal";
  r.display_name = "Journal";
  r.ok = true;
  r.from = 3;
  r.to = 5;
  r.held_back = ModuleResult::HeldBack{6, "contract", "a contract step"};
  std::string out = RenderResultsJson({r});
  EXPECT_THAT(out, ::testing::HasSubstr(
                       "\"result\":\"3 -> 5 (stopped before 6: a contract "
                       "step)\""));
  EXPECT_THAT(out, ::testing::HasSubstr(
                       "\"held_back\":{\"version\":6,\"phase\":\"contract\","
                       "\"reason\":\"a contract step\"}"));
  r.to = 3;
  EXPECT_EQ(r.ResultText(false), "No changes (stopped before 6: a contract step)");
}

TEST(MachineOutputTest, JsonSaysWhereAStepWasResumed) {
  ModuleResult r;
  r.module_id = "journal";
  r.display_name = "Journal";
  r.ok = true;
  r.from = 9;
  r.to = 10;
  r.resumed = ModuleResult::Resumed{10, 3, 4, true};
  std::string out = RenderResultsJson({r});
  EXPECT_THAT(out, ::testing::HasSubstr(
                       "\"result\":\"9 -> 10 (resumed at statement 3 of 4)\""));
  EXPECT_THAT(out, ::testing::HasSubstr("\"resumed\":{\"version\":10,\"statement\":3,"
                                        "\"statements\":4},\"held_back\":null,"));
  r.from = 8;
  r.to = 12;
  r.resumed->only_step = false;
  EXPECT_EQ(r.ResultText(false),
            "8 -> 12 (migration 10 resumed at statement 3 of 4)");
}

TEST(MachineOutputTest, JsonGivesEachStepsDuration) {
  ModuleResult r;
  r.module_id = "journal";
  r.display_name = "Journal";
  r.ok = false;
  r.from = 9;
  r.to = 10;
  r.steps = {{9, 10, 2013499, true}, {10, 11, 500, false}};
  EXPECT_THAT(
      RenderResultsJson({r}),
      ::testing::HasSubstr("\"steps\":[{\"version\":10,\"direction\":\"upgrade\",\"from\":9,"
                           "\"to\":10,\"status\":\"OK\",\"millis\":2013},{\"version\":11,"
                           "\"direction\":\"upgrade\",\"from\":10,\"to\":11,\"status\":"
                           "\"FAIL\",\"millis\":1}],"));
  r.steps = {{28, 27, 61000000, true}};
  EXPECT_THAT(
      RenderResultsJson({r}),
      ::testing::HasSubstr("\"steps\":[{\"version\":28,\"direction\":\"downgrade\",\"from\":28,"
                           "\"to\":27,\"status\":\"OK\",\"millis\":61000}],"));
  r.steps.clear();
  EXPECT_THAT(RenderResultsJson({r}), ::testing::HasSubstr("\"held_back\":null,\"steps\":[],"));
}

// Issue 29: the drift a run found, after its steps; a run that did not
// look says so.
TEST(MachineOutputTest, JsonGivesTheDriftTheRunFound) {
  ModuleResult r;
  r.module_id = "journal";
  r.ok = true;
  EXPECT_THAT(RenderResultsJson({r}),
              ::testing::HasSubstr("\"steps\":[],\"drift\":null,\"drift_accepted\":null,"
                                   "\"drift_reason\":\"not checked (a run checks only before "
                                   "applying a step)\"}"));
  r.drift.known = true;
  r.drift.items = {{"column t.c", "extra", "", "int NULL", false}};
  EXPECT_THAT(RenderResultsJson({r}),
              ::testing::HasSubstr("\"drift\":[{\"object\":\"column t.c\",\"kind\":\"extra\","
                                   "\"expected\":null,\"actual\":\"int NULL\"}],"
                                   "\"drift_accepted\":[],\"drift_reason\":null}"));
}

}  // namespace
}  // namespace aos::report
