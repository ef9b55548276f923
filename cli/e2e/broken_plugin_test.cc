// What the tool does with a broken plugin (testdata/broken_plugins/): each
// one sits in a plugin directory beside the real Dashboard plugin. The broken
// module must be a FAIL row saying what is wrong (naming the file when the
// plugin cannot be loaded), Dashboard must still migrate 0 -> 11, the exit
// status must be 1, and aos-db-migrate itself must not crash, whatever the
// plugin's code does in its own process.
#include <sys/resource.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "cli/e2e/migrate_fixture.h"
#include "core/abi/aos_migration_abi.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kDashboardPlugin[] = "plugins/dashboard/libdashboard.so";

std::string Broken(const std::string& file) {
  return "testdata/broken_plugins/" + file;
}

struct BrokenCase {
  std::string test_name;
  std::vector<std::string> files;  // runfiles paths of the plugin's file(s)
  std::string module_id;           // as the run header names it
  std::string row;                 // its Module name in the report
  std::vector<std::string> flags;  // e.g. --verbose for masked failures
  // Parts of the row's Result; "{dir}" stands for the plugin directory.
  std::vector<std::string> expected;
  // The module's recorded version afterwards ("": none, database untouched).
  std::string recorded;
  // The plugin's process dies: the next run must find the step interrupted.
  bool crashes = false;
};

void PrintTo(const BrokenCase& c, std::ostream* os) { *os << c.test_name; }

std::vector<BrokenCase> Cases() {
  const std::string abi_host =
      absl::StrCat(AOS_MIGRATION_ABI_MAJOR, ".", AOS_MIGRATION_ABI_MINOR);
  return {
      {"NotAnElfFile",
       {Broken("libnotelf.so")},
       "notelf",
       "notelf",
       {},
       {"{dir}/libnotelf.so: cannot load: {dir}/libnotelf.so: invalid ELF "
        "header"}},
      {"NoEntrySymbol",
       {Broken("libnoentry.so")},
       "noentry",
       "noentry",
       {},
       {"{dir}/libnoentry.so: no entry symbol aos_migration_plugin_describe; "
        "not an aos-db-migrate plugin"}},
      {"WrongMagic",
       {Broken("libbadmagic.so")},
       "badmagic",
       "badmagic",
       {},
       {"{dir}/libbadmagic.so: bad magic 0xdeadbeef (expected 0x414f534d): "
        "not an aos-db-migrate plugin"}},
      {"AbiMajorMismatch",
       {Broken("libabimajor.so")},
       "abimajor",
       "abimajor",
       {},
       {absl::StrCat("{dir}/libabimajor.so: built for ABI 2.",
                     AOS_MIGRATION_ABI_MINOR,
                     ", this aos-db-migrate speaks ABI ", abi_host,
                     " (the major version must match)")}},
      {"DescriptorSmallerThanMinimum",
       {Broken("libsmallstruct.so")},
       "smallstruct",
       "smallstruct",
       {},
       {absl::StrCat("{dir}/libsmallstruct.so: descriptor struct_size 16 is "
                     "smaller than the oldest supported (",
                     AOS_MIGRATION_DESCRIPTOR_MIN_SIZE, ")")}},
      {"MissingModuleId",
       {Broken("libnoid.so")},
       "noid",
       "noid",
       {},
       {"{dir}/libnoid.so: module_id is missing"}},
      {"InvalidModuleId",
       {Broken("libbadid.so")},
       "badid",
       "badid",
       {},
       {"{dir}/libbadid.so: module_id 'Bad-Id' is invalid (expected "
        "[a-z][a-z0-9_]*"}},
      {"DuplicateVersions",
       {Broken("libdupversions.so")},
       "dupversions",
       "dupversions",
       {},
       {"{dir}/libdupversions.so: version 2 is declared twice"}},
      {"UnsortedVersions",
       {Broken("libunsorted.so")},
       "unsorted",
       "unsorted",
       {},
       {"{dir}/libunsorted.so: versions are not in increasing order: 2 comes "
        "after 3"}},
      {"NonPositiveVersion",
       {Broken("libnonpositive.so")},
       "nonpositive",
       "nonpositive",
       {},
       {"{dir}/libnonpositive.so: migration #1 (version 0): versions must be "
        "positive"}},
      {"TwoFilesClaimOneModule",
       {Broken("libtwin_a.so"), Broken("libtwin_b.so")},
       "twin",
       "twin",
       {},
       {"module 'twin' is claimed by 2 files ({dir}/libtwin_a.so, "
        "{dir}/libtwin_b.so); remove all but one"}},
      {"CodeStepReturnsAnError",
       {Broken("libcodeerror.so")},
       "codeerror",
       "CodeError",
       {"--verbose"},
       {"Error while applying migration 1 -> 2 (check owners), database left "
        "at 1: the code step failed: codeerror_items holds 1 row without an "
        "owner; assign owners first"},
       "1"},
      {"CodeStepThrows",
       {Broken("libcodethrow.so")},
       "codethrow",
       "CodeThrow",
       {"--verbose"},
       {"Error while applying migration 1 -> 2 (backfill items), database "
        "left at 1: the code step failed: codethrow_items has 3 orphan rows; "
        "cannot backfill"},
       "1"},
      {"CodeStepDatabaseError",
       {Broken("libcodedberror.so")},
       "codedberror",
       "CodeDbError",
       {"--verbose"},
       {"Error while applying migration 1 -> 2 (backfill items), database "
        "left at 1: (1146) Table",
        "codedberror_missing' doesn't exist"},
       "1"},
      {"CodeStepSegfaults",
       {Broken("libcodesegv.so")},
       "codesegv",
       "CodeSegv",
       {"--verbose"},
       {"the codesegv plugin's process crashed with signal 11 (SIGSEGV) while "
        "upgrading 1 -> 2 (backfill items); the database keeps the last "
        "recorded version"},
       "1",
       true},
      {"CodeStepAborts",
       {Broken("libcodeabort.so")},
       "codeabort",
       "CodeAbort",
       {"--verbose"},
       {"the codeabort plugin's process crashed with signal 6 (SIGABRT) while "
        "upgrading 1 -> 2 (backfill items); the database keeps the last "
        "recorded version"},
       "1",
       true},
      {"SqlStepFailsMidway",
       {Broken("midway/libmidway.so")},
       "midway",
       "Midway",
       {"--verbose"},
       {"Error while applying migration 1 -> 2 (add item details), database "
        "left at 1: statement 2 of 3 (line 7): (1054) Unknown column "
        "'no_such_column' in 'midway_items'"},
       "1"},
  };
}

