// The poll of a long statement's progress against a stand-in server: what
// it tells, that a short statement opens nothing, that a server without
// the columns ends it quietly.
#include "core/engine/apply/statement_progress.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::engine {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Answers the PROCESSLIST query with the rows it is given, one answer a
// query (the last one again once they run out), or fails every query.
class StandInServer : public backend::Database {
 public:
  explicit StandInServer(std::vector<std::vector<backend::Row>> answers,
                         std::vector<std::string>* asked)
      : answers_(std::move(answers)), asked_(asked) {}
  absl::string_view dialect() const override { return "mysql"; }
  bool transactional_ddl() const override { return false; }
  absl::Status Execute(absl::string_view, const std::vector<backend::SqlValue>&) override {
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<backend::Row>> Query(
      absl::string_view sql, const std::vector<backend::SqlValue>& params) override {
    asked_->push_back(absl::StrCat(sql, " [", std::get<int64_t>(params.at(0)), " ",
                                   std::get<std::string>(params.at(1)), "]"));
    if (answers_.empty()) return absl::InvalidArgumentError("Unknown column 'MAX_STAGE'");
    std::vector<backend::Row> rows = answers_.front();
    if (answers_.size() > 1) answers_.erase(answers_.begin());
    return rows;
  }
  absl::StatusOr<bool> TableExists(absl::string_view) override { return false; }
  absl::StatusOr<std::vector<std::string>> ListTables() override {
    return std::vector<std::string>{};
  }

 private:
  std::vector<std::vector<backend::Row>> answers_;
  std::vector<std::string>* asked_;
};

struct Told {
  std::mutex mu;
  std::vector<std::string> fractions;
  absl::Notification enough;
  size_t want = 1;

  FractionFn Fn() {
    return [this](int64_t done, int64_t total, const std::string& unit) {
      std::lock_guard<std::mutex> lock(mu);
      fractions.push_back(absl::StrCat(done, "/", total, unit));
      if (fractions.size() == want) enough.Notify();
    };
  }
};

TEST(StatementProgressTest, TellsEachNewPercentageOfTheSession) {
  std::vector<std::string> asked;
  std::atomic<int> opened{0};
  Told told;
  told.want = 2;
  {
    StatementProgress poll(
        [&]() -> absl::StatusOr<std::unique_ptr<backend::Database>> {
          ++opened;
          return std::make_unique<StandInServer>(
              std::vector<std::vector<backend::Row>>{
                  {{"0", "0.000"}},  // no stages yet: nothing told
                  {{"2", "12.345"}},
                  {{"2", "12.345"}},  // the same: not told again
                  {{"2", "50.000"}}},
              &asked);
        },
        42, "db1:3306", told.Fn());
    // Polls come 2 s apart: room for a loaded machine.
    ASSERT_TRUE(told.enough.WaitForNotificationWithTimeout(absl::Seconds(60)));
  }
  EXPECT_EQ(opened, 1);
  std::lock_guard<std::mutex> lock(told.mu);
  EXPECT_THAT(told.fractions, ElementsAre("123/1000%", "500/1000%"));
  ASSERT_FALSE(asked.empty());
  EXPECT_THAT(asked[0], ::testing::HasSubstr("information_schema.PROCESSLIST"));
  EXPECT_THAT(asked[0], ::testing::HasSubstr("CONCAT(@@hostname, ':', @@port) = ?"));
  EXPECT_THAT(asked[0], ::testing::EndsWith("[42 db1:3306]"));
}

TEST(StatementProgressTest, AShortStatementOpensNothing) {
  std::atomic<int> opened{0};
  Told told;
  const absl::Time start = absl::Now();
  {
    StatementProgress poll(
        [&]() -> absl::StatusOr<std::unique_ptr<backend::Database>> {
          ++opened;
          return absl::UnavailableError("not reached");
        },
        42, "db1:3306", told.Fn());
  }
  // Destroyed before the first poll: nothing opened, and no wait for it.
  EXPECT_LT(absl::Now() - start, kStatementPollFirst);
  EXPECT_EQ(opened, 0);
  EXPECT_THAT(told.fractions, IsEmpty());
}

TEST(StatementProgressTest, AServerWithoutTheColumnsEndsThePollQuietly) {
  std::vector<std::string> asked;
  absl::Notification queried;
  Told told;
  {
    StatementProgress poll(
        [&]() -> absl::StatusOr<std::unique_ptr<backend::Database>> {
          queried.Notify();
          return std::make_unique<StandInServer>(std::vector<std::vector<backend::Row>>{}, &asked);
        },
        42, "db1:3306", told.Fn());
    ASSERT_TRUE(queried.WaitForNotificationWithTimeout(absl::Seconds(60)));
  }
  EXPECT_LE(asked.size(), 1u);  // one failed query, then no more
  EXPECT_THAT(told.fractions, IsEmpty());
}

TEST(StatementProgressTest, NothingToPollStartsNothing) {
  Told told;
  int opened = 0;
  OpenReader open = [&]() -> absl::StatusOr<std::unique_ptr<backend::Database>> {
    ++opened;
    return absl::UnavailableError("not reached");
  };
  { StatementProgress no_session(open, 0, "db1:3306", told.Fn()); }
  { StatementProgress no_reader(nullptr, 42, "db1:3306", told.Fn()); }
  { StatementProgress no_fraction(open, 42, "db1:3306", nullptr); }
  EXPECT_EQ(opened, 0);
}

}  // namespace
}  // namespace aos::engine
