#include "core/plugin/descriptor_reader.h"
#include "core/plugin/module_id.h"

#include <cstring>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "core/abi/aos_migration_abi.h"

namespace aos::plugin {
namespace {

using ::testing::HasSubstr;

aos_migration_status RunNothing(const aos_migration_host_api*, void*) {
  return AOS_MIGRATION_OK;
}

int g_context_marker;

// A well-formed descriptor, built in memory, that each test breaks in one way.
class DescriptorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    variants_[0] = {"mysql", "CREATE TABLE t (id INT) ENGINE=InnoDB"};
    variants_[1] = {"sqlite", "CREATE TABLE t (id INTEGER)"};

    up1_ = MakeStep(AOS_MIGRATION_STEP_SQL);
    up1_.sql = "CREATE TABLE t (id INT)";
    up1_.variants = variants_;
    up1_.variant_count = 2;
    down1_ = MakeStep(AOS_MIGRATION_STEP_SQL);
    down1_.sql = "DROP TABLE t";

    up2_ = MakeStep(AOS_MIGRATION_STEP_CODE);
    up2_.on_run = &RunNothing;
    up2_.step_context = &g_context_marker;

    up3_ = MakeStep(AOS_MIGRATION_STEP_SQL);
    up3_.sql = "ALTER TABLE t ADD x INT";

    migrations_[0] = MakeMigration(1, "initial schema", &up1_, &down1_);
    migrations_[1] = MakeMigration(2, "backfill owners", &up2_, nullptr);
    migrations_[2] = MakeMigration(5, "add x", &up3_, &down1_);

    d_ = {};
    d_.struct_size = sizeof(aos_migration_descriptor);
    d_.magic = AOS_MIGRATION_MAGIC;
    d_.abi_major = AOS_MIGRATION_ABI_MAJOR;
    d_.abi_minor = AOS_MIGRATION_ABI_MINOR;
    d_.module_id = "dashboard";
    d_.display_name = "Dashboard";
    d_.repository_id = nullptr;
    d_.service_config_path = "/etc/aos/dashboard/dashboard.conf";
    d_.migrations = migrations_;
    d_.migration_count = 3;
    d_.migration_struct_size = sizeof(aos_migration_migration);
  }

  static aos_migration_step MakeStep(uint32_t kind) {
    aos_migration_step s{};
    s.struct_size = sizeof(aos_migration_step);
    s.kind = kind;
    return s;
  }

  static aos_migration_migration MakeMigration(int64_t version,
                                               const char* description,
                                               const aos_migration_step* up,
                                               const aos_migration_step* down) {
    aos_migration_migration m{};
    m.struct_size = sizeof(aos_migration_migration);
    m.version = version;
    m.description = description;
    m.upgrade = up;
    m.downgrade = down;
    return m;
  }

  // The refusal message; fails the test if the descriptor was accepted.
  std::string Refusal() { return Refusal(&d_); }
  std::string Refusal(const aos_migration_descriptor* d) {
    absl::StatusOr<ModulePlugin> plugin = ReadDescriptor(d, "/plugins/x.so");
    EXPECT_FALSE(plugin.ok()) << "accepted, unexpectedly";
    if (plugin.ok()) return "";
    EXPECT_EQ(plugin.status().code(), absl::StatusCode::kFailedPrecondition);
    return std::string(plugin.status().message());
  }

  aos_migration_sql_variant variants_[2];
  aos_migration_step up1_, down1_, up2_, up3_;
  aos_migration_migration migrations_[3];
  aos_migration_descriptor d_;
};

