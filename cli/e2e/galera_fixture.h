// galera_fixture.h: what the Galera end-to-end tests (galera_test,
// galera_ddl_test, rolling_galera_test) do before their first run: a
// three-node cluster of tools/testing/galera_cluster.h started, and the
// modules' databases on every node.
#ifndef AOS_CLI_E2E_GALERA_FIXTURE_H_
#define AOS_CLI_E2E_GALERA_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "tools/testing/galera_cluster.h"

namespace aos::e2e {

// Makes `*cluster` a started cluster of three nodes (`extra_args` to every
// node's mariadbd) and says on stderr how long it took to form; then
// creates `databases` on every node. A fatal test failure otherwise (call
// it under ASSERT_NO_FATAL_FAILURE).
void StartGaleraCluster(std::unique_ptr<testing::GaleraCluster>* cluster,
                        const std::vector<std::string>& databases,
                        std::vector<std::string> extra_args = {});

// Creates `databases` through node 0 and waits until every node has them
// (GaleraCluster::CreateDatabase); a fatal test failure otherwise.
void CreateDatabases(testing::GaleraCluster& cluster, const std::vector<std::string>& databases);

}  // namespace aos::e2e

#endif  // AOS_CLI_E2E_GALERA_FIXTURE_H_
