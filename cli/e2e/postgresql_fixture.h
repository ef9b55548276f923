// postgresql_fixture.h: the private PostgreSQL of the end-to-end tests
// (tools/testing/postgresql_server.h), one per test suite. A suite derives
// from PostgresqlSuite<> (or PostgresqlSuite<::testing::TestWithParam<T>>):
// the server is started before its first test and stopped after its last;
// a server that does not start fails the suite, and each of its tests
// (SetUp) without touching it. A suite that overrides SetUp calls
// PostgresqlSuite::SetUp() first, under ASSERT_NO_FATAL_FAILURE.
#ifndef AOS_CLI_E2E_POSTGRESQL_FIXTURE_H_
#define AOS_CLI_E2E_POSTGRESQL_FIXTURE_H_

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "tools/testing/postgresql_server.h"

namespace aos::e2e {

template <typename Base = ::testing::Test>
class PostgresqlSuite : public Base {
 public:
  static void SetUpTestSuite() {
    pg_ = new testing::PostgresqlServer();
    if (absl::Status st = pg_->Start(); !st.ok()) {
      delete pg_;
      pg_ = nullptr;
      ADD_FAILURE() << "PostgreSQL did not start: " << st;
    }
  }
  static void TearDownTestSuite() {
    delete pg_;
    pg_ = nullptr;
  }

 protected:
  void SetUp() override { ASSERT_NE(pg_, nullptr) << "PostgreSQL did not start"; }

  // The suite's server; null when it did not start.
  inline static testing::PostgresqlServer* pg_ = nullptr;
};

}  // namespace aos::e2e

#endif  // AOS_CLI_E2E_POSTGRESQL_FIXTURE_H_