TEST_F(DescriptorTest, AcceptsAGoodDescriptorAndCopiesIt) {
  char module_id[] = "dashboard";
  char display_name[] = "Dashboard";
  char description[] = "initial schema";
  char sql[] = "CREATE TABLE t (id INT)";
  d_.module_id = module_id;
  d_.display_name = display_name;
  migrations_[0].description = description;
  up1_.sql = sql;

  absl::StatusOr<ModulePlugin> plugin = ReadDescriptor(&d_, "/plugins/x.so");
  ASSERT_TRUE(plugin.ok()) << plugin.status();

  // Copies, not pointers into the plugin: scribbling over the originals
  // changes nothing.
  std::memset(module_id, 'X', sizeof(module_id) - 1);
  std::memset(display_name, 'X', sizeof(display_name) - 1);
  std::memset(description, 'X', sizeof(description) - 1);
  std::memset(sql, 'X', sizeof(sql) - 1);

  EXPECT_EQ(plugin->path, "/plugins/x.so");
  EXPECT_EQ(plugin->module_id, "dashboard");
  EXPECT_EQ(plugin->display_name, "Dashboard");
  EXPECT_EQ(plugin->repository_id, "dashboard");  // defaults to module_id
  EXPECT_EQ(plugin->service_config_path, "/etc/aos/dashboard/dashboard.conf");
  ASSERT_EQ(plugin->migrations.size(), 3u);
  EXPECT_EQ(plugin->LatestVersion(), 5);

  const Migration& m1 = plugin->migrations[0];
  EXPECT_EQ(m1.version, 1);
  EXPECT_EQ(m1.description, "initial schema");
  EXPECT_EQ(m1.upgrade.kind, Step::Kind::kSql);
  EXPECT_EQ(m1.upgrade.sql, "CREATE TABLE t (id INT)");
  EXPECT_EQ(m1.upgrade.sql_by_dialect.size(), 2u);
  EXPECT_EQ(m1.upgrade.SqlFor("mysql"), "CREATE TABLE t (id INT) ENGINE=InnoDB");
  EXPECT_EQ(m1.upgrade.SqlFor("sqlite"), "CREATE TABLE t (id INTEGER)");
  EXPECT_EQ(m1.upgrade.SqlFor("postgresql"), "CREATE TABLE t (id INT)");
  ASSERT_TRUE(m1.downgrade.has_value());
  EXPECT_EQ(m1.downgrade->sql, "DROP TABLE t");

  const Migration& m2 = plugin->migrations[1];
  EXPECT_EQ(m2.version, 2);
  EXPECT_EQ(m2.description, "backfill owners");
  EXPECT_EQ(m2.upgrade.kind, Step::Kind::kCode);
  EXPECT_EQ(m2.upgrade.on_run, &RunNothing);
  EXPECT_EQ(m2.upgrade.step_context, &g_context_marker);
  EXPECT_FALSE(m2.downgrade.has_value());  // irreversible

  EXPECT_EQ(plugin->migrations[2].version, 5);
  EXPECT_EQ(plugin->migrations[2].upgrade.sql, "ALTER TABLE t ADD x INT");
}

TEST_F(DescriptorTest, ReadsEachMigrationsPhase) {
  migrations_[0].phase = AOS_MIGRATION_PHASE_EXPAND;
  migrations_[1].phase = AOS_MIGRATION_PHASE_MIGRATE;
  migrations_[2].phase = AOS_MIGRATION_PHASE_CONTRACT;
  absl::StatusOr<ModulePlugin> plugin = ReadDescriptor(&d_, "/plugins/x.so");
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  EXPECT_EQ(plugin->migrations[0].phase, Phase::kExpand);
  EXPECT_EQ(plugin->migrations[1].phase, Phase::kMigrate);
  EXPECT_EQ(plugin->migrations[2].phase, Phase::kContract);
}

TEST_F(DescriptorTest, APluginBuiltBeforeAbi12HasNoPhase) {
  // An ABI 1.1 plugin's migrations end before `phase`: whatever lies
  // there is not read.
  struct Old {
    aos_migration_migration m;
  } old[3];
  for (int i = 0; i < 3; ++i) {
    old[i].m = migrations_[i];
    old[i].m.struct_size = AOS_MIGRATION_MIGRATION_MIN_SIZE;
    old[i].m.phase = 9;  // beyond its struct: garbage it never wrote
  }
  d_.migrations = &old[0].m;
  d_.abi_minor = 1;
  absl::StatusOr<ModulePlugin> plugin = ReadDescriptor(&d_, "/plugins/x.so");
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  for (const Migration& m : plugin->migrations) {
    EXPECT_EQ(m.phase, Phase::kUnspecified);
  }
}

