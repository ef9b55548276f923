// mariadb_server.h: a private, throwaway MariaDB server for tests.
//
// Start() runs mariadb-install-db and mariadbd (Debian's mariadb-server) as
// the current user, with the datadir under TEST_TMPDIR (or /tmp), bound to
// 127.0.0.1 on a free port, its socket under /tmp (socket paths must stay
// under 108 bytes). It takes about a second. The destructor stops it.
#ifndef AOS_TOOLS_TESTING_MARIADB_SERVER_H_
#define AOS_TOOLS_TESTING_MARIADB_SERVER_H_

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace aos::testing {

class MariadbServer {
 public:
  MariadbServer() = default;
  ~MariadbServer();
  MariadbServer(const MariadbServer&) = delete;
  MariadbServer& operator=(const MariadbServer&) = delete;

  absl::Status Start();
  // SIGKILL-free shutdown; the server can be started again on the same
  // datadir and port with Start().
  absl::Status Stop();
  // A crash: SIGKILL, no shutdown; Start() again recovers the datadir.
  absl::Status Kill();
  bool running() const { return pid_ > 0; }

  int port() const { return port_; }
  const std::string& socket_path() const { return socket_; }

  // mysql+pymysql://root@127.0.0.1:<port>/<database>
  std::string Url(const std::string& database) const;

  // Runs statements as root (multi-statement text allowed); `database` may
  // be empty.
  absl::Status Execute(const std::string& sql,
                       const std::string& database = "");
  // Rows of a query, values as text ("NULL" for NULL), columns joined by tab.
  absl::StatusOr<std::vector<std::string>> Query(
      const std::string& sql, const std::string& database = "");

 private:
  std::string dir_;
  std::string socket_dir_;
  std::string socket_;
  int port_ = 0;
  pid_t pid_ = -1;
};

// A TCP port on 127.0.0.1 that nothing listens on right now.
int FreePort();

}  // namespace aos::testing

#endif  // AOS_TOOLS_TESTING_MARIADB_SERVER_H_
