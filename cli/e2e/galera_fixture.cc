#include "cli/e2e/galera_fixture.h"

#include <chrono>
#include <iostream>
#include <utility>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace aos::e2e {

void StartGaleraCluster(std::unique_ptr<testing::GaleraCluster>* cluster,
                        const std::vector<std::string>& databases,
                        std::vector<std::string> extra_args) {
  *cluster = std::make_unique<testing::GaleraCluster>(3, std::move(extra_args));
  const auto started = std::chrono::steady_clock::now();
  absl::Status st = (*cluster)->Start();
  ASSERT_TRUE(st.ok()) << st;
  std::cerr << "cluster of 3 formed in "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
            << " s\n";
  ASSERT_NO_FATAL_FAILURE(CreateDatabases(**cluster, databases));
}

void CreateDatabases(testing::GaleraCluster& cluster, const std::vector<std::string>& databases) {
  for (const std::string& database : databases) {
    absl::Status st = cluster.CreateDatabase(database);
    ASSERT_TRUE(st.ok()) << st;
  }
}

}  // namespace aos::e2e
