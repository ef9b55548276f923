// The ABI 1.3 expected schemas as ReadDescriptor reads them: copied when
// well-formed, absent from an older descriptor, and a bad entry refuses the
// plugin naming it.
#include <string>

#include "core/abi/aos_migration_abi.h"
#include "core/plugin/descriptor_reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::plugin {
namespace {

using ::testing::HasSubstr;

class ExpectedSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    up_ = {};
    up_.struct_size = sizeof(aos_migration_step);
    up_.kind = AOS_MIGRATION_STEP_SQL;
    up_.sql = "CREATE TABLE t (id INT)";
    for (int i = 0; i < 2; ++i) {
      migrations_[i] = {};
      migrations_[i].struct_size = sizeof(aos_migration_migration);
      migrations_[i].version = i + 1;
      migrations_[i].description = "step";
      migrations_[i].upgrade = &up_;
    }
    schemas_[0] = Entry("mysql", 1, "column t.id\tint\ntable t\ttable\n");
    schemas_[1] = Entry("mysql", 2, "table t\ttable\n");
    schemas_[2] = Entry("sqlite", 1, "table t\ttable\n");
    d_ = {};
    d_.struct_size = sizeof(aos_migration_descriptor);
    d_.magic = AOS_MIGRATION_MAGIC;
    d_.abi_major = AOS_MIGRATION_ABI_MAJOR;
    d_.abi_minor = AOS_MIGRATION_ABI_MINOR;
    d_.module_id = "dashboard";
    d_.display_name = "Dashboard";
    d_.migrations = migrations_;
    d_.migration_count = 2;
    d_.migration_struct_size = sizeof(aos_migration_migration);
    d_.expected_schemas = schemas_;
    d_.expected_schema_count = 3;
    d_.expected_schema_struct_size = sizeof(aos_migration_expected_schema);
  }

  static aos_migration_expected_schema Entry(const char* dialect, int64_t version,
                                             const char* text) {
    aos_migration_expected_schema e{};
    e.struct_size = sizeof(e);
    e.dialect = dialect;
    e.version = version;
    e.text = text;
    return e;
  }

  std::string Refusal() {
    absl::StatusOr<ModulePlugin> plugin = ReadDescriptor(&d_, "/plugins/x.so");
    EXPECT_FALSE(plugin.ok()) << "accepted, unexpectedly";
    if (plugin.ok()) return "";
    EXPECT_EQ(plugin.status().code(), absl::StatusCode::kFailedPrecondition);
    return std::string(plugin.status().message());
  }

  aos_migration_step up_;
  aos_migration_migration migrations_[2];
  aos_migration_expected_schema schemas_[3];
  aos_migration_descriptor d_;
};

TEST_F(ExpectedSchemaTest, CopiesThemPerDialectAndVersion) {
  absl::StatusOr<ModulePlugin> p = ReadDescriptor(&d_, "/plugins/x.so");
  ASSERT_TRUE(p.ok()) << p.status();
  ASSERT_NE(p->ExpectedSchema("mysql", 1), nullptr);
  EXPECT_EQ(*p->ExpectedSchema("mysql", 1), "column t.id\tint\ntable t\ttable\n");
  EXPECT_EQ(*p->ExpectedSchema("mysql", 2), "table t\ttable\n");
  EXPECT_EQ(*p->ExpectedSchema("mysql", 0), "");  // nothing applied
  EXPECT_EQ(*p->ExpectedSchema("sqlite", 1), "table t\ttable\n");
  EXPECT_EQ(p->ExpectedSchema("sqlite", 2), nullptr);  // not known
  EXPECT_EQ(p->ExpectedSchema("postgresql", 1), nullptr);
  EXPECT_EQ(p->ExpectedSchema("postgresql", 0), nullptr);
}

TEST_F(ExpectedSchemaTest, AnOlderDescriptorOrNoneMeansNotKnown) {
  d_.struct_size = offsetof(aos_migration_descriptor, expected_schemas);
  d_.abi_minor = 2;
  absl::StatusOr<ModulePlugin> p = ReadDescriptor(&d_, "/plugins/x.so");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_TRUE(p->expected_schemas.empty());
  SetUp();
  d_.expected_schemas = nullptr;
  d_.expected_schema_count = 0;
  p = ReadDescriptor(&d_, "/plugins/x.so");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_TRUE(p->expected_schemas.empty());
}

TEST_F(ExpectedSchemaTest, RefusesABadArray) {
  d_.expected_schemas = nullptr;
  EXPECT_THAT(Refusal(), HasSubstr("expected_schemas is NULL"));
  SetUp();
  d_.expected_schema_struct_size = 8;
  EXPECT_THAT(Refusal(), HasSubstr("expected_schema_struct_size 8"));
  SetUp();
  d_.expected_schema_count = 1000;
  EXPECT_THAT(Refusal(), HasSubstr("expected_schema_count 1000"));
}

TEST_F(ExpectedSchemaTest, RefusesABadEntryNamingIt) {
  schemas_[2].dialect = "oracle";
  EXPECT_THAT(Refusal(), HasSubstr("expected_schemas #3: dialect is not mysql"));
  SetUp();
  schemas_[1].version = 7;
  EXPECT_THAT(Refusal(), HasSubstr("expected_schemas #2 (mysql, version 7): version 7 "
                                   "is no migration's version"));
  SetUp();
  schemas_[0].text = "table t without a tab\n";
  EXPECT_THAT(Refusal(), HasSubstr("expected_schemas #1 (mysql, version 1): schema "
                                   "text, line 1: no tab"));
  SetUp();
  schemas_[1] = Entry("mysql", 1, "");
  EXPECT_THAT(Refusal(), HasSubstr("expected_schemas #2 (mysql, version 1): a second"));
  SetUp();
  schemas_[1] = Entry("mysql", 0, "table t\ttable\n");
  EXPECT_THAT(Refusal(), HasSubstr("version 0 (nothing applied) has objects"));
  SetUp();
  schemas_[1].text = nullptr;
  EXPECT_THAT(Refusal(), HasSubstr("text is NULL"));
  SetUp();
  schemas_[1].struct_size = 4;
  EXPECT_THAT(Refusal(), HasSubstr("expected_schemas #2: struct_size 4"));
}

}  // namespace
}  // namespace aos::plugin
