#include "tools/testing/mariadb_server.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/testing/mariadb_client.h"

extern char** environ;

namespace aos::testing {
namespace {

std::string TempRoot() {
  const char* t = std::getenv("TEST_TMPDIR");
  return t && *t ? t : "/tmp";
}

absl::StatusOr<std::string> MakeTempDir(const std::string& parent,
                                        const std::string& prefix) {
  std::string pattern = absl::StrCat(parent, "/", prefix, "XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::InternalError(absl::StrCat("mkdtemp ", pattern, " failed"));
  }
  return pattern;
}

absl::StatusOr<pid_t> Spawn(const std::vector<std::string>& argv,
                            const std::string& log) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot run ", argv[0], " (install mariadb-server: tools/setup)"));
  }
  return pid;
}

}  // namespace

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

MariadbServer::~MariadbServer() {
  (void)Stop();
  if (!socket_dir_.empty()) {
    unlink(socket_.c_str());
    rmdir(socket_dir_.c_str());
  }
}

absl::Status MariadbServer::Start() {
  if (running()) return absl::OkStatus();
  if (dir_.empty()) {
    absl::StatusOr<std::string> dir = MakeTempDir(TempRoot(), "mariadb.");
    if (!dir.ok()) return dir.status();
    dir_ = *dir;
    absl::StatusOr<std::string> sock = MakeTempDir("/tmp", "aosdb.");
    if (!sock.ok()) return sock.status();
    socket_dir_ = *sock;
    socket_ = socket_dir_ + "/s.sock";
    port_ = FreePort();
    // A temporary directory of its own: servers bootstrapping at once in
    // the shared /tmp were seen to trip over each other's temporary tables
    // ("Unknown table 'mysql.tmp_user_sys'", 1 install in 8). Twice at most
    // all the same; the report keeps the server's errors (the folder is a
    // test's temporary one, gone by the time anyone reads it).
    std::filesystem::create_directories(dir_ + "/tmp");
    int status = 0;
    for (int attempt = 0; attempt < 2; ++attempt) {
      std::error_code ignored;
      std::filesystem::remove_all(dir_ + "/data", ignored);
      absl::StatusOr<pid_t> install = Spawn(
          {"mariadb-install-db", "--no-defaults", "--datadir=" + dir_ + "/data",
           "--tmpdir=" + dir_ + "/tmp",
           "--auth-root-authentication-method=normal", "--skip-test-db",
           getuid() == 0 ? "--user=root" : "--verbose"},
          dir_ + "/install.log");
      if (!install.ok()) return install.status();
      waitpid(*install, &status, 0);
      if (WIFEXITED(status) && WEXITSTATUS(status) == 0) break;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      // The server's own errors (its bootstrap's), then the log's end.
      std::ifstream log(dir_ + "/install.log");
      std::vector<std::string> errors;
      std::deque<std::string> tail;
      for (std::string line; std::getline(log, line);) {
        if (errors.size() < 15 && (line.find("ERROR") != std::string::npos ||
                                   line.find("rror:") != std::string::npos)) {
          errors.push_back(line);
        }
        tail.push_back(line);
        if (tail.size() > 10) tail.pop_front();
      }
      return absl::InternalError(absl::StrCat(
          "mariadb-install-db failed twice; from ", dir_, "/install.log:\n",
          absl::StrJoin(errors, "\n"), "\n...\n", absl::StrJoin(tail, "\n")));
    }
  }
  std::vector<std::string> argv = {
      "mariadbd", "--no-defaults", "--datadir=" + dir_ + "/data",
      "--tmpdir=" + dir_ + "/tmp",
      "--socket=" + socket_, absl::StrCat("--port=", port_),
      "--bind-address=127.0.0.1", "--pid-file=" + dir_ + "/mariadbd.pid",
      "--skip-name-resolve", "--innodb-buffer-pool-size=16M",
      "--innodb-log-file-size=8M", "--skip-log-bin",
      "--innodb-flush-log-at-trx-commit=0", "--log-error=" + dir_ + "/error.log"};
  if (getuid() == 0) argv.push_back("--user=root");
  absl::StatusOr<pid_t> pid = Spawn(argv, dir_ + "/mariadbd.log");
  if (!pid.ok()) return pid.status();
  pid_ = *pid;
  for (int i = 0; i < 1200; ++i) {
    if (Query("SELECT 1").ok()) return absl::OkStatus();
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return absl::InternalError(
          absl::StrCat("mariadbd exited at start; see ", dir_, "/error.log"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return absl::DeadlineExceededError("mariadbd did not accept connections in 60 s");
}

absl::Status MariadbServer::Stop() {
  if (!running()) return absl::OkStatus();
  kill(pid_, SIGTERM);
  int status;
  for (int i = 0; i < 600; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return absl::OkStatus();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return absl::OkStatus();
}

absl::Status MariadbServer::Kill() {
  if (!running()) return absl::OkStatus();
  kill(pid_, SIGKILL);
  int status;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return absl::OkStatus();
}

std::string MariadbServer::Url(const std::string& database) const {
  return absl::StrCat("mysql+pymysql://root@127.0.0.1:", port_, "/", database);
}

absl::Status MariadbServer::Execute(const std::string& sql,
                                    const std::string& database) {
  return Query(sql, database).status();
}

absl::StatusOr<std::vector<std::string>> MariadbServer::Query(
    const std::string& sql, const std::string& database) {
  return QueryOverSocket(socket_, "the test server", sql, database);
}

}  // namespace aos::testing
