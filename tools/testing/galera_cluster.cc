#include "tools/testing/galera_cluster.h"

#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "tools/testing/mariadb_client.h"
#include "tools/testing/mariadb_server.h"

extern char** environ;

namespace aos::testing {
namespace {

constexpr char kProvider[] = "/usr/lib/galera/libgalera_smm.so";

absl::StatusOr<pid_t> Spawn(const std::vector<std::string>& argv,
                            const std::string& log) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot run ", argv[0],
        " (install mariadb-server, galera-4 and rsync: tools/setup)"));
  }
  return pid;
}

absl::Status MakeDir(const std::string& path, mode_t mode, bool as_mysql) {
  if (mkdir(path.c_str(), mode) != 0 && errno != EEXIST) {
    return absl::InternalError(absl::StrCat("mkdir ", path, " failed"));
  }
  chmod(path.c_str(), mode);
  if (as_mysql) {
    struct passwd* pw = getpwnam("mysql");
    if (pw == nullptr) {
      return absl::FailedPreconditionError(
          "no mysql user (install mariadb-server: tools/setup)");
    }
    if (chown(path.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
      return absl::FailedPreconditionError(absl::StrCat(
          "chown ", path, " to mysql failed (", strerror(errno),
          "); a test with a Galera cluster needs the no-sandbox tag"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

GaleraCluster::GaleraCluster(int nodes, std::vector<std::string> extra_args)
    : extra_args_(std::move(extra_args)), nodes_(nodes) {}

GaleraCluster::~GaleraCluster() {
  StopAll();
  if (!root_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
}

std::string GaleraCluster::error_log(int node) const {
  return nodes_[node].dir + "/error.log";
}

std::string GaleraCluster::Url(int node, const std::string& database) const {
  return absl::StrCat("mysql+pymysql://root@127.0.0.1:", nodes_[node].sql_port,
                      "/", database);
}

absl::Status GaleraCluster::Start() {
  if (!root_.empty()) return absl::FailedPreconditionError("already started");
  if (access(kProvider, R_OK) != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        kProvider, " is missing (install galera-4: tools/setup)"));
  }
  as_mysql_ = getuid() == 0;
  std::string pattern = "/tmp/aosgalera.XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::InternalError("mkdtemp /tmp/aosgalera.XXXXXX failed");
  }
  root_ = pattern;
  chmod(root_.c_str(), 0755);
  // Four distinct ports per node, none shared with another node.
  std::set<int> taken;
  auto port = [&taken] {
    int p;
    do {
      p = FreePort();
    } while (!taken.insert(p).second);
    return p;
  };
  for (int i = 0; i < size(); ++i) {
    Node& n = nodes_[i];
    n.dir = absl::StrCat(root_, "/node", i);
    n.socket = n.dir + "/run/s.sock";
    n.sql_port = port();
    n.gmcast_port = port();
    n.ist_port = port();
    n.sst_port = port();
    for (const auto& [path, mode] :
         std::vector<std::pair<std::string, mode_t>>{{n.dir, 0755},
                                                     {n.dir + "/data", 0700},
                                                     {n.dir + "/run", 0755},
                                                     {n.dir + "/tmp", 0700}}) {
      if (absl::Status st = MakeDir(path, mode, as_mysql_); !st.ok()) return st;
    }
  }
  // Only the bootstrap node gets a fresh datadir; the others are filled by
  // the state transfer from it.
  std::vector<std::string> install = {
      "mariadb-install-db", "--no-defaults",
      "--datadir=" + nodes_[0].dir + "/data",
      "--tmpdir=" + nodes_[0].dir + "/tmp",  // see mariadb_server.cc
      "--auth-root-authentication-method=normal", "--skip-test-db"};
  if (as_mysql_) install.push_back("--user=mysql");
  absl::StatusOr<pid_t> installer =
      Spawn(install, nodes_[0].dir + "/install.log");
  if (!installer.ok()) return installer.status();
  int status = 0;
  waitpid(*installer, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::InternalError(absl::StrCat("mariadb-install-db failed; see ",
                                            nodes_[0].dir, "/install.log"));
  }
  if (absl::Status st = StartNode(0, /*bootstrap=*/true); !st.ok()) return st;
  if (absl::Status st = WaitReady(0, 1, 60); !st.ok()) return st;
  // One joiner at a time: two joining at once make the group's membership
  // take longer to settle than two state transfers in a row.
  for (int i = 1; i < size(); ++i) {
    if (absl::Status st = StartNode(i, /*bootstrap=*/false); !st.ok()) return st;
    if (absl::Status st = WaitReady(i, i + 1, 60); !st.ok()) return st;
  }
  return WaitForClusterSize(size(), 30);
}

absl::Status GaleraCluster::StartNode(int node, bool bootstrap) {
  Node& n = nodes_[node];
  std::vector<std::string> members;
  for (const Node& m : nodes_) {
    members.push_back(absl::StrCat("127.0.0.1:", m.gmcast_port));
  }
  std::vector<std::string> argv = {
      "mariadbd", "--no-defaults", "--datadir=" + n.dir + "/data",
      "--tmpdir=" + n.dir + "/tmp", "--socket=" + n.socket, absl::StrCat("--port=", n.sql_port),
      "--bind-address=127.0.0.1", "--pid-file=" + n.dir + "/mariadbd.pid",
      "--log-error=" + n.dir + "/error.log", "--skip-name-resolve",
      "--innodb-buffer-pool-size=16M", "--innodb-log-file-size=8M",
      "--innodb-flush-log-at-trx-commit=0",
      // What Galera requires of the server.
      "--binlog-format=ROW", "--default-storage-engine=InnoDB",
      "--innodb-autoinc-lock-mode=2",
      "--wsrep-on=ON", absl::StrCat("--wsrep-provider=", kProvider),
      "--wsrep-cluster-name=aos-test",
      "--wsrep-cluster-address=gcomm://" + absl::StrJoin(members, ","),
      absl::StrCat("--wsrep-node-name=node", node),
      absl::StrCat("--wsrep-node-address=127.0.0.1:", n.gmcast_port),
      absl::StrCat("--wsrep-provider-options=gmcast.listen_addr=tcp://"
                   "127.0.0.1:", n.gmcast_port,
                   ";ist.recv_addr=127.0.0.1:", n.ist_port,
                   ";gcache.size=16M"),
      "--wsrep-sst-method=rsync",
      absl::StrCat("--wsrep-sst-receive-address=127.0.0.1:", n.sst_port)};
  if (as_mysql_) argv.push_back("--user=mysql");
  if (bootstrap) argv.push_back("--wsrep-new-cluster");
  argv.insert(argv.end(), extra_args_.begin(), extra_args_.end());
  absl::StatusOr<pid_t> pid = Spawn(argv, n.dir + "/mariadbd.log");
  if (!pid.ok()) return pid.status();
  n.pid = *pid;
  return absl::OkStatus();
}

absl::StatusOr<std::pair<int, bool>> GaleraCluster::State(int node) {
  absl::StatusOr<std::vector<std::string>> rows = RawQuery(
      node,
      "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_cluster_size', "
      "'wsrep_ready', 'wsrep_cluster_status', 'wsrep_local_state_comment')",
      "", /*causal=*/false);
  if (!rows.ok()) return rows.status();
  int members = 0;
  bool ready = true;
  int seen = 0;
  for (const std::string& row : *rows) {
    std::vector<std::string> kv = absl::StrSplit(row, '\t');
    if (kv.size() != 2) continue;
    ++seen;
    if (kv[0] == "wsrep_cluster_size") {
      (void)absl::SimpleAtoi(kv[1], &members);
    } else if (kv[0] == "wsrep_ready") {
      ready = ready && kv[1] == "ON";
    } else if (kv[0] == "wsrep_cluster_status") {
      ready = ready && kv[1] == "Primary";
    } else if (kv[0] == "wsrep_local_state_comment") {
      ready = ready && kv[1] == "Synced";
    }
  }
  return std::make_pair(members, ready && seen == 4);
}

absl::Status GaleraCluster::WaitReady(int node, int members, int seconds) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  std::string last = "no answer";
  while (std::chrono::steady_clock::now() < deadline) {
    Node& n = nodes_[node];
    if (n.pid <= 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("node ", node, " is not running"));
    }
    int status;
    if (waitpid(n.pid, &status, WNOHANG) == n.pid) {
      n.pid = -1;
      return absl::InternalError(absl::StrCat("node ", node,
                                              "'s mariadbd exited; ",
                                              error_log(node), ":\n",
                                              LogTail(node)));
    }
    absl::StatusOr<std::pair<int, bool>> state = State(node);
    if (state.ok()) {
      if (state->first == members && state->second) return absl::OkStatus();
      last = absl::StrCat("wsrep_cluster_size ", state->first,
                          state->second ? ", ready" : ", not ready");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return absl::DeadlineExceededError(absl::StrCat(
      "node ", node, " did not reach wsrep_cluster_size ", members,
      " and wsrep_ready ON in ", seconds, " s (", last, "); ",
      error_log(node), ":\n", LogTail(node)));
}

absl::Status GaleraCluster::WaitForClusterSize(int members, int seconds) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  for (int i = 0; i < size(); ++i) {
    if (!running(i)) continue;
    int left = static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(
                                    deadline - std::chrono::steady_clock::now())
                                    .count());
    if (absl::Status st = WaitReady(i, members, std::max(left, 1)); !st.ok()) {
      return st;
    }
  }
  return absl::OkStatus();
}

absl::Status GaleraCluster::Kill(int node) {
  Node& n = nodes_[node];
  if (n.pid <= 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("node ", node, " is not running"));
  }
  kill(n.pid, SIGKILL);
  int status;
  while (waitpid(n.pid, &status, 0) < 0 && errno == EINTR) {
  }
  n.pid = -1;
  return absl::OkStatus();
}

void GaleraCluster::StopAll() {
  // The cluster is thrown away with its data: no need for a clean shutdown,
  // which takes a Galera node several seconds.
  for (int i = 0; i < size(); ++i) {
    if (running(i)) (void)Kill(i);
  }
}

std::string GaleraCluster::LogTail(int node) const {
  std::ifstream in(error_log(node));
  std::deque<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
    if (lines.size() > 20) lines.pop_front();
  }
  return absl::StrJoin(lines, "\n");
}

