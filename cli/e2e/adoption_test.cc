// Adoption of databases the earlier Python tooling versioned: a database
// brought to version N by the real sqlalchemy-migrate (Debian's
// python3-migrate, over PyMySQL), with the plugin's repository_id, is
// continued from N: only the later steps run, its migrate_version row is
// updated in place, and nothing is re-created (its rows survive).
//
// The sqlalchemy-migrate repository is written by the test: migrate.cfg and
// one versions/NNN_*.py script per Dashboard migration whose
// upgrade(migrate_engine) executes that version's statements, as the plugin
// splits them (taken from `aos-db-migrate --dry-run -f json` on an empty
// scratch database).
#include <sys/stat.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/report_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace aos::e2e {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// Debian's interpreter: python3-migrate and python3-pymysql install there
// (another python3 earlier on PATH may not have them).
constexpr char kPython[] = "/usr/bin/python3";

constexpr char kMarkerUuid[] = "11111111-2222-3333-4444-555555555555";

class AdoptionTest : public MigrateTest {
 protected:
  void SetUp() override {
    MigrateTest::SetUp();
    testing::CommandResult probe = RunCommandOrFail(
        {kPython, "-c", "import migrate.versioning.api, pymysql"});
    ASSERT_EQ(probe.exit_code, 0)
        << "sqlalchemy-migrate is missing: install python3-migrate and "
           "python3-pymysql (tools/setup)\n"
        << probe.err;
  }

  // The URL sqlalchemy-migrate is given for a database of this test.
  std::string PyMysqlUrl(const std::string& module) {
    return absl::StrCat("mysql+pymysql://root@127.0.0.1:", server_->port(), "/",
                        Db(module), "?charset=utf8");
  }

