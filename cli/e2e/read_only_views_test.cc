// Views and probes never write a table of the module (issue 23): on
// MariaDB, PostgreSQL and SQLite, with module `views` (testdata/
// views_plugins) at version 1, its migration 2 failed at statement 3 (on
// MariaDB statements 1-2 stay applied: the views show where it resumes) and
// pending steps of many kinds after it (ALTERs, EXCHANGE PARTITION ... WITH
// a filled table, CONVERT TABLE ... TO PARTITION, a foreign key, CREATE and
// DROP INDEX, DML, RENAME, partition maintenance; on PostgreSQL ATTACH and
// DETACH PARTITION, INHERIT, SET SCHEMA), every table of the module's
// database (definition and every row's values, views_snapshot.h) is the
// same before and after each view: --status, --dry-run, --check and
// --migrations, each with -f table and -f json; and no `_aos_probe_` clone
// (MariaDB) or schema (PostgreSQL) is left.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/postgresql_fixture.h"
#include "cli/e2e/process_helpers.h"
#include "cli/e2e/report_parser.h"
#include "cli/e2e/views_snapshot.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tools/testing/command_runner.h"
#include "tools/testing/postgresql_server.h"

namespace aos::e2e {
namespace {

using ::testing::AnyOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kPlugin[] = "testdata/views_plugins/libviews.so";
constexpr char kModule[] = "views";

using MigrateFn =
    std::function<testing::CommandResult(const std::vector<std::string>&)>;
using QueryFn = std::function<std::vector<std::string>(const std::string&)>;

// Every view in both formats: the module's snapshot before and after each
// must be equal, and no probe clone may be left. Returns each view's run,
// by its arguments joined with ' '.
std::map<std::string, testing::CommandResult> ExpectViewsReadOnly(
    const std::function<Snapshot()>& snapshot, const MigrateFn& migrate,
    const std::function<std::vector<std::string>()>& leftovers) {
  std::map<std::string, testing::CommandResult> runs;
  for (const char* view : {"--status", "--dry-run", "--check", "--migrations"}) {
    for (const char* format : {"table", "json"}) {
      const std::vector<std::string> args = {"-n", kModule, view, "-f", format};
      const std::string name = absl::StrJoin(args, " ");
      SCOPED_TRACE(name);
      const Snapshot before = snapshot();
      testing::CommandResult r = migrate(args);
      // 0, or --check's 2/3/4 (pending); never a failure or a crash.
      EXPECT_THAT(r.exit_code, AnyOf(0, 2, 3, 4)) << r.out << r.err;
      EXPECT_FALSE(r.out.empty()) << r.err;
      EXPECT_THAT(Differences(before, snapshot()), IsEmpty())
          << "the view wrote the module's database; it printed:\n"
          << r.out << r.err;
      EXPECT_THAT(leftovers(), IsEmpty());
      runs[name] = r;
    }
  }
  return runs;
}

// The first run: version 1 applied, migration 2 fails at its statement 3.
void FailAtMigration2(const MigrateFn& migrate, const QueryFn& query) {
  testing::CommandResult r = migrate({"-n", kModule, "-v"});
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  ASSERT_THAT(r.out, HasWrappedSubstr("database left at 1")) << r.out;
  ASSERT_THAT(query("SELECT version FROM migrate_version WHERE repository_id "
                    "= 'views'"),
              ElementsAre("1"));
}

// The "ddl" entries of step `version` in a --dry-run -f json document.
std::vector<Json> DdlOf(const std::string& out, int version) {
  absl::StatusOr<Json> doc = ParseJson(out);
  EXPECT_TRUE(doc.ok()) << doc.status() << "\n" << out;
  if (!doc.ok()) return {};
  for (const Json& s : JsonArray(doc->at("modules").at(0).at("steps"))) {
    if (s.at("version") == version && s.contains("ddl")) {
      return JsonArray(s.at("ddl"));
    }
  }
  ADD_FAILURE() << "no ddl for step " << version << " in:\n" << out;
  return {};
}

// --- MariaDB -----------------------------------------------------------------

class MariadbViewsTest : public MigrateTest {};

TEST_F(MariadbViewsTest, NoViewWritesATableAndTheProbeTouchesOnlyClones) {
  AddModules({kModule});
  const std::string config = Config(PluginDir({kPlugin}));
  MigrateFn migrate = [&](const std::vector<std::string>& args) {
    return Migrate(config, args);
  };
  QueryFn query = [&](const std::string& sql) { return QueryDb(kModule, sql); };
  ASSERT_NO_FATAL_FAILURE(FailAtMigration2(migrate, query));
  // Statements 1 and 2 of migration 2 took effect; the partner tables
  // hold rows a wrong probe would take.
  ASSERT_THAT(query("SELECT COUNT(*) FROM items WHERE name = 'quince'"),
              ElementsAre("1"));
  ASSERT_THAT(query("SELECT COUNT(*) FROM partner"), ElementsAre("2"));
  ASSERT_THAT(query("SELECT COUNT(*) FROM spare"), ElementsAre("2"));

  auto runs = ExpectViewsReadOnly(
      [&] { return MariadbSnapshot(*server_, Db(kModule)); }, migrate, [&] {
        return query(
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE "
            "TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE '\\_aos\\_probe%'");
      });
  EXPECT_THAT(query("SELECT id, label FROM partner ORDER BY id"),
              ElementsAre("5\tpartner five", "7\tpartner seven"));
  EXPECT_THAT(query("SELECT id, label FROM spare ORDER BY id"),
              ElementsAre("250\tspare one", "260\tspare two"));

  // The views say where migration 2 resumes.
  const std::string status = runs["-n views --status -f table"].out;
  EXPECT_THAT(status, HasWrappedSubstr("statements 1-2 applied")) << status;
  EXPECT_THAT(runs["-n views --dry-run -f table"].out,
              HasSubstr("ALTER TABLE views_fixme ADD COLUMN extra INT NULL"));
  // A statement that names a second table was not tried: its cost is
  // unknown, and says why.
  const std::string dry = runs["-n views --dry-run -f json"].out;
  std::vector<Json> exchange = DdlOf(dry, 3);
  ASSERT_EQ(exchange.size(), 1u) << dry;
  EXPECT_EQ(JsonString(exchange[0].at("algorithm")), "unknown");
  EXPECT_THAT(JsonString(exchange[0].at("note")),
              HasSubstr("not tried on an empty copy"));
  // A foreign key to a table of the module is tried, on clones of both.
  std::vector<Json> fk = DdlOf(dry, 4);
  ASSERT_EQ(fk.size(), 1u) << dry;
  EXPECT_NE(JsonString(fk[0].at("algorithm")), "unknown") << fk[0].dump();
}

// --- PostgreSQL --------------------------------------------------------------

class PostgresqlViewsTest : public PostgresqlSuite<> {};

TEST_F(PostgresqlViewsTest, NoViewWritesATable) {
  ASSERT_NE(pg_, nullptr);
  const std::string db = "pgviews";
  ASSERT_TRUE(pg_->Execute("CREATE DATABASE " + db).ok());
  const std::string config = testing::NewTempDir("pgviews.") + "/db.conf";
  testing::WriteFile(
      config, absl::StrCat("[DEFAULT]\nplugin_dir = ", NewPluginDir({kPlugin}),
                           "\nlock_timeout = 30\n\n[", kModule,
                           "]\nconnection = ", pg_->Url(db), "\n"));
  MigrateFn migrate = [&](const std::vector<std::string>& args) {
    std::vector<std::string> argv = {testing::Runfile("cli/aos-db-migrate"),
                                     "--config", config};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommandOrFail(argv);
  };
  QueryFn query = [&](const std::string& sql) {
    absl::StatusOr<std::vector<std::string>> rows = pg_->Query(sql, db);
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() ? *rows : std::vector<std::string>();
  };
  ASSERT_NO_FATAL_FAILURE(FailAtMigration2(migrate, query));
  ASSERT_THAT(query("SELECT COUNT(*) FROM partner"), ElementsAre("2"));

  auto runs = ExpectViewsReadOnly(
      [&] { return PostgresqlSnapshot(*pg_, db); }, migrate, [&] {
        return query(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE "
            "'\\_aos\\_probe%' UNION ALL SELECT relname FROM pg_class WHERE "
            "relname LIKE '\\_aos\\_probe%'");
      });
  // ATTACH PARTITION names a second table: not tried.
  std::vector<Json> attach = DdlOf(runs["-n views --dry-run -f json"].out, 3);
  ASSERT_EQ(attach.size(), 1u);
  EXPECT_EQ(JsonString(attach[0].at("algorithm")), "unknown");
  EXPECT_THAT(JsonString(attach[0].at("note")),
              HasSubstr("not tried on an empty copy"));
}

// --- SQLite ------------------------------------------------------------------

TEST(SqliteViewsTest, NoViewWritesATable) {
  const std::string dir = testing::NewTempDir("sqliteviews.");
  const std::string file = dir + "/views.sqlite";
  const std::string config = dir + "/db.conf";
  testing::WriteFile(
      config, absl::StrCat("[DEFAULT]\nplugin_dir = ", NewPluginDir({kPlugin}),
                           "\nlock_timeout = 30\n\n[", kModule,
                           "]\nconnection = sqlite:///", file, "\n"));
  MigrateFn migrate = [&](const std::vector<std::string>& args) {
    std::vector<std::string> argv = {testing::Runfile("cli/aos-db-migrate"),
                                     "--config", config};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommandOrFail(argv);
  };
  QueryFn query = [&](const std::string& sql) {
    testing::CommandResult r = RunCommandOrFail({"sqlite3", file, sql});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> rows = absl::StrSplit(r.out, '\n');
    if (!rows.empty() && rows.back().empty()) rows.pop_back();
    return rows;
  };
  ASSERT_NO_FATAL_FAILURE(FailAtMigration2(migrate, query));
  ExpectViewsReadOnly([&] { return SqliteSnapshot(file); }, migrate,
                      [] { return std::vector<std::string>(); });
}

}  // namespace
}  // namespace aos::e2e