TEST_F(DescriptorTest, RefusesAnUnknownPhase) {
  migrations_[1].phase = 4;
  EXPECT_THAT(Refusal(), HasSubstr("phase 4 is not one of 0-3"));
}

TEST_F(DescriptorTest, EmptyRepositoryIdDefaultsToModuleId) {
  d_.repository_id = "";
  absl::StatusOr<ModulePlugin> plugin = ReadDescriptor(&d_, "p");
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  EXPECT_EQ(plugin->repository_id, "dashboard");
}

TEST_F(DescriptorTest, ExplicitRepositoryIdIsKept) {
  d_.repository_id = "Dashboard Repository";
  absl::StatusOr<ModulePlugin> plugin = ReadDescriptor(&d_, "p");
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  EXPECT_EQ(plugin->repository_id, "Dashboard Repository");
}

TEST_F(DescriptorTest, TooLongRepositoryIdIsRefused) {
  std::string long_id(251, 'r');
  d_.repository_id = long_id.c_str();
  EXPECT_THAT(Refusal(), HasSubstr("repository_id is longer than 250"));
  std::string ok_id(250, 'r');
  d_.repository_id = ok_id.c_str();
  EXPECT_TRUE(ReadDescriptor(&d_, "p").ok());
}

TEST_F(DescriptorTest, NoServiceConfigIsEmpty) {
  d_.service_config_path = nullptr;
  absl::StatusOr<ModulePlugin> plugin = ReadDescriptor(&d_, "p");
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  EXPECT_EQ(plugin->service_config_path, "");
}

TEST_F(DescriptorTest, BiggerDescriptorFromANewerMinorIsAcceptedWhenMinorFits) {
  // A newer plugin's larger struct: the extra bytes are ignored.
  struct Bigger {
    aos_migration_descriptor d;
    uint64_t extra;
  } bigger{d_, 0xdeadbeef};
  bigger.d.struct_size = sizeof(Bigger);
  absl::StatusOr<ModulePlugin> plugin = ReadDescriptor(&bigger.d, "p");
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  EXPECT_EQ(plugin->module_id, "dashboard");
}

TEST_F(DescriptorTest, RefusesNull) {
  EXPECT_EQ(Refusal(nullptr), "the entry function returned NULL");
}

TEST_F(DescriptorTest, RefusesTooSmallStructSize) {
  d_.struct_size = AOS_MIGRATION_DESCRIPTOR_MIN_SIZE - 1;
  std::string error = Refusal();
  EXPECT_THAT(error, HasSubstr("descriptor struct_size"));
  EXPECT_THAT(error, HasSubstr(std::to_string(AOS_MIGRATION_DESCRIPTOR_MIN_SIZE - 1)));
  EXPECT_THAT(error, HasSubstr(std::to_string(AOS_MIGRATION_DESCRIPTOR_MIN_SIZE)));
  d_.struct_size = 0;
  EXPECT_THAT(Refusal(), HasSubstr("descriptor struct_size 0"));
}

TEST_F(DescriptorTest, StructSizeIsCheckedBeforeMagic) {
  d_.struct_size = 8;
  d_.magic = 0;
  EXPECT_THAT(Refusal(), HasSubstr("struct_size"));
}

TEST_F(DescriptorTest, RefusesWrongMagic) {
  d_.magic = 0x12345678;
  std::string error = Refusal();
  EXPECT_THAT(error, HasSubstr("bad magic 0x12345678"));
  EXPECT_THAT(error, HasSubstr("expected 0x414f534d"));
  EXPECT_THAT(error, HasSubstr("not an aos-db-migrate plugin"));
}

