// mariadb_client.h: statements as root over a test server's unix socket,
// the one client the MariaDB and Galera test fixtures share (their servers
// trust root on the socket, tools/testing/mariadb_server.h and
// galera_cluster.h).
#ifndef AOS_TOOLS_TESTING_MARIADB_CLIENT_H_
#define AOS_TOOLS_TESTING_MARIADB_CLIENT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace aos::testing {

// Connects as root to the server on `socket` (2 s connect timeout, `database`
// may be empty), runs `prelude` first unless it is empty (e.g. a SET
// SESSION), then `sql` (multi-statement text allowed), and returns the rows
// of every result: values as text ("NULL" for NULL), columns joined by tab.
// No connection: Unavailable, naming `server` ("the test server", "node 1
// of the test cluster"). A statement's error: Aborted, its message starting
// "(<errno>) ".
absl::StatusOr<std::vector<std::string>> QueryOverSocket(const std::string& socket,
                                                         const std::string& server,
                                                         const std::string& sql,
                                                         const std::string& database,
                                                         const std::string& prelude = "");

}  // namespace aos::testing

#endif  // AOS_TOOLS_TESTING_MARIADB_CLIENT_H_
