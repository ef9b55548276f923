// galera_cluster.h: a private, throwaway MariaDB Galera cluster for tests.
//
// Start() runs three (or `nodes`) mariadbd processes of Debian's
// mariadb-server with the galera-4 provider on 127.0.0.1, each on ports of
// its own for SQL, group communication (gmcast), IST and SST (rsync).
// Node 0 is bootstrapped with --wsrep-new-cluster on a datadir made by
// mariadb-install-db; the others join it (wsrep_cluster_address lists every
// node), one at a time, and receive its data by rsync SST. Start() returns
// once every node says wsrep_cluster_size = N, wsrep_ready = ON, Primary and
// Synced: about ten seconds.
//
// As root the servers run as the `mysql` user, as a packaged server does:
// the rsync state transfer fails unless the server's user owns the datadirs
// and can write its socket directory. So everything lives under a directory
// of its own in /tmp (not TEST_TMPDIR, which the mysql user cannot reach),
// handed to mysql with chown; a test using this needs the `no-sandbox` tag,
// since Bazel's sandbox does not allow chown to another uid. The destructor
// kills every node (SIGKILL: the data is thrown away) and removes that
// directory.
#ifndef AOS_TOOLS_TESTING_GALERA_CLUSTER_H_
#define AOS_TOOLS_TESTING_GALERA_CLUSTER_H_

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace aos::testing {

class GaleraCluster {
 public:
  // `extra_args` are given to every node's mariadbd, e.g.
  // "--wsrep-mode=REQUIRED_PRIMARY_KEY".
  explicit GaleraCluster(int nodes = 3,
                         std::vector<std::string> extra_args = {});
  ~GaleraCluster();
  GaleraCluster(const GaleraCluster&) = delete;
  GaleraCluster& operator=(const GaleraCluster&) = delete;

  // Bootstraps node 0, joins the others one by one and waits (up to 60 s
  // a node) until every node is in the primary component of full size,
  // synced and ready. Call once.
  absl::Status Start();

  int size() const { return static_cast<int>(nodes_.size()); }
  bool running(int node) const { return nodes_[node].pid > 0; }
  int port(int node) const { return nodes_[node].sql_port; }
  const std::string& socket_path(int node) const { return nodes_[node].socket; }
  std::string error_log(int node) const;

  // mysql+pymysql://root@127.0.0.1:<node's port>/<database>
  std::string Url(int node, const std::string& database) const;

  // Kills the node's mariadbd with SIGKILL, as a crash or a power cut
  // would, and waits until the process is gone.
  absl::Status Kill(int node);

  // Waits up to `seconds` until every running node sees a primary
  // component of `members` nodes and is ready (after Kill(), the survivors
  // notice the loss within a few seconds).
  absl::Status WaitForClusterSize(int members, int seconds = 60);

  // Runs statements as root on `node` (multi-statement text allowed);
  // `database` may be empty. What a busy cluster makes transient (no
  // connection yet, a deadlock or certification conflict, a lock wait, a
  // node not ready for a moment) is tried again, for up to ~20 s. Reads wait until the node has applied
  // everything the cluster committed before them (wsrep_sync_wait), so what
  // a run wrote through another node is seen.
  absl::Status Execute(int node, const std::string& sql,
                       const std::string& database = "");
  // Rows of a query, values as text ("NULL" for NULL), columns joined by tab.
  absl::StatusOr<std::vector<std::string>> Query(
      int node, const std::string& sql, const std::string& database = "");

  // Creates `database` through node 0 and waits (up to `seconds`) until
  // every running node has applied it (a node confirms a DDL writeset
  // before it applies it): as an operator's databases exist everywhere long
  // before a controller starts.
  absl::Status CreateDatabase(const std::string& database, int seconds = 60);

 private:
  struct Node {
    std::string dir;      // <root>/nodeN: data/, run/ (socket), logs
    std::string socket;
    int sql_port = 0;
    int gmcast_port = 0;
    int ist_port = 0;
    int sst_port = 0;
    pid_t pid = -1;
  };

  absl::Status StartNode(int node, bool bootstrap);
  // The node's wsrep_cluster_size and wsrep_ready, read without waiting.
  absl::StatusOr<std::pair<int, bool>> State(int node);
  absl::Status WaitReady(int node, int members, int seconds);
  absl::StatusOr<std::vector<std::string>> RawQuery(int node,
                                                    const std::string& sql,
                                                    const std::string& database,
                                                    bool causal);
  // The last lines of the node's error log, for a failure message.
  std::string LogTail(int node) const;
  void StopAll();

  std::vector<std::string> extra_args_;
  std::string root_;  // /tmp/aosgalera.XXXXXX
  std::vector<Node> nodes_;
  bool as_mysql_ = false;  // started as root: the servers run as mysql
};

}  // namespace aos::testing

#endif  // AOS_TOOLS_TESTING_GALERA_CLUSTER_H_