TEST_F(DescriptorTest, RefusesAbiMajorMismatch) {
  d_.abi_major = AOS_MIGRATION_ABI_MAJOR + 1;
  d_.abi_minor = 3;
  std::string error = Refusal();
  std::string plugin_version = std::to_string(AOS_MIGRATION_ABI_MAJOR + 1) + ".3";
  std::string host_version = std::to_string(AOS_MIGRATION_ABI_MAJOR) + "." +
                             std::to_string(AOS_MIGRATION_ABI_MINOR);
  EXPECT_THAT(error, HasSubstr("built for ABI " + plugin_version));
  EXPECT_THAT(error, HasSubstr("speaks ABI " + host_version));
  EXPECT_THAT(error, HasSubstr("major version must match"));

  d_.abi_major = 0;
  d_.abi_minor = 0;
  EXPECT_THAT(Refusal(), HasSubstr("built for ABI 0.0"));
}

TEST_F(DescriptorTest, RefusesNewerMinor) {
  d_.abi_minor = AOS_MIGRATION_ABI_MINOR + 1;
  std::string error = Refusal();
  EXPECT_THAT(error, HasSubstr("built for ABI " +
                               std::to_string(AOS_MIGRATION_ABI_MAJOR) + "." +
                               std::to_string(AOS_MIGRATION_ABI_MINOR + 1)));
  EXPECT_THAT(error, HasSubstr("newer than"));
  EXPECT_THAT(error, HasSubstr("upgrade aos-db-migrate"));
}

TEST_F(DescriptorTest, RefusesMissingModuleId) {
  d_.module_id = nullptr;
  EXPECT_EQ(Refusal(), "module_id is missing");
  d_.module_id = "";
  EXPECT_EQ(Refusal(), "module_id is missing");
}

TEST_F(DescriptorTest, RefusesInvalidModuleId) {
  for (const char* id : {"Dashboard", "1abc", "a-b", "_a", "a b", "dash.board",
                         "ab\xc3\xa9"}) {
    d_.module_id = id;
    std::string error = Refusal();
    EXPECT_THAT(error, HasSubstr(std::string("module_id '") + id + "' is invalid"));
    EXPECT_THAT(error, HasSubstr("[a-z][a-z0-9_]*"));
  }
  std::string too_long(65, 'a');
  d_.module_id = too_long.c_str();
  EXPECT_THAT(Refusal(), HasSubstr("is invalid"));
}

TEST(IsValidModuleId, Cases) {
  EXPECT_TRUE(IsValidModuleId("dashboard"));
  EXPECT_TRUE(IsValidModuleId("cloud_manager"));
  EXPECT_TRUE(IsValidModuleId("a"));
  EXPECT_TRUE(IsValidModuleId("rs_server2"));
  EXPECT_TRUE(IsValidModuleId(std::string(64, 'a')));
  EXPECT_FALSE(IsValidModuleId(std::string(65, 'a')));
  EXPECT_FALSE(IsValidModuleId(""));
  EXPECT_FALSE(IsValidModuleId("Dashboard"));
  EXPECT_FALSE(IsValidModuleId("1abc"));
  EXPECT_FALSE(IsValidModuleId("a-b"));
  EXPECT_FALSE(IsValidModuleId("_a"));
  EXPECT_FALSE(IsValidModuleId("aB"));
}

TEST_F(DescriptorTest, RefusesMissingDisplayName) {
  d_.display_name = nullptr;
  EXPECT_EQ(Refusal(), "display_name is missing");
  d_.display_name = "";
  EXPECT_EQ(Refusal(), "display_name is missing");
}

TEST_F(DescriptorTest, RefusesZeroMigrations) {
  d_.migration_count = 0;
  EXPECT_EQ(Refusal(), "the plugin has no migrations");
}

TEST_F(DescriptorTest, RefusesNullMigrationsArray) {
  d_.migrations = nullptr;
  EXPECT_EQ(Refusal(), "migration_count is 3 but migrations is NULL");
}

TEST_F(DescriptorTest, RefusesTooSmallMigrationStructSize) {
  d_.migration_struct_size = AOS_MIGRATION_MIGRATION_MIN_SIZE - 8;
  EXPECT_THAT(Refusal(), HasSubstr("migration_struct_size " +
                                   std::to_string(AOS_MIGRATION_MIGRATION_MIN_SIZE - 8)));
}

