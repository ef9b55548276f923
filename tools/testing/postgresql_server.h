// postgresql_server.h: a private, throwaway PostgreSQL server for tests
// (Debian's `postgresql` package: initdb and pg_ctl). Loopback only, trust
// authentication, data and socket under /tmp. As root it runs the server as
// the `postgres` user, since PostgreSQL refuses to run as root.
#ifndef AOS_TOOLS_TESTING_POSTGRESQL_SERVER_H_
#define AOS_TOOLS_TESTING_POSTGRESQL_SERVER_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace aos::testing {

class PostgresqlServer {
 public:
  PostgresqlServer() = default;
  ~PostgresqlServer();
  PostgresqlServer(const PostgresqlServer&) = delete;
  PostgresqlServer& operator=(const PostgresqlServer&) = delete;

  absl::Status Start();
  absl::Status Stop();
  bool running() const { return running_; }
  int port() const { return port_; }
  // The cluster's data directory (pg_hba.conf is there).
  std::string data_dir() const { return dir_ + "/data"; }

  // postgresql://postgres@127.0.0.1:<port>/<database>
  std::string Url(const std::string& database) const;

  absl::Status Execute(const std::string& sql,
                       const std::string& database = "postgres");
  // Rows, columns joined by tab, "NULL" for NULL.
  absl::StatusOr<std::vector<std::string>> Query(
      const std::string& sql, const std::string& database = "postgres");

 private:
  absl::Status RunAsServerUser(const std::vector<std::string>& argv);

  std::string dir_;
  int port_ = 0;
  bool running_ = false;
};

}  // namespace aos::testing

#endif  // AOS_TOOLS_TESTING_POSTGRESQL_SERVER_H_