class BrokenPluginTest : public MigrateTest,
                         public ::testing::WithParamInterface<BrokenCase> {
 protected:
  void SetUp() override {
    MigrateTest::SetUp();
    // A crashing plugin must not leave core files in the runfiles.
    rlimit no_core{0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
  }
};

TEST_P(BrokenPluginTest, FailsAloneAndDashboardStillMigrates) {
  const BrokenCase& c = GetParam();
  AddModules({c.module_id});
  std::vector<std::string> files = c.files;
  files.push_back(kDashboardPlugin);
  std::string dir = PluginDir(files);
  std::string config = Config(dir);

  testing::CommandResult r = Migrate(config, c.flags);

  EXPECT_EQ(r.signal, 0) << "aos-db-migrate itself crashed\n" << r.out << r.err;
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::vector<std::string> ids = {c.module_id, "dashboard"};
  std::sort(ids.begin(), ids.end());
  EXPECT_THAT(r.out, HasSubstr(absl::StrCat("Running db migrate for: ",
                                            absl::StrJoin(ids, ", "), "\n")));
  EXPECT_EQ(ParseReport(r.out).size(), 2u) << r.out;

  std::optional<ReportRow> broken = FindRow(r.out, c.row);
  ASSERT_TRUE(broken.has_value()) << "no row '" << c.row << "' in:\n" << r.out;
  EXPECT_EQ(broken->status, "FAIL") << r.out;
  for (const std::string& part : c.expected) {
    const std::string want = absl::StrReplaceAll(part, {{"{dir}", dir}});
    EXPECT_THAT(broken->result, HasWrappedSubstr(want)) << r.out;
    // Said once, not once per file that caused it.
    const std::string text = WithoutBlanks(broken->result);
    const std::string needle = WithoutBlanks(want);
    size_t first = text.find(needle);
    EXPECT_TRUE(first == std::string::npos ||
                text.find(needle, first + 1) == std::string::npos)
        << "said twice: " << want << "\n" << r.out;
  }

  std::optional<ReportRow> dashboard = FindRow(r.out, "Dashboard");
  ASSERT_TRUE(dashboard.has_value()) << r.out;
  EXPECT_EQ(dashboard->status, "OK") << r.out;
  EXPECT_EQ(dashboard->result, "0 -> 11") << r.out;
  EXPECT_EQ(RecordedVersion("dashboard"), "11");

  EXPECT_EQ(RecordedVersion(c.module_id), c.recorded);
  if (c.recorded.empty()) {
    EXPECT_THAT(Tables(c.module_id), ::testing::IsEmpty())
        << "a plugin that cannot be loaded must not touch its database";
  }

  if (c.crashes) {
    // The dead process's lease on the module's lock names this host and a
    // process that is gone: the next run takes it over at once (no wait for
    // the lease to expire) and says that the step started and never
    // finished; it applies nothing, while Dashboard has nothing left to do.
    testing::CommandResult again = Migrate(config, {});
    EXPECT_EQ(again.signal, 0) << again.out << again.err;
    EXPECT_EQ(again.exit_code, 1) << again.out << again.err;
    std::optional<ReportRow> row = FindRow(again.out, c.row);
    ASSERT_TRUE(row.has_value()) << again.out;
    EXPECT_EQ(row->status, "FAIL");
    EXPECT_THAT(row->result,
                HasWrappedSubstr("the upgrade of migration 2 started at"));
    EXPECT_THAT(row->result,
                HasWrappedSubstr("and never finished: 0 of 1 statements ran"));
    EXPECT_EQ(RecordedVersion(c.module_id), "1");
    std::optional<ReportRow> dash = FindRow(again.out, "Dashboard");
    ASSERT_TRUE(dash.has_value()) << again.out;
    EXPECT_EQ(dash->status, "OK");
    EXPECT_EQ(dash->result, "No changes");
  }
}

INSTANTIATE_TEST_SUITE_P(Plugins, BrokenPluginTest,
                         ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<BrokenCase>& info) {
                           return info.param.test_name;
                         });

