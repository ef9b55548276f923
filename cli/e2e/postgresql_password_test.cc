// A PostgreSQL password is delivered exactly, whatever it holds: spaces
// (which Poco's connector would split the connection string at), quotes,
// backslashes, colons; checked against a server that asks for it
// (scram-sha-256), through the built binary and a shipped plugin.
#include <sys/stat.h>

#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/postgresql_fixture.h"
#include "cli/e2e/process_helpers.h"
#include "cli/e2e/report_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tools/testing/postgresql_server.h"

namespace aos::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The password as the server knows it, and as a URL carries it.
constexpr char kPassword[] = "a b'c\\d:e f";
constexpr char kEncoded[] = "a%20b%27c%5Cd%3Ae%20f";

class PostgresqlPasswordTest : public PostgresqlSuite<> {
 protected:
  static void SetUpTestSuite() {
    PostgresqlSuite::SetUpTestSuite();
    if (pg_ == nullptr) return;
    // Password authentication for pwuser over TCP, trust for the rest.
    std::ofstream(pg_->data_dir() + "/pg_hba.conf", std::ios::trunc)
        << "host all pwuser 127.0.0.1/32 scram-sha-256\n"
        << "local all all trust\n"
        << "host all all 127.0.0.1/32 trust\n";
    (void)pg_->Execute("SELECT pg_reload_conf()");
    (void)pg_->Execute(
        "CREATE ROLE pwuser LOGIN PASSWORD 'a b''c\\d:e f'");
    (void)pg_->Execute("CREATE DATABASE pwdb OWNER pwuser");
  }
  static testing::CommandResult RunAosDbMigrate(
      std::vector<std::string> args) {
    args.insert(args.begin(), testing::Runfile("cli/aos-db-migrate"));
    return RunCommandOrFail(args);
  }

  std::string ConfigFor(const std::string& password) {
    const std::string path = testing::NewTempDir("pgconf.") + "/db-migrate.conf";
    std::ofstream(path) << absl::StrCat(
        "[DEFAULT]\nplugin_dir = ", NewPluginDir({ShippedPlugin("journal")}),
        "\n[journal]\nconnection = postgresql://pwuser:", password,
        "@127.0.0.1:", pg_->port(), "/pwdb\n");
    chmod(path.c_str(), 0600);
    return path;
  }

};

TEST_F(PostgresqlPasswordTest, APasswordWithSpacesQuotesAndColonsConnects) {
  ASSERT_TRUE(pg_->Query("SELECT 1").ok()) << "the server did not start";
  testing::CommandResult r =
      RunAosDbMigrate({"--config", ConfigFor(kEncoded), "-n", "journal", "-v"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::optional<ReportRow> row = FindRow(r.out, "Journal");
  ASSERT_TRUE(row.has_value()) << r.out << r.err;
  EXPECT_EQ(row->result, "0 -> 5");
  // No password file is left behind.
  EXPECT_THAT(testing::RunCommand({"sh", "-c", "ls -d /tmp/aos-pgpass.* 2>/dev/null"}).out,
              Not(HasSubstr("aos-pgpass")));
}

TEST_F(PostgresqlPasswordTest, AWrongPasswordWithASpaceIsAccessDenied) {
  ASSERT_TRUE(pg_->Query("SELECT 1").ok()) << "the server did not start";
  testing::CommandResult r = RunAosDbMigrate(
      {"--config", ConfigFor("zq%20xw"), "-n", "journal", "-f", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  nlohmann::json doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["modules"][0]["category"], "access_denied") << r.out;
  EXPECT_THAT(r.out, Not(HasSubstr("zq")));
  EXPECT_THAT(r.out, Not(HasSubstr("aos-pgpass")));
}

}  // namespace
}  // namespace aos::e2e
