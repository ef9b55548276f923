// views_snapshot.h: everything a module's database holds, as text to
// compare before and after a view (read_only_views_test.cc): per table its
// definition as the server shows it (MariaDB's SHOW CREATE TABLE,
// PostgreSQL's catalog, SQLite's sqlite_master) and every row's values,
// sorted; the database's schemas, triggers, routines and sequences too.
#ifndef AOS_CLI_E2E_VIEWS_SNAPSHOT_H_
#define AOS_CLI_E2E_VIEWS_SNAPSHOT_H_

#include <map>
#include <string>
#include <vector>

#include "tools/testing/mariadb_server.h"
#include "tools/testing/postgresql_server.h"

namespace aos::e2e {

// "table items" -> its definition, then its rows; "objects" -> the rest.
using Snapshot = std::map<std::string, std::string>;

Snapshot MariadbSnapshot(testing::MariadbServer& server, const std::string& db);
Snapshot PostgresqlSnapshot(testing::PostgresqlServer& server,
                            const std::string& db);
// The SQLite database file at `path` (read with the sqlite3 shell).
Snapshot SqliteSnapshot(const std::string& path);

// What differs, one entry per key, with both texts; empty when equal.
std::vector<std::string> Differences(const Snapshot& before,
                                     const Snapshot& after);

}  // namespace aos::e2e

#endif  // AOS_CLI_E2E_VIEWS_SNAPSHOT_H_