absl::Status GaleraCluster::Execute(int node, const std::string& sql,
                                    const std::string& database) {
  return Query(node, sql, database).status();
}

namespace {

// A failure that left nothing done and passes by itself on a busy cluster:
// no connection yet, a deadlock or certification conflict (1213), a lock
// wait (1205), a node not ready for a moment (1047).
bool Transient(const absl::Status& st) {
  if (absl::IsUnavailable(st)) return true;
  for (const char* code : {"(1213)", "(1205)", "(1047)"}) {
    if (absl::StartsWith(st.message(), code)) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> GaleraCluster::Query(
    int node, const std::string& sql, const std::string& database) {
  // The fixture's own setup retries what a loaded machine makes transient,
  // for up to ~20 s.
  std::chrono::milliseconds pause(50);
  for (int attempt = 1;; ++attempt) {
    absl::StatusOr<std::vector<std::string>> rows =
        RawQuery(node, sql, database, /*causal=*/true);
    if (rows.ok() || !Transient(rows.status()) || attempt == 25) return rows;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(1000));
  }
}

absl::Status GaleraCluster::CreateDatabase(const std::string& database,
                                           int seconds) {
  absl::Status st = Execute(0, absl::StrCat("CREATE DATABASE ", database));
  if (!st.ok()) return st;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  const std::string show = absl::StrCat("SHOW DATABASES LIKE '", database, "'");
  for (int node = 0; node < size(); ++node) {
    while (running(node)) {
      absl::StatusOr<std::vector<std::string>> rows = Query(node, show);
      if (rows.ok() && !rows->empty()) break;
      if (std::chrono::steady_clock::now() >= deadline) {
        return absl::DeadlineExceededError(absl::StrCat(
            "database ", database, " not on node ", node, " after ", seconds,
            " s"));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> GaleraCluster::RawQuery(
    int node, const std::string& sql, const std::string& database,
    bool causal) {
  return QueryOverSocket(
      nodes_[node].socket,
      absl::StrCat("node ", node, " of the test cluster"), sql, database,
      causal ? "SET SESSION wsrep_sync_wait = 1" : "");
}

}  // namespace aos::testing