  // The Dashboard plugin's statements per version, as JSON, from a dry run
  // of the tool on an empty scratch database (which stays empty).
  std::string DashboardStatements() {
    EXPECT_TRUE(server_
                           ->Execute(absl::StrCat(
                               "DROP DATABASE IF EXISTS ", Db("scratch"),
                               "; CREATE DATABASE ", Db("scratch")))
                           .ok());
    std::string config =
        ConfigWith(PluginDir({"plugins/dashboard/libdashboard.so"}),
                   {{"dashboard", Url("scratch")}});
    testing::CommandResult r =
        Migrate(config, {"--dry-run", "-n", "dashboard", "-f", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    absl::StatusOr<Json> doc = ParseJson(r.out);
    EXPECT_TRUE(doc.ok()) << doc.status() << " in:\n" << r.out;
    if (doc.ok()) {
      const Json& steps = doc->at("modules").at(0).at("steps");
      EXPECT_EQ(JsonArray(steps).size(), 11u) << r.out;
      for (size_t i = 0; i < JsonArray(steps).size(); ++i) {
        EXPECT_EQ(JsonInt(steps.at(i).at("version")),
                  static_cast<int64_t>(i + 1));
        EXPECT_EQ(JsonString(steps.at(i).at("direction")), "upgrade");
        EXPECT_FALSE(JsonArray(steps.at(i).at("statements")).empty());
      }
    }
    EXPECT_THAT(Tables("scratch"), IsEmpty());
    std::string path = testing::NewTempDir("statements.") + "/dashboard.json";
    testing::WriteFile(path, r.out);
    return path;
  }

  // A sqlalchemy-migrate repository with `repository_id` whose versions
  // 1..11 run the Dashboard plugin's statements of that version.
  std::string MakeRepository(const std::string& repository_id,
                             const std::string& statements_json) {
    std::string repo = testing::NewTempDir("sqla_repo.");
    testing::WriteFile(repo + "/__init__.py", "");
    testing::WriteFile(
        repo + "/migrate.cfg",
        absl::StrCat("[db_settings]\nrepository_id=", repository_id,
                     "\nversion_table=migrate_version\nrequired_dbs=[]\n"
                     "use_timestamp_numbering=False\n"));
    mkdir((repo + "/versions").c_str(), 0755);
    testing::WriteFile(repo + "/versions/__init__.py", "");
    for (int v = 1; v <= 11; ++v) {
      testing::WriteFile(
          absl::StrFormat("%s/versions/%03d_dashboard_v%d.py", repo, v, v),
          absl::StrCat(
              "import json\n\n"
              "VERSION = ", v, "\n"
              "STATEMENTS = '", statements_json, "'\n\n\n"
              "def _statements():\n"
              "    with open(STATEMENTS) as f:\n"
              "        module = json.load(f)['modules'][0]\n"
              "    steps = [s for s in module['steps']\n"
              "             if s['version'] == VERSION and s['direction'] == 'upgrade']\n"
              "    if len(steps) != 1:\n"
              "        raise RuntimeError('no step %d in %s' % (VERSION, STATEMENTS))\n"
              "    return steps[0]['statements']\n\n\n"
              "def upgrade(migrate_engine):\n"
              "    with migrate_engine.begin() as conn:\n"
              "        for statement in _statements():\n"
              "            conn.exec_driver_sql(statement)\n\n\n"
              "def downgrade(migrate_engine):\n"
              "    raise NotImplementedError('only upgrades are used here')\n"));
    }
    return repo;
  }

  // Runs a sqlalchemy-migrate api snippet with url and repo as argv[1:3].
  testing::CommandResult SqlaMigrate(const std::string& code,
                                     const std::string& url,
                                     const std::string& repo,
                                     const std::vector<std::string>& args = {}) {
    std::vector<std::string> argv = {
        kPython, "-c",
        absl::StrCat("import sys\nfrom migrate.versioning import api\n"
                     "url, repo = sys.argv[1], sys.argv[2]\n",
                     code),
        url, repo};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommandOrFail(argv, {"PYTHONDONTWRITEBYTECODE=1"});
  }

  // version_control + upgrade to `version` with sqlalchemy-migrate.
  void VersionWithSqlalchemyMigrate(const std::string& module,
                                    const std::string& repo, int version) {
    testing::CommandResult r = SqlaMigrate(
        "api.version_control(url, repo)\n"
        "api.upgrade(url, repo, int(sys.argv[3]))\n"
        "print(api.db_version(url, repo))\n",
        PyMysqlUrl(module), repo, {std::to_string(version)});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    ASSERT_EQ(r.out, absl::StrCat(version, "\n")) << r.err;
  }

  std::string SqlaDbVersion(const std::string& module, const std::string& repo) {
    testing::CommandResult r =
        SqlaMigrate("print(api.db_version(url, repo))\n", PyMysqlUrl(module), repo);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return r.out;
  }

  std::vector<std::string> VersionRows(const std::string& module) {
    return QueryDb(module,
                   "SELECT repository_id, repository_path, version FROM "
                   "migrate_version ORDER BY repository_id");
  }

  // Rows only an application would have written.
  void InsertMarkerRows(const std::string& module) {
    ASSERT_TRUE(
        server_
            ->Execute(absl::StrCat(
                          "INSERT INTO dashboards (uuid, owner_user_id, "
                          "project_id, name, is_public) VALUES ('",
                          kMarkerUuid,
                          "', 'u-marker', 'p-marker', 'marker dashboard', 1); "
                          "INSERT INTO widgets (dashboard_id, widget_type, "
                          "title) SELECT id, 'quota_usage', 'marker widget' "
                          "FROM dashboards WHERE uuid = '",
                          kMarkerUuid, "'"),
                      Db(module))
            .ok());
  }

  void ExpectMarkerRowsSurvived(const std::string& module) {
    EXPECT_THAT(QueryDb(module, absl::StrCat("SELECT name FROM dashboards "
                                             "WHERE uuid = '",
                                             kMarkerUuid, "'")),
                ElementsAre("marker dashboard"));
    EXPECT_THAT(QueryDb(module, "SELECT title FROM widgets"),
                ElementsAre("marker widget"));
  }
};

TEST_F(AdoptionTest, ContinuesFromTheVersionSqlalchemyMigrateRecorded) {
  std::string repo = MakeRepository("dashboard", DashboardStatements());
  VersionWithSqlalchemyMigrate("dashboard", repo, 9);
  ASSERT_THAT(VersionRows("dashboard"),
              ElementsAre(absl::StrCat("dashboard\t", repo, "\t9")));
  const std::vector<std::string> tables_at_9 = Tables("dashboard");
  EXPECT_THAT(tables_at_9, Contains("widget_types"));
  EXPECT_THAT(tables_at_9, Not(Contains("dashboard_shares")));
  EXPECT_THAT(tables_at_9, Not(Contains("aos_migration_history")));
  InsertMarkerRows("dashboard");

  std::string config = Config(PluginDir());
  testing::CommandResult status = Migrate(config, {"--status", "-n", "dashboard"});
  EXPECT_EQ(status.exit_code, 0) << status.out << status.err;
  EXPECT_THAT(status.out, HasSubstr("| 1 | Dashboard   | 9       | 11     | 2 "))
      << status.out;

  testing::CommandResult r = Migrate(config, {"-n", "dashboard"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::optional<ReportRow> row = FindRow(r.out, "Dashboard");
  ASSERT_TRUE(row.has_value()) << r.out;
  EXPECT_EQ(row->status, "OK");
  EXPECT_EQ(row->result, "9 -> 11");

  // The same row, updated in place: repository_path is left as
  // sqlalchemy-migrate wrote it.
  EXPECT_THAT(VersionRows("dashboard"),
              ElementsAre(absl::StrCat("dashboard\t", repo, "\t11")));
  // Only steps 10 and 11 ran.
  EXPECT_THAT(QueryDb("dashboard",
                      "SELECT version, direction, outcome FROM "
                      "aos_migration_history ORDER BY id"),
              ElementsAre("10\tupgrade\tok", "11\tupgrade\tok"));
  // Nothing was re-created: the application's rows are there, and the
  // later steps carried them on (step 10 shares public dashboards, step 11
  // gives quota widgets a 300 s refresh).
  ExpectMarkerRowsSurvived("dashboard");
  EXPECT_THAT(QueryDb("dashboard",
                      "SELECT grantee_type, grantee_id, permission, created_by "
                      "FROM dashboard_shares"),
              ElementsAre("project\tp-marker\tview\tu-marker"));
  EXPECT_THAT(QueryDb("dashboard", "SELECT refresh_interval_s FROM widgets"),
              ElementsAre("300"));
  for (const std::string& t : tables_at_9) {
    EXPECT_THAT(Tables("dashboard"), Contains(t));
  }

  // The old tooling reads the version this tool recorded.
  EXPECT_EQ(SqlaDbVersion("dashboard", repo), "11\n");

  testing::CommandResult again = Migrate(config, {"-n", "dashboard"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  ASSERT_TRUE(FindRow(again.out, "Dashboard").has_value()) << again.out;
  EXPECT_EQ(FindRow(again.out, "Dashboard")->result, "No changes");
}

TEST_F(AdoptionTest, ContinuesFromAnEarlierVersionAndRollsBackWithinIt) {
  std::string repo = MakeRepository("dashboard", DashboardStatements());
  VersionWithSqlalchemyMigrate("dashboard", repo, 5);
  InsertMarkerRows("dashboard");  // widget_types exists only from 8 on
  std::string config = Config(PluginDir());

  testing::CommandResult r = Migrate(config, {"-n", "dashboard"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  ASSERT_TRUE(FindRow(r.out, "Dashboard").has_value()) << r.out;
  EXPECT_EQ(FindRow(r.out, "Dashboard")->result, "5 -> 11");
  EXPECT_THAT(VersionRows("dashboard"),
              ElementsAre(absl::StrCat("dashboard\t", repo, "\t11")));
  std::vector<std::string> steps = QueryDb(
      "dashboard",
      "SELECT version FROM aos_migration_history ORDER BY id");
  EXPECT_THAT(steps, ElementsAre("6", "7", "8", "9", "10", "11"));
  ExpectMarkerRowsSurvived("dashboard");

  // Down to the version sqlalchemy-migrate had made, by this tool: still
  // the one row. Step 10 dropped a column of dashboards; its down gives
  // the marker row's value back from the archive (issue 27).
  testing::CommandResult down =
      Migrate(config, {"-n", "dashboard", "--migration", "5"});
  EXPECT_EQ(down.exit_code, 0) << down.out << down.err;
  ASSERT_TRUE(FindRow(down.out, "Dashboard").has_value()) << down.out;
  EXPECT_EQ(FindRow(down.out, "Dashboard")->result,
            "11 -> 5 (restored dashboards: 1 row)");
  EXPECT_THAT(VersionRows("dashboard"),
              ElementsAre(absl::StrCat("dashboard\t", repo, "\t5")));
  EXPECT_THAT(QueryDb("dashboard",
                      absl::StrCat("SELECT name FROM dashboards WHERE uuid = '",
                                   kMarkerUuid, "'")),
              ElementsAre("marker dashboard"));
  EXPECT_EQ(SqlaDbVersion("dashboard", repo), "5\n");
}

// sqlalchemy-migrate versioned the database under another repository_id:
// that row says nothing about this module, so the database is one with
// tables and no version, refused (and left as it is) like any other. (The
// plain case, tables and no migrate_version at all, is in repair_test.)
TEST_F(AdoptionTest, AnotherRepositoryIdIsNotTakenForOurs) {
  std::string repo = MakeRepository("horizon_dashboard", DashboardStatements());
  VersionWithSqlalchemyMigrate("dashboard", repo, 9);
  InsertMarkerRows("dashboard");
  const std::vector<std::string> tables_before = Tables("dashboard");

  std::string config = Config(PluginDir());
  testing::CommandResult r = Migrate(config, {"-n", "dashboard"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::optional<ReportRow> row = FindRow(r.out, "Dashboard");
  ASSERT_TRUE(row.has_value()) << r.out;
  EXPECT_EQ(row->status, "FAIL");
  EXPECT_THAT(row->result,
              HasWrappedSubstr("the database has 8 tables but no version for "
                               "dashboard; record its real version with -n "
                               "dashboard --mark-version N"));
  EXPECT_THAT(VersionRows("dashboard"),
              ElementsAre(absl::StrCat("horizon_dashboard\t", repo, "\t9")));
  for (const std::string& t : Tables("dashboard")) {
    EXPECT_THAT(t, ::testing::AnyOf(::testing::AnyOfArray(tables_before),
                                    "aos_migration_lock"));
  }
  ExpectMarkerRowsSurvived("dashboard");
  EXPECT_EQ(SqlaDbVersion("dashboard", repo), "9\n");
}

}  // namespace
}  // namespace aos::e2e
