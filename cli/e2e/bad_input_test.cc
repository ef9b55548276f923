// Mistakes of the operator, on the command line and in the config: each is
// said plainly, and a usage or configuration error (exit 2) runs nothing, so
// no database is touched. A password never appears in any output, with or
// without --verbose.
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/e2e/migrate_fixture.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::e2e {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

class BadInputTest : public MigrateTest {
 protected:
  // Every shipped module's database is as SetUp() made it: no table at all
  // (no migrate_version, no history, no lock).
  void ExpectNothingTouched() {
    for (const std::string& m : ShippedModules()) {
      EXPECT_THAT(Tables(m), IsEmpty()) << m << "'s database was touched";
    }
  }

  // A usage or configuration error: exit 2, the message on stderr, the
  // report never started.
  void ExpectUsageError(const testing::CommandResult& r,
                        const std::string& message) {
    EXPECT_EQ(r.signal, 0) << r.err;
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_THAT(r.err, StartsWith("aos-db-migrate: error: "));
    EXPECT_THAT(r.err, HasSubstr(message));
    EXPECT_THAT(r.out, IsEmpty());
  }

  // The number of connection attempts the server has seen, this query's
  // own included.
  int64_t ServerConnections() {
    absl::StatusOr<std::vector<std::string>> rows =
        server_->Query("SHOW GLOBAL STATUS LIKE 'Connections'");
    EXPECT_TRUE(rows.ok()) << rows.status();
    int64_t n = -1;
    if (rows.ok() && rows->size() == 1) {
      std::string value = (*rows)[0].substr((*rows)[0].find('\t') + 1);
      EXPECT_TRUE(absl::SimpleAtoi(value, &n)) << (*rows)[0];
    }
    return n;
  }
};

// --- Module names -----------------------------------------------------------

TEST_F(BadInputTest, UnknownModuleNamesItAndListsTheAvailableOnes) {
  std::string config = Config(PluginDir());
  testing::CommandResult r = Migrate(config, {"-n", "dashboard", "dashbaord"});
  ExpectUsageError(r, absl::StrCat("unknown module 'dashbaord'; available "
                                   "modules: ",
                                   absl::StrJoin(ShippedModules(), ", ")));
  ExpectNothingTouched();  // not even dashboard, which was named correctly
}

TEST_F(BadInputTest, NamesFlagWithoutNames) {
  std::string config = Config(PluginDir());
  ExpectUsageError(Migrate(config, {"-n"}),
                   "-n/--names needs at least one module name");
  ExpectUsageError(Migrate(config, {"--names", "--verbose"}),
                   "-n/--names needs at least one module name");
  ExpectNothingTouched();
}

TEST_F(BadInputTest, RepeatedNamesRunOnce) {
  std::string config = Config(PluginDir());
  testing::CommandResult r = Migrate(
      config, {"-n", "dashboard", "journal", "dashboard", "-n", "journal"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out,
              StartsWith("Running db migrate for: dashboard, journal\n"));
  std::vector<ReportRow> rows = ParseReport(r.out);
  ASSERT_EQ(rows.size(), 2u) << r.out;
  EXPECT_EQ(rows[0].name, "Dashboard");
  EXPECT_EQ(rows[0].result, "0 -> 11");
  EXPECT_EQ(rows[1].name, "Journal");
  EXPECT_EQ(rows[1].result, "0 -> 5");
  // Each step applied exactly once.
  EXPECT_THAT(QueryDb("dashboard",
                      "SELECT version FROM aos_migration_history WHERE "
                      "direction = 'upgrade' GROUP BY version HAVING "
                      "COUNT(*) <> 1"),
              IsEmpty());
}

// --- --migration
// --------------------------------------------------------------

TEST_F(BadInputTest, MigrationNeedsExactlyOneModule) {
  std::string config = Config(PluginDir());
  ExpectUsageError(
      Migrate(config, {"-n", "dashboard", "journal", "--migration", "3"}),
      "--migration applies to exactly one module, named with -n");
  ExpectUsageError(Migrate(config, {"--migration", "3"}),
                   "--migration applies to exactly one module, named with -n");
  ExpectNothingTouched();
}

TEST_F(BadInputTest, MigrationVersionMustBeAWholeNumber) {
  std::string config = Config(PluginDir());
  for (const std::string& bad : {"abc", "-1", "1.5", "+3", "3x", "", " 3"}) {
    SCOPED_TRACE(absl::StrCat("--migration '", bad, "'"));
    ExpectUsageError(Migrate(config, {"-n", "dashboard", "--migration", bad}),
                     absl::StrCat("--migration takes a version number (a "
                                  "whole number, 0 or more), not '",
                                  bad, "'"));
  }
  ExpectUsageError(Migrate(config, {"-n", "dashboard", "--migration=-2"}),
                   "not '-2'");
  ExpectUsageError(Migrate(config, {"-n", "dashboard", "--migration"}),
                   "option '--migration' needs a value");
  ExpectNothingTouched();
}

TEST_F(BadInputTest, VersionTheModuleDoesNotHaveFailsListingItsVersions) {
  std::string config = Config(PluginDir());
  PrepareAt(config, "dashboard", 5);
  for (bool verbose : {false, true}) {
    std::vector<std::string> args = {"-n", "dashboard", "--migration", "99"};
    if (verbose) args.push_back("--verbose");
    testing::CommandResult r = Migrate(config, args);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    std::optional<ReportRow> row = FindRow(r.out, "Dashboard");
    ASSERT_TRUE(row.has_value()) << r.out;
    EXPECT_EQ(row->status, "FAIL");
    // Said plainly in both modes: the operator's mistake, not the database's.
    EXPECT_THAT(row->result,
                HasWrappedSubstr("version 99 does not exist for dashboard (it "
                                 "has 0, 1..11)"));
  }
  EXPECT_EQ(RecordedVersion("dashboard"), "5");
}

TEST_F(BadInputTest, ListCannotBeCombinedWithMigration) {
  std::string config = Config(PluginDir());
  ExpectUsageError(
      Migrate(config, {"--list", "-n", "dashboard", "--migration", "3"}),
      "--list only lists; it cannot be combined with -n, --migration or "
      "--mark-version");
  testing::CommandResult r = Migrate(config, {"-l", "--migration", "3"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_THAT(r.out, IsEmpty());
  ExpectNothingTouched();
}

TEST_F(BadInputTest, HelpExitsZeroAndRunsNothing) {
  std::string config = Config(PluginDir());
  for (const char* flag : {"--help", "-h"}) {
    testing::CommandResult r = Migrate(config, {flag});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, StartsWith("usage: openstack aos db migrate [-h] [-l]"));
    EXPECT_THAT(r.out, HasSubstr("--migration MIGRATION_VERSION"));
    EXPECT_THAT(r.err, IsEmpty());
  }
  ExpectNothingTouched();
}

TEST_F(BadInputTest, UnknownOptionIsAUsageError) {
  std::string config = Config(PluginDir());
  ExpectUsageError(Migrate(config, {"--verbos"}), "unknown option '--verbos'");
  ExpectUsageError(Migrate(config, {"dashboard"}),
                   "unexpected argument 'dashboard'");
  ExpectNothingTouched();
}

// --- The config
// ---------------------------------------------------------------

TEST_F(BadInputTest, MissingConfigFile) {
  std::string missing = testing::NewTempDir("noconfig.") + "/db-migrate.conf";
  testing::CommandResult r = Migrate(missing, {"-n", "dashboard"});
  ExpectUsageError(
      r, absl::StrCat("cannot read ", missing, ": No such file or directory"));
  ExpectNothingTouched();
}

TEST_F(BadInputTest, ConfigSyntaxErrorNamesFileAndLine) {
  std::string dir = PluginDir();
  std::string config = WriteConfig(absl::StrCat(
      "[DEFAULT]\nplugin_dir = ", dir, "\nthis line has no equals sign\n",
      "[dashboard]\nconnection = ", Url("dashboard"), "\n"));
  testing::CommandResult r = Migrate(config, {"-n", "dashboard"});
  ExpectUsageError(r, absl::StrCat(config,
                                   ":3: expected 'key = value' or "
                                   "'[section]', found 'this line has no "
                                   "equals sign'"));
  ExpectNothingTouched();
}

// A connection that cannot be parsed is a configuration error: exit 2 and
// nothing run, not even the modules whose connection is fine.
TEST_F(BadInputTest, UnparsableUrlRunsNothing) {
  const std::string password = "Pw-In-Bad-Url-7731";
  std::string config = ConfigWith(
      PluginDir(),
      {{"dashboard", absl::StrCat("mysql+pymysql://root:", password,
                                  "@127.0.0.1:notaport/", Db("dashboard"))}});
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{
           {"-n", "journal", "dashboard"},
           {"-n", "journal", "dashboard", "-v"},
           {}}) {
    SCOPED_TRACE(absl::StrJoin(args, " "));
    testing::CommandResult r = Migrate(config, args);
    ExpectUsageError(r, absl::StrCat(config,
                                     " [dashboard] connection: "
                                     "invalid database URL"));
    EXPECT_THAT(r.err, HasSubstr("port 'notaport' is not a number from 1 to "
                                 "65535"));
    EXPECT_THAT(r.err + r.out, Not(HasSubstr(password)));
  }
  ExpectNothingTouched();

  std::string no_scheme =
      ConfigWith(PluginDir(), {{"dashboard", "root@127.0.0.1/dashboard"}});
  ExpectUsageError(Migrate(no_scheme, {"-n", "journal", "dashboard"}),
                   "invalid database URL: expected dialect[+driver]://");
  ExpectNothingTouched();
}

TEST_F(BadInputTest, UnsupportedDialectRunsNothing) {
  std::string config = ConfigWith(
      PluginDir(),
      {{"dashboard", "oracle://scott:tiger@127.0.0.1:1521/dashboard"}});
  testing::CommandResult r = Migrate(config, {"-n", "dashboard", "journal"});
  ExpectUsageError(r, absl::StrCat(config,
                                   " [dashboard] connection: "
                                   "unsupported database dialect 'oracle' "
                                   "(supported: mysql, postgresql, sqlite)"));
  EXPECT_THAT(r.err, Not(HasSubstr("tiger")));
  ExpectNothingTouched();
}

// --- Passwords
// ----------------------------------------------------------------

TEST_F(BadInputTest, PasswordNeverShownWhenTheServerIsDown) {
  const std::string password = "Xq7-PaSsW0rd-Zz91";
  std::string config = ConfigWith(
      PluginDir(),
      {{"dashboard", absl::StrCat("mysql+pymysql://root:", password,
                                  "@127.0.0.1:", testing::FreePort(), "/",
                                  Db("dashboard"), "?charset=utf8")}});
  for (bool verbose : {false, true}) {
    std::vector<std::string> args = {"-n", "dashboard"};
    if (verbose) args.push_back("--verbose");
    testing::CommandResult r = Migrate(config, args);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    std::optional<ReportRow> row = FindRow(r.out, "Dashboard");
    ASSERT_TRUE(row.has_value()) << r.out;
    EXPECT_EQ(row->status, "FAIL");
    if (verbose) {
      EXPECT_THAT(row->result, HasWrappedSubstr("(2002)"));  // cannot connect
    } else {
      EXPECT_EQ(row->result,
                "Unknown DB Error. Please contact your administrator.");
    }
    EXPECT_THAT(r.out, Not(HasSubstr(password)));
    EXPECT_THAT(r.err, Not(HasSubstr(password)));
    EXPECT_THAT(WithoutBlanks(r.out), Not(HasSubstr(password)));
  }
}

TEST_F(BadInputTest, PasswordNeverShownWhenItIsWrong) {
  ASSERT_TRUE(server_
                  ->Execute("CREATE USER IF NOT EXISTS 'aos_dash'@'%' "
                            "IDENTIFIED BY 'the-right-one'; GRANT ALL ON *.* "
                            "TO 'aos_dash'@'%'")
                  .ok());
  const std::string password = "Wr0ng-PaSsW0rd-Zz17";
  std::string config = ConfigWith(
      PluginDir(),
      {{"dashboard", absl::StrCat("mysql+pymysql://aos_dash:", password,
                                  "@127.0.0.1:", server_->port(), "/",
                                  Db("dashboard"), "?charset=utf8")}});
  for (bool verbose : {false, true}) {
    std::vector<std::string> args = {"-n", "dashboard"};
    if (verbose) args.push_back("--verbose");
    testing::CommandResult r = Migrate(config, args);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    std::optional<ReportRow> row = FindRow(r.out, "Dashboard");
    ASSERT_TRUE(row.has_value()) << r.out;
    EXPECT_EQ(row->status, "FAIL");
    if (verbose) {
      // Access denied (1045), to the user of the URL.
      EXPECT_THAT(row->result, AllOf(HasWrappedSubstr("(1045)"),
                                     HasWrappedSubstr("'aos_dash'")));
    }
    EXPECT_THAT(r.out, Not(HasSubstr(password)));
    EXPECT_THAT(r.err, Not(HasSubstr(password)));
    EXPECT_THAT(WithoutBlanks(r.out), Not(HasSubstr(password)));
  }
  EXPECT_THAT(Tables("dashboard"), IsEmpty());
}

// A password holding ';', '=' and blanks, the separators of a "key=value;"
// connection string, reaches the server exactly as written: ";user=root"
// must not log in as root (who has no password here), and the password that
// works must not be shown.
TEST_F(BadInputTest, PasswordWithSeparatorsIsPassedExactly) {
  ASSERT_TRUE(server_
                  ->Execute("CREATE USER IF NOT EXISTS 'aos_semi'@'%' "
                            "IDENTIFIED BY ' pa;ss=word; '; GRANT ALL ON *.* "
                            "TO 'aos_semi'@'%'")
                  .ok());
  auto config_with = [&](absl::string_view encoded_password) {
    return ConfigWith(
        PluginDir(),
        {{"dashboard",
          absl::StrCat("mysql+pymysql://aos_semi:", encoded_password, "@",
                       "127.0.0.1:", server_->port(), "/", Db("dashboard"),
                       "?charset=utf8")}});
  };
  // ";user=root": the password of nobody.
  testing::CommandResult wrong =
      Migrate(config_with("%3Buser%3Droot"), {"-n", "dashboard", "--verbose"});
  EXPECT_EQ(wrong.exit_code, 1) << wrong.out << wrong.err;
  std::optional<ReportRow> row = FindRow(wrong.out, "Dashboard");
  ASSERT_TRUE(row.has_value()) << wrong.out;
  EXPECT_EQ(row->status, "FAIL");
  EXPECT_THAT(row->result, AllOf(HasWrappedSubstr("(1045)"),
                                 HasWrappedSubstr("'aos_semi'")));
  EXPECT_THAT(wrong.out + wrong.err, Not(HasSubstr("user=root")));
  EXPECT_THAT(Tables("dashboard"), IsEmpty());

  // " pa;ss=word; ": the right one, blanks and all.
  testing::CommandResult right =
      Migrate(config_with("%20pa%3Bss%3Dword%3B%20"), {"-n", "dashboard"});
  EXPECT_EQ(right.exit_code, 0) << right.out << right.err;
  EXPECT_THAT(right.out + right.err, Not(HasSubstr("pa;ss")));
  EXPECT_THAT(Tables("dashboard"), Not(IsEmpty()));
}

}  // namespace
}  // namespace aos::e2e
