// archive_engines.h: what the end-to-end tests of the archive of dropped
// values (issue 27) share: the test plugins (testdata/archive_plugins),
// the Result column of a run's row, and an Engine (PostgreSQL or SQLite)
// as those tests drive it: the built tool with a config of its own, SQL on
// each module's database, the archives it holds.
#ifndef AOS_CLI_E2E_ARCHIVE_ENGINES_H_
#define AOS_CLI_E2E_ARCHIVE_ENGINES_H_

#include <functional>
#include <string>
#include <vector>

#include "tools/testing/command_runner.h"
#include "tools/testing/postgresql_server.h"

namespace aos::e2e {

inline constexpr char kArchiveKeepPlugin[] = "testdata/archive_plugins/keep/libarchkeep.so";
inline constexpr char kArchiveHostilePlugin[] =
    "testdata/archive_plugins/hostile/libarchhostile.so";

// The Result column of the row of `display` in the run's report; "" (and
// a test failure) when absent.
std::string ResultOf(const testing::CommandResult& r, const std::string& display);

// One engine as a test drives it. `query` gives rows with columns joined
// by '|' and NULL as "" (as sqlite3 prints them); it fails the test on an
// error.
struct Engine {
  std::string dialect;     // "postgresql" or "sqlite"
  std::string defaults;    // the config's [DEFAULT] lines
  std::string sections;    // the config's module sections
  std::string config;      // a config of defaults and sections
  std::string sqlite_dir;  // SQLite: the databases' directory
  std::function<std::vector<std::string>(const std::string& module, const std::string& sql)> query;
};

// The archive plugins' modules (archkeep, archhostile) on
// databases of their own: on `pg`, named <module><suffix>; in files of a
// new directory.
Engine PostgresqlEngine(testing::PostgresqlServer* pg, const std::string& suffix);
Engine SqliteEngine();

// archkeep at 1 with the rows its contract step (2) drops: l (1, a, g1),
// (2, b, g2), (3, c, NULL) and l_old (1, n1), (2, n2).
void KeepAtOneWithRows(const Engine& e);

// archkeep at 2 (those rows archived): --migration 1 says it restored
// l_old's 2 rows and l's 3, gives each its value back and retires the
// archive.
void DownGivesBackTheRowsKept(const Engine& e);

// A further config of `e` with `lines` added to its [DEFAULT] section.
std::string ConfigWith(const Engine& e, const std::string& lines);

// aos-db-migrate with `config` (default: e.config) and `args`.
testing::CommandResult Run(const Engine& e, std::vector<std::string> args,
                           const std::string& config = "");

// The module's archive tables (aos_migration_archive_<n>), sorted; whether
// it has the archives' records table; its recorded version ("" if none).
std::vector<std::string> ArchiveTables(const Engine& e, const std::string& module);
bool HasArchiveRecords(const Engine& e, const std::string& module);
std::string VersionOf(const Engine& e, const std::string& module);

// The database file of `module` on SQLite.
std::string SqliteFile(const Engine& e, const std::string& module);

}  // namespace aos::e2e

#endif  // AOS_CLI_E2E_ARCHIVE_ENGINES_H_
