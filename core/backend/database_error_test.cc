#include "core/backend/database_error.h"

#include "gtest/gtest.h"

namespace aos::backend {
namespace {

TEST(DatabaseErrorTest, CarriesEngineCodeAndCategory) {
  absl::Status st = MakeDatabaseError(
      {"mysql", "1205", ErrorCategory::kLockWaitTimeout},
      "(1205) Lock wait timeout exceeded");
  EXPECT_EQ(st.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(st.message(), "(1205) Lock wait timeout exceeded");
  std::optional<DatabaseErrorInfo> info = GetDatabaseError(st);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->engine, "mysql");
  EXPECT_EQ(info->server_code, "1205");
  EXPECT_EQ(info->category, ErrorCategory::kLockWaitTimeout);
}

TEST(DatabaseErrorTest, ConnectionCategoriesAreUnavailable) {
  EXPECT_EQ(MakeDatabaseError({"mysql", "2013", ErrorCategory::kConnectionLost},
                              "x")
                .code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(MakeDatabaseError({"pg", "", ErrorCategory::kCannotConnect}, "x")
                .code(),
            absl::StatusCode::kUnavailable);
}

TEST(DatabaseErrorTest, OtherStatusesHaveNoCategory) {
  EXPECT_FALSE(CategoryOf(absl::AbortedError("(1205) looks like one")));
  EXPECT_FALSE(CategoryOf(absl::OkStatus()));
  EXPECT_FALSE(GetDatabaseError(absl::InvalidArgumentError("bad version")));
}

TEST(DatabaseErrorTest, WithContextKeepsThePayload) {
  absl::Status st = WithContext(
      MakeDatabaseError({"postgresql", "40P01", ErrorCategory::kDeadlock},
                        "(40P01) deadlock detected"),
      "statement 2 of 3: ", "; retried");
  EXPECT_EQ(st.message(), "statement 2 of 3: (40P01) deadlock detected; retried");
  EXPECT_EQ(CategoryOf(st), ErrorCategory::kDeadlock);
  EXPECT_EQ(GetDatabaseError(st)->server_code, "40P01");
  EXPECT_TRUE(WithContext(absl::OkStatus(), "x").ok());
}

TEST(DatabaseErrorTest, EveryCategoryHasAName) {
  for (ErrorCategory c :
       {ErrorCategory::kConnectionLost, ErrorCategory::kCannotConnect,
        ErrorCategory::kAccessDenied, ErrorCategory::kLockWaitTimeout,
        ErrorCategory::kDeadlock, ErrorCategory::kDuplicate,
        ErrorCategory::kSyntax, ErrorCategory::kOther}) {
    absl::Status st = MakeDatabaseError({"mysql", "1", c}, "m");
    EXPECT_EQ(CategoryOf(st), c) << CategoryName(c);
  }
  EXPECT_EQ(CategoryName(ErrorCategory::kConnectionLost), "connection_lost");
  EXPECT_EQ(CategoryName(ErrorCategory::kLockWaitTimeout), "lock_wait_timeout");
}

TEST(DatabaseErrorTest, MysqlCodes) {
  EXPECT_EQ(MysqlCategory(2013), ErrorCategory::kConnectionLost);
  EXPECT_EQ(MysqlCategory(2006), ErrorCategory::kConnectionLost);
  EXPECT_EQ(MysqlCategory(2002), ErrorCategory::kCannotConnect);
  EXPECT_EQ(MysqlCategory(1045), ErrorCategory::kAccessDenied);
  EXPECT_EQ(MysqlCategory(1205), ErrorCategory::kLockWaitTimeout);
  EXPECT_EQ(MysqlCategory(1213), ErrorCategory::kDeadlock);
  EXPECT_EQ(MysqlCategory(1062), ErrorCategory::kDuplicate);
  EXPECT_EQ(MysqlCategory(1050), ErrorCategory::kDuplicate);
  EXPECT_EQ(MysqlCategory(1064), ErrorCategory::kSyntax);
  EXPECT_EQ(MysqlCategory(1054), ErrorCategory::kOther);
}

TEST(DatabaseErrorTest, PostgresqlStates) {
  EXPECT_EQ(PostgresqlCategory("57P01"), ErrorCategory::kConnectionLost);
  EXPECT_EQ(PostgresqlCategory("08001"), ErrorCategory::kCannotConnect);
  EXPECT_EQ(PostgresqlCategory("28P01"), ErrorCategory::kAccessDenied);
  EXPECT_EQ(PostgresqlCategory("42501"), ErrorCategory::kAccessDenied);
  EXPECT_EQ(PostgresqlCategory("55P03"), ErrorCategory::kLockWaitTimeout);
  EXPECT_EQ(PostgresqlCategory("40001"), ErrorCategory::kDeadlock);
  EXPECT_EQ(PostgresqlCategory("23505"), ErrorCategory::kDuplicate);
  EXPECT_EQ(PostgresqlCategory("42601"), ErrorCategory::kSyntax);
  EXPECT_EQ(PostgresqlCategory("42P01"), ErrorCategory::kOther);
  EXPECT_EQ(PostgresqlCategory(""), ErrorCategory::kOther);
}

TEST(DatabaseErrorTest, SqliteCodes) {
  EXPECT_EQ(SqliteCategory(5), ErrorCategory::kLockWaitTimeout);
  EXPECT_EQ(SqliteCategory(2067), ErrorCategory::kDuplicate);   // UNIQUE
  EXPECT_EQ(SqliteCategory(1555), ErrorCategory::kDuplicate);   // PRIMARYKEY
  EXPECT_EQ(SqliteCategory(787), ErrorCategory::kOther);        // FOREIGNKEY
  EXPECT_EQ(SqliteCategory(14), ErrorCategory::kCannotConnect);
}

}  // namespace
}  // namespace aos::backend
