#include "tools/testing/postgresql_server.h"

#include <glob.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/testing/command_runner.h"
#include "tools/testing/mariadb_server.h"

namespace aos::testing {
namespace {

// /usr/lib/postgresql/<version>/bin, the newest installed.
std::string PostgresBin() {
  glob_t g;
  std::string found;
  if (glob("/usr/lib/postgresql/*/bin/initdb", 0, nullptr, &g) == 0 &&
      g.gl_pathc > 0) {
    found = g.gl_pathv[g.gl_pathc - 1];
    found = found.substr(0, found.rfind('/'));
  }
  globfree(&g);
  return found;
}

}  // namespace

PostgresqlServer::~PostgresqlServer() {
  (void)Stop();
  if (!dir_.empty()) {
    RunCommand({"rm", "-rf", dir_});
  }
}

absl::Status PostgresqlServer::RunAsServerUser(
    const std::vector<std::string>& argv) {
  // Through a shell that sends all output to a log file: pg_ctl's server
  // inherits its descriptors, and must not hold our pipes open.
  std::string command;
  if (getuid() == 0) command = "runuser -u postgres -- ";
  for (const std::string& arg : argv) {
    std::string quoted = "'";
    for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    absl::StrAppend(&command, quoted, "' ");
  }
  std::string log = dir_ + "/commands.log";
  absl::StrAppend(&command, ">>", log, " 2>&1 </dev/null");
  CommandResult r = RunCommand({"sh", "-c", command});
  if (r.exit_code != 0) {
    return absl::InternalError(absl::StrCat(absl::StrJoin(argv, " "),
                                            " failed; see ", log));
  }
  return absl::OkStatus();
}

absl::Status PostgresqlServer::Start() {
  if (running_) return absl::OkStatus();
  std::string bin = PostgresBin();
  if (bin.empty()) {
    return absl::FailedPreconditionError(
        "PostgreSQL is not installed (tools/setup installs postgresql)");
  }
  if (dir_.empty()) {
    char pattern[] = "/tmp/aospg.XXXXXX";
    if (mkdtemp(pattern) == nullptr) return absl::InternalError("mkdtemp");
    dir_ = pattern;
    if (getuid() == 0) {
      struct passwd* pw = getpwnam("postgres");
      if (pw == nullptr) {
        return absl::FailedPreconditionError(
            "no 'postgres' user to run the server as (install postgresql)");
      }
      if (chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
        return absl::InternalError("chown of the data directory failed");
      }
    }
    port_ = FreePort();
    absl::Status st = RunAsServerUser(
        {bin + "/initdb", "-D", dir_ + "/data", "--auth=trust",
         "--username=postgres", "--encoding=UTF8", "--no-sync"});
    if (!st.ok()) return st;
  }
  absl::Status st = RunAsServerUser(
      // -t: up to 3 minutes to accept connections on a busy machine (the
      // default, 60 s, is a wait on a condition all the same).
      {bin + "/pg_ctl", "-D", dir_ + "/data", "-l", dir_ + "/server.log", "-w",
       "-t", "180", "-o",
       absl::StrCat("-k ", dir_, " -p ", port_,
                    " -c listen_addresses=127.0.0.1 -c fsync=off "
                    "-c full_page_writes=off -c synchronous_commit=off"),
       "start"});
  if (!st.ok()) return st;
  running_ = true;
  return absl::OkStatus();
}

absl::Status PostgresqlServer::Stop() {
  if (!running_) return absl::OkStatus();
  running_ = false;
  return RunAsServerUser({PostgresBin() + "/pg_ctl", "-D", dir_ + "/data",
                          "-m", "fast", "-w", "stop"});
}

std::string PostgresqlServer::Url(const std::string& database) const {
  return absl::StrCat("postgresql://postgres@127.0.0.1:", port_, "/", database);
}

absl::Status PostgresqlServer::Execute(const std::string& sql,
                                       const std::string& database) {
  return Query(sql, database).status();
}

absl::StatusOr<std::vector<std::string>> PostgresqlServer::Query(
    const std::string& sql, const std::string& database) {
  std::string conninfo = absl::StrCat("host=127.0.0.1 port=", port_,
                                      " user=postgres dbname=", database);
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string error = PQerrorMessage(conn);
    PQfinish(conn);
    return absl::UnavailableError(error);
  }
  PGresult* res = PQexec(conn, sql.c_str());
  std::vector<std::string> rows;
  absl::Status status = absl::OkStatus();
  ExecStatusType code = PQresultStatus(res);
  if (code == PGRES_TUPLES_OK) {
    for (int r = 0; r < PQntuples(res); ++r) {
      std::vector<std::string> cells;
      for (int c = 0; c < PQnfields(res); ++c) {
        cells.push_back(PQgetisnull(res, r, c) ? "NULL" : PQgetvalue(res, r, c));
      }
      rows.push_back(absl::StrJoin(cells, "\t"));
    }
  } else if (code != PGRES_COMMAND_OK) {
    status = absl::AbortedError(
        absl::StrCat(PQresultErrorMessage(res), " in: ", sql));
  }
  PQclear(res);
  PQfinish(conn);
  if (!status.ok()) return status;
  return rows;
}

}  // namespace aos::testing
