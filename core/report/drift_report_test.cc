#include "core/report/drift_report.h"

#include "gtest/gtest.h"

namespace aos::report {
namespace {

DriftInfo Sample() {
  DriftInfo d;
  d.known = true;
  d.version = 11;
  d.items = {{"column w.note", "extra", "", "varchar(10) NULL", false},
             {"index w.ix", "missing", "(a)", "", true},
             {"column w.t", "changed", "int NOT NULL", "bigint NOT NULL", false}};
  return d;
}

TEST(DriftReportTest, NoteCountsWhatNoOneAccepted) {
  EXPECT_EQ(Sample().Note(), "drift: 2 differences");
  DriftInfo one = Sample();
  one.items.pop_back();
  EXPECT_EQ(one.Note(), "drift: 1 difference");
  one.items.erase(one.items.begin());
  EXPECT_EQ(one.Note(), "");          // only an accepted one
  EXPECT_EQ(DriftInfo().Note(), "");  // not known
}

TEST(DriftReportTest, LinesSayWhatDiffers) {
  DriftInfo d = Sample();
  EXPECT_EQ(DriftLine(d.items[0]), "extra column w.note: varchar(10) NULL");
  EXPECT_EQ(DriftLine(d.items[1]), "missing index w.ix: (a)");
  EXPECT_EQ(DriftLine(d.items[2]),
            "changed column w.t: expected int NOT NULL, found bigint NOT NULL");
  EXPECT_EQ(DriftSummary(d.items, 1), "extra column w.note: varchar(10) NULL; and 2 more");
  EXPECT_EQ(DriftListing("Dashboard", d),
            "Drift of Dashboard at version 11: 2 differences, 1 accepted\n"
            "  extra column w.note: varchar(10) NULL\n"
            "  accepted: missing index w.ix: (a)\n"
            "  changed column w.t: expected int NOT NULL, found bigint NOT "
            "NULL\n");
  DriftInfo unknown;
  unknown.not_known = "the plugin carries no expected schema for sqlite";
  EXPECT_EQ(DriftListing("Journal", unknown),
            "Drift of Journal: not known (the plugin carries no expected "
            "schema for sqlite)\n");
}

TEST(DriftReportTest, JsonListsDriftAndAcceptedApart) {
  JsonWriter j;
  j.BeginObject();
  WriteDriftJson(j, Sample());
  j.EndObject();
  EXPECT_EQ(j.str(), R"j({"drift":[{"object":"column w.note","kind":"extra",)j"
                     R"j("expected":null,"actual":"varchar(10) NULL"},)j"
                     R"j({"object":"column w.t","kind":"changed","expected":)j"
                     R"j("int NOT NULL","actual":"bigint NOT NULL"}],)j"
                     R"j("drift_accepted":[{"object":"index w.ix","kind":"missing",)j"
                     R"j("expected":"(a)","actual":null}],"drift_reason":null})j");
  JsonWriter none;
  none.BeginObject();
  DriftInfo unknown;
  unknown.not_known = "why";
  WriteDriftJson(none, unknown);
  none.EndObject();
  EXPECT_EQ(none.str(), R"j({"drift":null,"drift_accepted":null,"drift_reason":"why"})j");
}

}  // namespace
}  // namespace aos::report
