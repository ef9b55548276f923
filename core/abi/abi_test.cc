// Keeps the plugin ABI honest: every size and offset of every struct is
// pinned here for x86_64 (LP64). A reorder, removal or retyping of a field
// fails this test; appending a field fails it too, until the new field's
// offset is added here and AOS_MIGRATION_ABI_MINOR is bumped.
#include "core/abi/aos_migration_abi.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "gtest/gtest.h"

namespace {

#if defined(__x86_64__) && defined(__LP64__)

// Compile-time checks: the build itself breaks on a change.
static_assert(sizeof(void*) == 8, "x86_64 expected");

static_assert(offsetof(aos_migration_host_api, struct_size) == 0, "");
static_assert(offsetof(aos_migration_host_api, abi_major) == 4, "");
static_assert(offsetof(aos_migration_host_api, abi_minor) == 6, "");
static_assert(offsetof(aos_migration_host_api, host_context) == 8, "");
static_assert(offsetof(aos_migration_host_api, callback_execute) == 16, "");
static_assert(offsetof(aos_migration_host_api, callback_query) == 24, "");
static_assert(offsetof(aos_migration_host_api, callback_dialect) == 32, "");
static_assert(offsetof(aos_migration_host_api, callback_log) == 40, "");
static_assert(offsetof(aos_migration_host_api, callback_set_error) == 48, "");
static_assert(sizeof(aos_migration_host_api) == 56, "");

static_assert(offsetof(aos_migration_sql_variant, dialect) == 0, "");
static_assert(offsetof(aos_migration_sql_variant, sql) == 8, "");
static_assert(sizeof(aos_migration_sql_variant) == 16, "");

static_assert(offsetof(aos_migration_step, struct_size) == 0, "");
static_assert(offsetof(aos_migration_step, kind) == 4, "");
static_assert(offsetof(aos_migration_step, sql) == 8, "");
static_assert(offsetof(aos_migration_step, variants) == 16, "");
static_assert(offsetof(aos_migration_step, variant_count) == 24, "");
static_assert(offsetof(aos_migration_step, on_run) == 32, "");
static_assert(offsetof(aos_migration_step, step_context) == 40, "");
static_assert(sizeof(aos_migration_step) == 48, "");

static_assert(offsetof(aos_migration_migration, struct_size) == 0, "");
static_assert(offsetof(aos_migration_migration, version) == 8, "");
static_assert(offsetof(aos_migration_migration, description) == 16, "");
static_assert(offsetof(aos_migration_migration, upgrade) == 24, "");
static_assert(offsetof(aos_migration_migration, downgrade) == 32, "");
static_assert(offsetof(aos_migration_migration, phase) == 40, "");
static_assert(sizeof(aos_migration_migration) == 48, "");

static_assert(offsetof(aos_migration_descriptor, struct_size) == 0, "");
static_assert(offsetof(aos_migration_descriptor, magic) == 4, "");
static_assert(offsetof(aos_migration_descriptor, abi_major) == 8, "");
static_assert(offsetof(aos_migration_descriptor, abi_minor) == 10, "");
static_assert(offsetof(aos_migration_descriptor, module_id) == 16, "");
static_assert(offsetof(aos_migration_descriptor, display_name) == 24, "");
static_assert(offsetof(aos_migration_descriptor, repository_id) == 32, "");
static_assert(offsetof(aos_migration_descriptor, service_config_path) == 40, "");
static_assert(offsetof(aos_migration_descriptor, migrations) == 48, "");
static_assert(offsetof(aos_migration_descriptor, migration_count) == 56, "");
static_assert(offsetof(aos_migration_descriptor, migration_struct_size) == 60, "");
static_assert(offsetof(aos_migration_descriptor, plugin_release) == 64, "");
static_assert(offsetof(aos_migration_descriptor, expected_schemas) == 72, "");
static_assert(offsetof(aos_migration_descriptor, expected_schema_count) == 80, "");
static_assert(offsetof(aos_migration_descriptor, expected_schema_struct_size) == 84,
              "");
static_assert(sizeof(aos_migration_descriptor) == 88, "");

static_assert(offsetof(aos_migration_expected_schema, struct_size) == 0, "");
static_assert(offsetof(aos_migration_expected_schema, dialect) == 8, "");
static_assert(offsetof(aos_migration_expected_schema, version) == 16, "");
static_assert(offsetof(aos_migration_expected_schema, text) == 24, "");
static_assert(sizeof(aos_migration_expected_schema) == 32, "");

static_assert(AOS_MIGRATION_DESCRIPTOR_MIN_SIZE == 64, "");
static_assert(AOS_MIGRATION_MIGRATION_MIN_SIZE == 40, "");
static_assert(AOS_MIGRATION_STEP_MIN_SIZE == 48, "");
static_assert(AOS_MIGRATION_DESCRIPTOR_SCHEMAS_SIZE == 88, "");
static_assert(AOS_MIGRATION_EXPECTED_SCHEMA_MIN_SIZE == 32, "");

#endif

// The field types: a retyped field changes the ABI even at the same offset.
template <typename T, typename U>
constexpr bool kSame = std::is_same<T, U>::value;

static_assert(kSame<aos_migration_status, int32_t>, "");
static_assert(kSame<decltype(aos_migration_host_api::struct_size), uint32_t>, "");
static_assert(kSame<decltype(aos_migration_host_api::abi_major), uint16_t>, "");
static_assert(kSame<decltype(aos_migration_host_api::abi_minor), uint16_t>, "");
static_assert(kSame<decltype(aos_migration_host_api::host_context), void*>, "");
static_assert(kSame<decltype(aos_migration_host_api::callback_execute),
                    aos_migration_status (*)(void*, const char*)>, "");
static_assert(kSame<decltype(aos_migration_host_api::callback_query),
                    aos_migration_status (*)(void*, const char*,
                                             aos_migration_on_row, void*)>, "");
static_assert(kSame<decltype(aos_migration_host_api::callback_dialect),
                    const char* (*)(void*)>, "");
static_assert(kSame<decltype(aos_migration_host_api::callback_log),
                    void (*)(void*, const char*)>, "");
static_assert(kSame<decltype(aos_migration_host_api::callback_set_error),
                    void (*)(void*, const char*)>, "");
static_assert(kSame<aos_migration_on_row,
                    aos_migration_status (*)(void*, uint32_t,
                                             const char* const*)>, "");
static_assert(kSame<aos_migration_on_code_step,
                    aos_migration_status (*)(const aos_migration_host_api*,
                                             void*)>, "");
static_assert(kSame<aos_migration_on_describe,
                    const aos_migration_descriptor* (*)(void)>, "");

static_assert(kSame<decltype(aos_migration_sql_variant::dialect), const char*>, "");
static_assert(kSame<decltype(aos_migration_sql_variant::sql), const char*>, "");

static_assert(kSame<decltype(aos_migration_step::struct_size), uint32_t>, "");
static_assert(kSame<decltype(aos_migration_step::kind), uint32_t>, "");
static_assert(kSame<decltype(aos_migration_step::sql), const char*>, "");
static_assert(kSame<decltype(aos_migration_step::variants),
                    const aos_migration_sql_variant*>, "");
static_assert(kSame<decltype(aos_migration_step::variant_count), uint32_t>, "");
static_assert(kSame<decltype(aos_migration_step::on_run),
                    aos_migration_on_code_step>, "");
static_assert(kSame<decltype(aos_migration_step::step_context), void*>, "");

static_assert(kSame<decltype(aos_migration_migration::struct_size), uint32_t>, "");
static_assert(kSame<decltype(aos_migration_migration::version), int64_t>, "");
static_assert(kSame<decltype(aos_migration_migration::description), const char*>, "");
static_assert(kSame<decltype(aos_migration_migration::upgrade),
                    const aos_migration_step*>, "");
static_assert(kSame<decltype(aos_migration_migration::downgrade),
                    const aos_migration_step*>, "");

static_assert(kSame<decltype(aos_migration_descriptor::struct_size), uint32_t>, "");
static_assert(kSame<decltype(aos_migration_descriptor::magic), uint32_t>, "");
static_assert(kSame<decltype(aos_migration_descriptor::abi_major), uint16_t>, "");
static_assert(kSame<decltype(aos_migration_descriptor::abi_minor), uint16_t>, "");
static_assert(kSame<decltype(aos_migration_descriptor::module_id), const char*>, "");
static_assert(kSame<decltype(aos_migration_descriptor::display_name), const char*>, "");
static_assert(kSame<decltype(aos_migration_descriptor::repository_id), const char*>, "");
static_assert(kSame<decltype(aos_migration_descriptor::service_config_path),
                    const char*>, "");
static_assert(kSame<decltype(aos_migration_descriptor::migrations),
                    const aos_migration_migration*>, "");
static_assert(kSame<decltype(aos_migration_descriptor::migration_count), uint32_t>, "");
static_assert(kSame<decltype(aos_migration_descriptor::migration_struct_size),
                    uint32_t>, "");
static_assert(kSame<decltype(aos_migration_descriptor::expected_schemas),
                    const aos_migration_expected_schema*>, "");
static_assert(kSame<decltype(aos_migration_descriptor::expected_schema_count),
                    uint32_t>, "");
static_assert(kSame<decltype(aos_migration_expected_schema::version), int64_t>, "");
static_assert(kSame<decltype(aos_migration_expected_schema::text), const char*>, "");

// Plain C data: the host may copy and zero these freely.
static_assert(std::is_trivial<aos_migration_host_api>::value, "");
static_assert(std::is_trivial<aos_migration_sql_variant>::value, "");
static_assert(std::is_trivial<aos_migration_step>::value, "");
static_assert(std::is_trivial<aos_migration_migration>::value, "");
static_assert(std::is_trivial<aos_migration_descriptor>::value, "");
static_assert(std::is_standard_layout<aos_migration_descriptor>::value, "");

TEST(Abi, Platform) {
#if !(defined(__x86_64__) && defined(__LP64__))
  GTEST_SKIP() << "the layout below is pinned for x86_64 only";
#endif
  EXPECT_EQ(sizeof(void*), 8u);
  EXPECT_EQ(alignof(int64_t), 8u);
}

#define EXPECT_FIELD(type, field, offset, size)             \
  do {                                                      \
    EXPECT_EQ(offsetof(type, field), size_t{offset}) << #field; \
    EXPECT_EQ(sizeof(type::field), size_t{size}) << #field; \
  } while (0)

TEST(Abi, HostApiLayout) {
#if !(defined(__x86_64__) && defined(__LP64__))
  GTEST_SKIP();
#endif
  EXPECT_FIELD(aos_migration_host_api, struct_size, 0, 4);
  EXPECT_FIELD(aos_migration_host_api, abi_major, 4, 2);
  EXPECT_FIELD(aos_migration_host_api, abi_minor, 6, 2);
  EXPECT_FIELD(aos_migration_host_api, host_context, 8, 8);
  EXPECT_FIELD(aos_migration_host_api, callback_execute, 16, 8);
  EXPECT_FIELD(aos_migration_host_api, callback_query, 24, 8);
  EXPECT_FIELD(aos_migration_host_api, callback_dialect, 32, 8);
  EXPECT_FIELD(aos_migration_host_api, callback_log, 40, 8);
  EXPECT_FIELD(aos_migration_host_api, callback_set_error, 48, 8);
  EXPECT_EQ(sizeof(aos_migration_host_api), 56u);
  EXPECT_EQ(alignof(aos_migration_host_api), 8u);
}

TEST(Abi, SqlVariantLayout) {
#if !(defined(__x86_64__) && defined(__LP64__))
  GTEST_SKIP();
#endif
  EXPECT_FIELD(aos_migration_sql_variant, dialect, 0, 8);
  EXPECT_FIELD(aos_migration_sql_variant, sql, 8, 8);
  EXPECT_EQ(sizeof(aos_migration_sql_variant), 16u);
}

TEST(Abi, StepLayout) {
#if !(defined(__x86_64__) && defined(__LP64__))
  GTEST_SKIP();
#endif
  EXPECT_FIELD(aos_migration_step, struct_size, 0, 4);
  EXPECT_FIELD(aos_migration_step, kind, 4, 4);
  EXPECT_FIELD(aos_migration_step, sql, 8, 8);
  EXPECT_FIELD(aos_migration_step, variants, 16, 8);
  EXPECT_FIELD(aos_migration_step, variant_count, 24, 4);
  EXPECT_FIELD(aos_migration_step, on_run, 32, 8);
  EXPECT_FIELD(aos_migration_step, step_context, 40, 8);
  EXPECT_EQ(sizeof(aos_migration_step), 48u);
}

TEST(Abi, MigrationLayout) {
#if !(defined(__x86_64__) && defined(__LP64__))
  GTEST_SKIP();
#endif
  EXPECT_FIELD(aos_migration_migration, struct_size, 0, 4);
  EXPECT_FIELD(aos_migration_migration, version, 8, 8);
  EXPECT_FIELD(aos_migration_migration, description, 16, 8);
  EXPECT_FIELD(aos_migration_migration, upgrade, 24, 8);
  EXPECT_FIELD(aos_migration_migration, downgrade, 32, 8);
  EXPECT_FIELD(aos_migration_migration, phase, 40, 4);
  EXPECT_EQ(sizeof(aos_migration_migration), 48u);
}

TEST(Abi, DescriptorLayout) {
#if !(defined(__x86_64__) && defined(__LP64__))
  GTEST_SKIP();
#endif
  EXPECT_FIELD(aos_migration_descriptor, struct_size, 0, 4);
  EXPECT_FIELD(aos_migration_descriptor, magic, 4, 4);
  EXPECT_FIELD(aos_migration_descriptor, abi_major, 8, 2);
  EXPECT_FIELD(aos_migration_descriptor, abi_minor, 10, 2);
  EXPECT_FIELD(aos_migration_descriptor, module_id, 16, 8);
  EXPECT_FIELD(aos_migration_descriptor, display_name, 24, 8);
  EXPECT_FIELD(aos_migration_descriptor, repository_id, 32, 8);
  EXPECT_FIELD(aos_migration_descriptor, service_config_path, 40, 8);
  EXPECT_FIELD(aos_migration_descriptor, migrations, 48, 8);
  EXPECT_FIELD(aos_migration_descriptor, migration_count, 56, 4);
  EXPECT_FIELD(aos_migration_descriptor, migration_struct_size, 60, 4);
  EXPECT_FIELD(aos_migration_descriptor, plugin_release, 64, 8);  // ABI 1.1
  EXPECT_FIELD(aos_migration_descriptor, expected_schemas, 72, 8);  // ABI 1.3
  EXPECT_FIELD(aos_migration_descriptor, expected_schema_count, 80, 4);
  EXPECT_FIELD(aos_migration_descriptor, expected_schema_struct_size, 84, 4);
  EXPECT_EQ(sizeof(aos_migration_descriptor), 88u);
}

TEST(Abi, ExpectedSchemaLayout) {
#if !(defined(__x86_64__) && defined(__LP64__))
  GTEST_SKIP();
#endif
  EXPECT_FIELD(aos_migration_expected_schema, struct_size, 0, 4);
  EXPECT_FIELD(aos_migration_expected_schema, dialect, 8, 8);
  EXPECT_FIELD(aos_migration_expected_schema, version, 16, 8);
  EXPECT_FIELD(aos_migration_expected_schema, text, 24, 8);
  EXPECT_EQ(sizeof(aos_migration_expected_schema), 32u);
}

TEST(Abi, MinimumSizes) {
#if !(defined(__x86_64__) && defined(__LP64__))
  GTEST_SKIP();
#endif
  // ABI 1.0's full structs.
  EXPECT_EQ(AOS_MIGRATION_DESCRIPTOR_MIN_SIZE, 64u);
  EXPECT_EQ(AOS_MIGRATION_MIGRATION_MIN_SIZE, 40u);
  EXPECT_EQ(AOS_MIGRATION_STEP_MIN_SIZE, 48u);
}

TEST(Abi, MinimumSizesAreTheFullVersion1Structs) {
  // ABI 1.1 appended plugin_release to the descriptor; a 1.0 descriptor
  // ends where it starts.
  EXPECT_EQ(AOS_MIGRATION_DESCRIPTOR_MIN_SIZE,
            offsetof(aos_migration_descriptor, plugin_release));
  // ABI 1.2 appended phase to the migration; a 1.0/1.1 migration ends
  // where it starts.
  EXPECT_EQ(AOS_MIGRATION_MIGRATION_MIN_SIZE,
            offsetof(aos_migration_migration, phase));
  EXPECT_EQ(AOS_MIGRATION_MIGRATION_PHASE_SIZE,
            offsetof(aos_migration_migration, phase) + sizeof(uint32_t));
  EXPECT_EQ(AOS_MIGRATION_STEP_MIN_SIZE, sizeof(aos_migration_step));
}

TEST(Abi, MagicAndVersion) {
  EXPECT_EQ(AOS_MIGRATION_MAGIC, 0x414F534DU);
  // The magic reads "AOSM" as a big-endian four-character code.
  const uint32_t magic = AOS_MIGRATION_MAGIC;
  const char expected[4] = {'A', 'O', 'S', 'M'};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(static_cast<char>((magic >> (24 - 8 * i)) & 0xff), expected[i]);
  }
  EXPECT_EQ(AOS_MIGRATION_ABI_MAJOR, 1);
  EXPECT_EQ(AOS_MIGRATION_ABI_MINOR, 3);
}

TEST(Abi, StatusCodesAndStepKinds) {
  EXPECT_EQ(AOS_MIGRATION_OK, 0);
  EXPECT_EQ(AOS_MIGRATION_ERROR, 1);
  EXPECT_EQ(AOS_MIGRATION_STEP_NONE, 0);
  EXPECT_EQ(AOS_MIGRATION_STEP_SQL, 1);
  EXPECT_EQ(AOS_MIGRATION_STEP_CODE, 2);
}

TEST(Abi, EntrySymbol) {
  EXPECT_STREQ(AOS_MIGRATION_ENTRY_SYMBOL, "aos_migration_plugin_describe");
}

}  // namespace