TEST_F(DescriptorTest, RefusesTooSmallMigrationOwnStructSize) {
  migrations_[1].struct_size = 16;
  std::string error = Refusal();
  EXPECT_THAT(error, HasSubstr("migration #2 (version 2)"));
  EXPECT_THAT(error, HasSubstr("struct_size 16"));
}

TEST_F(DescriptorTest, RefusesDuplicateVersion) {
  migrations_[1].version = 1;
  EXPECT_EQ(Refusal(), "version 1 is declared twice");
}

TEST_F(DescriptorTest, RefusesUnsortedVersions) {
  migrations_[1].version = 7;  // 1, 7, 5
  EXPECT_EQ(Refusal(), "versions are not in increasing order: 5 comes after 7");
}

TEST_F(DescriptorTest, RefusesNonPositiveVersions) {
  migrations_[0].version = 0;
  std::string error = Refusal();
  EXPECT_THAT(error, HasSubstr("migration #1 (version 0)"));
  EXPECT_THAT(error, HasSubstr("versions must be positive"));
  migrations_[0].version = -3;
  EXPECT_THAT(Refusal(), HasSubstr("migration #1 (version -3): versions must be positive"));
}

TEST_F(DescriptorTest, RefusesMissingDescription) {
  migrations_[2].description = nullptr;
  EXPECT_EQ(Refusal(), "migration #3 (version 5): description is missing");
  migrations_[2].description = "";
  EXPECT_EQ(Refusal(), "migration #3 (version 5): description is missing");
}

TEST_F(DescriptorTest, RefusesMissingUpgrade) {
  migrations_[1].upgrade = nullptr;
  EXPECT_EQ(Refusal(), "migration #2 (version 2): it has no upgrade step");
}

TEST_F(DescriptorTest, RefusesSqlStepWithoutSql) {
  up3_.sql = nullptr;
  EXPECT_EQ(Refusal(), "migration #3 (version 5) upgrade: SQL step has no script");
}

TEST_F(DescriptorTest, RefusesSqlDowngradeWithoutSql) {
  down1_.sql = nullptr;
  EXPECT_EQ(Refusal(),
            "migration #1 (version 1) downgrade: SQL step has no script");
}

TEST_F(DescriptorTest, RefusesCodeStepWithoutHook) {
  up2_.on_run = nullptr;
  EXPECT_EQ(Refusal(),
            "migration #2 (version 2) upgrade: code step has no on_run hook");
}

TEST_F(DescriptorTest, RefusesUnknownStepKind) {
  up3_.kind = 7;
  EXPECT_EQ(Refusal(), "migration #3 (version 5) upgrade: unknown step kind 7");
  up3_.kind = AOS_MIGRATION_STEP_NONE;
  EXPECT_EQ(Refusal(), "migration #3 (version 5) upgrade: unknown step kind 0");
}

TEST_F(DescriptorTest, ADowngradeOfKindNoneMeansIrreversible) {
  aos_migration_step none = MakeStep(AOS_MIGRATION_STEP_NONE);
  migrations_[2].downgrade = &none;
  absl::StatusOr<ModulePlugin> plugin = ReadDescriptor(&d_, "/plugins/x.so");
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  EXPECT_TRUE(plugin->migrations[0].downgrade.has_value());
  EXPECT_FALSE(plugin->migrations[2].downgrade.has_value());
}

TEST_F(DescriptorTest, RefusesTooSmallStepStructSize) {
  up3_.struct_size = 8;
  std::string error = Refusal();
  EXPECT_THAT(error, HasSubstr("migration #3 (version 5) upgrade"));
  EXPECT_THAT(error, HasSubstr("step struct_size 8"));
}

TEST_F(DescriptorTest, RefusesUnknownVariantDialect) {
  variants_[1].dialect = "oracle";
  EXPECT_EQ(Refusal(),
            "migration #1 (version 1) upgrade: unknown dialect 'oracle' "
            "(mysql, sqlite or postgresql)");
}