using BrokenPluginRunTest = MigrateTest;

// Without --verbose, a database failure inside a step (SQL or code) shows the
// spec's "Unknown DB Error", never the server's words.
TEST_F(BrokenPluginRunTest, DatabaseFailuresAreMaskedWithoutVerbose) {
  AddModules({"codedberror", "midway"});
  std::string config =
      Config(PluginDir({Broken("libcodedberror.so"),
                        Broken("midway/libmidway.so"), kDashboardPlugin}));
  testing::CommandResult r = Migrate(config, {});
  EXPECT_EQ(r.signal, 0) << r.out << r.err;
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  for (const char* name : {"CodeDbError", "Midway"}) {
    std::optional<ReportRow> row = FindRow(r.out, name);
    ASSERT_TRUE(row.has_value()) << name << " missing in:\n" << r.out;
    EXPECT_EQ(row->status, "FAIL");
    EXPECT_EQ(row->result,
              "Unknown DB Error. Please contact your administrator.");
  }
  EXPECT_THAT(r.out, Not(HasSubstr("(1146)")));
  EXPECT_THAT(r.out, Not(HasSubstr("(1054)")));
  std::optional<ReportRow> dashboard = FindRow(r.out, "Dashboard");
  ASSERT_TRUE(dashboard.has_value()) << r.out;
  EXPECT_EQ(dashboard->status, "OK");
  EXPECT_EQ(dashboard->result, "0 -> 11");
}

// A failure mid-way through a step keeps the versions before it: version 1
// stays recorded, the statement before the bad one ran (MySQL DDL commits at
// once), the one after it did not.
TEST_F(BrokenPluginRunTest, MidwayFailureLeavesVersionOne) {
  AddModules({"midway"});
  std::string config = Config(PluginDir({Broken("midway/libmidway.so")}));
  testing::CommandResult r = Migrate(config, {"-n", "midway", "--verbose"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::optional<ReportRow> row = FindRow(r.out, "Midway");
  ASSERT_TRUE(row.has_value()) << r.out;
  EXPECT_THAT(row->result, HasWrappedSubstr("database left at 1"));
  EXPECT_EQ(RecordedVersion("midway"), "1");
  EXPECT_THAT(
      Tables("midway"),
      ::testing::AllOf(::testing::Contains("midway_items"),
                       ::testing::Contains("midway_item_details"),
                       Not(::testing::Contains("midway_never_created"))));
  EXPECT_THAT(QueryDb("midway",
                      "SELECT version, outcome, statements_done, "
                      "statements_total FROM aos_migration_history "
                      "ORDER BY id"),
              ::testing::ElementsAre("1\tok\t1\t1", "2\tfailed\t1\t3"));
}

}  // namespace
}  // namespace aos::e2e
