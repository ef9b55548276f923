#include "cli/e2e/archive_engines.h"

#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/process_helpers.h"
#include "cli/e2e/report_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::e2e {
namespace {

constexpr const char* kModules[] = {"archkeep", "archhostile"};

std::string WriteEngineConfig(const std::string& text) {
  const std::string path = testing::NewTempDir("archconf.") + "/db.conf";
  testing::WriteFile(path, text);
  return path;
}

std::string Defaults() {
  return absl::StrCat(
      "[DEFAULT]\nplugin_dir = ", NewPluginDir({kArchiveKeepPlugin, kArchiveHostilePlugin}),
      "\nlock_timeout = 30\n");
}

}  // namespace

std::string ResultOf(const testing::CommandResult& r, const std::string& display) {
  std::optional<ReportRow> row = FindRow(r.out, display);
  EXPECT_TRUE(row.has_value()) << r.out << r.err;
  return row ? row->result : "";
}

Engine PostgresqlEngine(testing::PostgresqlServer* pg, const std::string& suffix) {
  Engine e;
  e.dialect = "postgresql";
  e.defaults = Defaults();
  for (const char* m : kModules) {
    const std::string db = m + suffix;
    EXPECT_TRUE(pg->Execute("CREATE DATABASE " + db).ok());
    absl::StrAppend(&e.sections, "[", m, "]\nconnection = ", pg->Url(db), "\n");
  }
  e.config = WriteEngineConfig(e.defaults + e.sections);
  e.query = [pg, suffix](const std::string& module, const std::string& sql) {
    absl::StatusOr<std::vector<std::string>> rows = pg->Query(sql, module + suffix);
    EXPECT_TRUE(rows.ok()) << rows.status() << "\n" << sql;
    std::vector<std::string> out;
    if (!rows.ok()) return out;
    for (const std::string& r : *rows) {  // as sqlite3 prints it
      std::vector<std::string> cells = absl::StrSplit(r, '\t');
      for (std::string& c : cells) {
        if (c == "NULL") c.clear();
      }
      out.push_back(absl::StrJoin(cells, "|"));
    }
    return out;
  };
  return e;
}

Engine SqliteEngine() {
  Engine e;
  e.dialect = "sqlite";
  e.sqlite_dir = testing::NewTempDir("archsqlite.");
  e.defaults = Defaults();
  for (const char* m : kModules) {
    absl::StrAppend(&e.sections, "[", m, "]\nconnection = sqlite:///", e.sqlite_dir, "/", m,
                    ".sqlite\n");
  }
  e.config = WriteEngineConfig(e.defaults + e.sections);
  const std::string dir = e.sqlite_dir;
  e.query = [dir](const std::string& module, const std::string& sql) {
    testing::CommandResult r = RunCommandOrFail({"sqlite3", dir + "/" + module + ".sqlite", sql});
    EXPECT_EQ(r.exit_code, 0) << r.err << "\n" << sql;
    std::vector<std::string> rows = absl::StrSplit(r.out, '\n');
    if (!rows.empty() && rows.back().empty()) rows.pop_back();
    return rows;
  };
  return e;
}

void KeepAtOneWithRows(const Engine& e) {
  testing::CommandResult r = Run(e, {"-n", "archkeep", "--migration", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  e.query("archkeep", "INSERT INTO l VALUES (1, 'a', 'g1'), (2, 'b', 'g2'), (3, 'c', NULL)");
  e.query("archkeep", "INSERT INTO l_old VALUES (1, 'n1'), (2, 'n2')");
}

std::string ConfigWith(const Engine& e, const std::string& lines) {
  return WriteEngineConfig(absl::StrCat(e.defaults, lines, "\n", e.sections));
}

testing::CommandResult Run(const Engine& e, std::vector<std::string> args,
                           const std::string& config) {
  std::vector<std::string> argv = {testing::Runfile("cli/aos-db-migrate"), "--config",
                                   config.empty() ? e.config : config};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunCommandOrFail(argv);
}

std::vector<std::string> ArchiveTables(const Engine& e, const std::string& module) {
  return e.query(module, e.dialect == "sqlite"
                             ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE "
                               "'aos\\_migration\\_archive\\_%' ESCAPE '\\' ORDER BY name"
                             : "SELECT table_name FROM information_schema.tables WHERE "
                               "table_schema = current_schema() AND table_name LIKE "
                               "'aos\\_migration\\_archive\\_%' ORDER BY table_name");
}

bool HasArchiveRecords(const Engine& e, const std::string& module) {
  std::vector<std::string> n = e.query(
      module, e.dialect == "sqlite" ? "SELECT COUNT(*) FROM sqlite_master WHERE name = "
                                      "'aos_migration_archives'"
                                    : "SELECT COUNT(*) FROM information_schema.tables WHERE "
                                      "table_schema = current_schema() AND table_name = "
                                      "'aos_migration_archives'");
  return n.size() == 1 && n[0] == "1";
}

std::string VersionOf(const Engine& e, const std::string& module) {
  std::vector<std::string> v =
      e.query(module, absl::StrCat("SELECT version FROM migrate_version WHERE "
                                   "repository_id = '",
                                   module, "'"));
  return v.empty() ? "" : v[0];
}

std::string SqliteFile(const Engine& e, const std::string& module) {
  return absl::StrCat(e.sqlite_dir, "/", module, ".sqlite");
}

void DownGivesBackTheRowsKept(const Engine& e) {
  using ::testing::ElementsAre;
  using ::testing::IsEmpty;
  testing::CommandResult down = Run(e, {"-n", "archkeep", "--migration", "1"});
  ASSERT_EQ(down.exit_code, 0) << down.out << down.err;
  EXPECT_EQ(ResultOf(down, "ArchiveKeep"), "2 -> 1 (restored l_old: 2 rows, l: 3 rows)");
  EXPECT_THAT(e.query("archkeep", "SELECT id, v, gone FROM l ORDER BY id"),
              ElementsAre("1|a|g1", "2|b|g2", "3|c|"));
  EXPECT_THAT(e.query("archkeep", "SELECT id, note FROM l_old ORDER BY id"),
              ElementsAre("1|n1", "2|n2"));
  EXPECT_THAT(ArchiveTables(e, "archkeep"), IsEmpty());
  EXPECT_FALSE(HasArchiveRecords(e, "archkeep"));
}

}  // namespace aos::e2e