TEST_F(DescriptorTest, RefusesIncompleteVariant) {
  variants_[0].sql = nullptr;
  EXPECT_THAT(Refusal(), HasSubstr("SQL variant 0 lacks its dialect or script"));
  variants_[0].sql = "x";
  variants_[1].dialect = nullptr;
  EXPECT_THAT(Refusal(), HasSubstr("SQL variant 1 lacks its dialect or script"));
}

TEST_F(DescriptorTest, RefusesVariantCountWithoutVariants) {
  up1_.variants = nullptr;
  EXPECT_THAT(Refusal(), HasSubstr("variant_count is 2 but variants is NULL"));
  up1_.variant_count = 0;  // NULL with a zero count is fine
  EXPECT_TRUE(ReadDescriptor(&d_, "p").ok());
}

// A newer plugin's bigger migration struct: the host must step through the
// array by migration_struct_size, not by its own sizeof.
TEST_F(DescriptorTest, ReadsALargerMigrationStride) {
  struct NewerMigration {
    aos_migration_migration m;
    uint64_t extra;
  };
  NewerMigration newer[3];
  for (int i = 0; i < 3; ++i) {
    newer[i].m = migrations_[i];
    newer[i].m.struct_size = sizeof(NewerMigration);
    newer[i].extra = 0xfeedfacecafebeefULL;  // garbage to a host that misreads
  }
  d_.migrations = &newer[0].m;
  d_.migration_struct_size = sizeof(NewerMigration);
  ASSERT_GT(sizeof(NewerMigration), sizeof(aos_migration_migration));

  absl::StatusOr<ModulePlugin> plugin = ReadDescriptor(&d_, "p");
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  ASSERT_EQ(plugin->migrations.size(), 3u);
  EXPECT_EQ(plugin->migrations[0].version, 1);
  EXPECT_EQ(plugin->migrations[0].description, "initial schema");
  EXPECT_EQ(plugin->migrations[1].version, 2);
  EXPECT_EQ(plugin->migrations[1].description, "backfill owners");
  EXPECT_EQ(plugin->migrations[1].upgrade.kind, Step::Kind::kCode);
  EXPECT_EQ(plugin->migrations[2].version, 5);
  EXPECT_EQ(plugin->migrations[2].description, "add x");
  EXPECT_EQ(plugin->migrations[2].upgrade.sql, "ALTER TABLE t ADD x INT");
}

// The same for a bigger step struct.
TEST_F(DescriptorTest, ReadsALargerStepStruct) {
  struct NewerStep {
    aos_migration_step s;
    uint64_t extra;
  } newer{up3_, 42};
  newer.s.struct_size = sizeof(NewerStep);
  migrations_[2].upgrade = &newer.s;
  absl::StatusOr<ModulePlugin> plugin = ReadDescriptor(&d_, "p");
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  EXPECT_EQ(plugin->migrations[2].upgrade.sql, "ALTER TABLE t ADD x INT");
}

TEST_F(DescriptorTest, MigrationErrorsComeAfterIdentityErrors) {
  d_.module_id = "Bad";
  d_.migration_count = 0;
  EXPECT_THAT(Refusal(), HasSubstr("module_id"));
}

}  // namespace
}  // namespace aos::plugin

