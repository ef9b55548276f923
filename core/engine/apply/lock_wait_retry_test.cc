#include "core/engine/apply/lock_wait_retry.h"

#include "core/backend/database_error.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::engine {
namespace {

using ::testing::HasSubstr;

absl::Status LockWait() {
  return backend::MakeDatabaseError(
      {"mysql", "1205", backend::ErrorCategory::kLockWaitTimeout},
      "(1205) Lock wait timeout exceeded");
}

LockWaitRetry How(int total, int attempt) {
  LockWaitRetry how;
  how.total_seconds = total;
  how.attempt_seconds = attempt;
  how.tables = {"events"};
  how.after = "nothing took effect";
  return how;
}

TEST(LockWaitRetryTest, TriesAgainUntilTheLockIsFree) {
  int calls = 0;
  std::vector<std::string> said;
  LockWaitRetry how = How(30, 1);
  how.progress = [&](const std::string& s) { said.push_back(s); };
  absl::Status st = RetryOnLockWait(how, [&] {
    return ++calls < 3 ? LockWait() : absl::OkStatus();
  });
  EXPECT_TRUE(st.ok()) << st;
  EXPECT_EQ(calls, 3);
  ASSERT_EQ(said.size(), 2u);
  EXPECT_THAT(said[0], HasSubstr("waiting for a lock on events"));
}

TEST(LockWaitRetryTest, OtherFailuresAreNotRetried) {
  int calls = 0;
  absl::Status st = RetryOnLockWait(How(30, 1), [&] {
    ++calls;
    return absl::InternalError("no");
  });
  EXPECT_EQ(st.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(calls, 1);
}

TEST(LockWaitRetryTest, GivesUpAtTheTotalAndSaysSo) {
  int calls = 0;
  absl::Status st = RetryOnLockWait(How(2, 1), [&] {
    ++calls;
    return LockWait();
  });
  EXPECT_EQ(backend::CategoryOf(st), backend::ErrorCategory::kLockWaitTimeout);
  EXPECT_GE(calls, 1);
  EXPECT_THAT(st.message(), HasSubstr("it waited lock_wait_timeout (2 s) for "
                                      "a lock another session holds on events"));
  EXPECT_THAT(st.message(), HasSubstr("nothing took effect"));
}

TEST(LockWaitRetryTest, NoRoomForAttemptsMeansOne) {
  int calls = 0;
  absl::Status st = RetryOnLockWait(How(2, 2), [&] {
    ++calls;
    return LockWait();
  });
  EXPECT_EQ(calls, 1);
  EXPECT_THAT(st.message(), HasSubstr("it waited lock_wait_timeout (2 s)"));
}

}  // namespace
}  // namespace aos::engine
