// galera_up: the tests' three-node Galera cluster (tools/testing/
// galera_cluster.h), started for a script (tools/bench/ddl_stall).
//
//   galera_up [MARIADBD_ARG...]
//
// Starts the cluster (every argument goes to every node's mariadbd, after
// the fixture's own, so that e.g. --innodb-buffer-pool-size=256M wins),
// prints one line
//   ready <port0> <port1> <port2> <socket0> <socket1> <socket2>
// and keeps it up until SIGTERM, SIGINT or SIGHUP, or until its parent
// exits; then kills the nodes and removes their directory. On a failure to
// start, prints the reason to stderr and exits 1.
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "tools/testing/galera_cluster.h"

int main(int argc, char** argv) {
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGHUP);
  sigprocmask(SIG_BLOCK, &stop, nullptr);
  const pid_t parent = getppid();

  std::vector<std::string> extra(argv + 1, argv + argc);
  aos::testing::GaleraCluster cluster(3, extra);
  absl::Status st = cluster.Start();
  if (!st.ok()) {
    std::cerr << "galera_up: " << st << "\n";
    return 1;
  }
  std::cout << "ready";
  for (int i = 0; i < cluster.size(); ++i) std::cout << " " << cluster.port(i);
  for (int i = 0; i < cluster.size(); ++i) {
    std::cout << " " << cluster.socket_path(i);
  }
  std::cout << std::endl;

  const struct timespec second = {1, 0};
  while (sigtimedwait(&stop, nullptr, &second) < 0) {
    if (getppid() != parent) break;  // the script is gone
  }
  return 0;  // ~GaleraCluster kills the nodes and removes their directory
}