namespace aos::plugin {
namespace {

// A plugin built against ABI 1.0 has a descriptor that ends before the 1.1
// field plugin_release: it loads, and nothing past its size is read.
TEST(DescriptorAbiEvolutionTest, AnAbi10DescriptorLoadsWithoutTheNewField) {
  aos_migration_step up{};
  up.struct_size = sizeof(up);
  up.kind = AOS_MIGRATION_STEP_SQL;
  up.sql = "CREATE TABLE t (id INT)";
  aos_migration_migration m{};
  m.struct_size = sizeof(m);
  m.version = 1;
  m.description = "initial";
  m.upgrade = &up;
  struct {
    aos_migration_descriptor d;
  } holder{};
  aos_migration_descriptor& d = holder.d;
  d.struct_size = AOS_MIGRATION_DESCRIPTOR_MIN_SIZE;
  d.magic = AOS_MIGRATION_MAGIC;
  d.abi_major = 1;
  d.abi_minor = 0;
  d.module_id = "old";
  d.display_name = "Old";
  d.migrations = &m;
  d.migration_count = 1;
  d.migration_struct_size = sizeof(m);
  // Garbage where a 1.0 plugin has no field: must not be read.
  d.plugin_release = reinterpret_cast<const char*>(0x1);
  absl::StatusOr<ModulePlugin> plugin = ReadDescriptor(&d, "/p/libold.so");
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  EXPECT_EQ(plugin->release, "");

  d.struct_size = sizeof(aos_migration_descriptor);
  d.abi_minor = 1;
  d.plugin_release = "3";
  plugin = ReadDescriptor(&d, "/p/libold.so");
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  EXPECT_EQ(plugin->release, "3");
}

TEST_F(DescriptorTest, NamesAndDescriptionsMustBePrintableOneLineText) {
  for (const char* name : {"Dash\nboard", "Dash\x1b[31mboard", "Tab\there",
                           "Del\x7f"}) {
    d_.display_name = name;
    EXPECT_THAT(Refusal(), HasSubstr("display_name holds a control character"))
        << name;
  }
  std::string long_name(65, 'D');
  d_.display_name = long_name.c_str();
  EXPECT_THAT(Refusal(), HasSubstr("display_name is 65 bytes long; at most 64"));
  d_.display_name = "Tableau de bord \xc3\xa9";  // UTF-8 is fine
  EXPECT_TRUE(ReadDescriptor(&d_, "/plugins/x.so").ok());

  migrations_[0].description = "forged\n| 9 | Forged | OK | 1 -> 2 |";
  EXPECT_THAT(Refusal(), HasSubstr("migration #1 (version 1): description "
                                   "holds a control character (0x0a)"));
  std::string long_description(201, 'x');
  migrations_[0].description = long_description.c_str();
  EXPECT_THAT(Refusal(), HasSubstr("at most 200"));
}

TEST_F(DescriptorTest, VersionsMustFitTheBookkeepingColumns) {
  migrations_[2].version = 2147483647;
  EXPECT_TRUE(ReadDescriptor(&d_, "/plugins/x.so").ok());
  migrations_[2].version = 2147483648;
  EXPECT_THAT(Refusal(), HasSubstr("versions must fit the bookkeeping's "
                                   "INTEGER columns (at most 2147483647)"));
}

TEST_F(DescriptorTest, ScriptsThatTakeOverTheSessionAreRefused) {
  up3_.sql = "ALTER TABLE t ADD x INT;\nCOMMIT";
  EXPECT_THAT(Refusal(), HasSubstr("migration #3 (version 5) upgrade: "
                                   "statement 2 (line 2) is COMMIT: the tool "
                                   "owns transactions"));
  up3_.sql = "SET autocommit = 0; ALTER TABLE t ADD x INT";
  EXPECT_THAT(Refusal(), HasSubstr("is SET AUTOCOMMIT"));
  up3_.sql = "USE other_db";
  EXPECT_THAT(Refusal(), HasSubstr("is USE"));
  down1_.sql = "START TRANSACTION; DROP TABLE t";
  up3_.sql = "ALTER TABLE t ADD x INT";
  EXPECT_THAT(Refusal(), HasSubstr("downgrade: statement 1 (line 1) is START "
                                   "TRANSACTION"));
  down1_.sql = "DROP TABLE t";
  // A variant is judged by its own engine's rules.
  variants_[1] = {"postgresql", "SET search_path TO other; CREATE TABLE t ()"};
  EXPECT_THAT(Refusal(), HasSubstr("is SET SEARCH_PATH"));
  variants_[1] = {"sqlite", "CREATE TABLE t (id INTEGER)"};
  // Compound statements and trigger bodies are the statement's own.
  up3_.sql =
      "CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.x = 1; "
      "END; BEGIN NOT ATOMIC SELECT 1; END";
  EXPECT_TRUE(ReadDescriptor(&d_, "/plugins/x.so").ok());
}

}  // namespace
}  // namespace aos::plugin
