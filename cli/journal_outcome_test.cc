// A module's outcome as journal fields (journal_outcome.h): an OK run and
// a failed one.
#include "cli/journal_outcome.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

TEST(OutcomeFields, AnOkRunNamesTheModuleItsVersionsAndItsLastStep) {
  report::ModuleResult r;
  r.module_id = "dashboard";
  r.ok = true;
  r.from = 9;
  r.to = 11;
  r.steps = {{9, 10, 5, true}, {10, 11, 7, true}};
  EXPECT_THAT(
      OutcomeFields(r),
      ElementsAre(Pair("MESSAGE", "dashboard: OK, 9 -> 11"), Pair("PRIORITY", "6"),
                  Pair("SYSLOG_IDENTIFIER", "aos-db-migrate"), Pair("AOS_MODULE", "dashboard"),
                  Pair("AOS_OUTCOME", "ok"), Pair("AOS_VERSION", "11"),
                  Pair("AOS_FROM_VERSION", "9"), Pair("AOS_STEP", "10->11")));
}

TEST(OutcomeFields, AFailureIsAnErrorWithItsCategoryAndNoDatabaseWords) {
  report::ModuleResult r;
  r.module_id = "unit";
  r.ok = false;
  r.from = 3;
  r.to = 3;
  r.error = "upgrade 3 -> 4: Deadlock found when trying to get lock";
  r.database_error = true;
  r.error_category = "deadlock";
  r.steps = {{3, 4, 9, false}};
  EXPECT_THAT(OutcomeFields(r),
              ElementsAre(Pair("MESSAGE", std::string("unit: FAIL, ") + report::kUnknownDbError),
                          Pair("PRIORITY", "3"), Pair("SYSLOG_IDENTIFIER", "aos-db-migrate"),
                          Pair("AOS_MODULE", "unit"), Pair("AOS_OUTCOME", "failed"),
                          Pair("AOS_VERSION", "3"), Pair("AOS_FROM_VERSION", "3"),
                          Pair("AOS_STEP", "3->4"), Pair("AOS_ERROR_CATEGORY", "deadlock")));
}

}  // namespace
}  // namespace aos::cli
