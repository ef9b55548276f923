#include "core/plugin/plugin_codec.h"

#include <string>

#include "gtest/gtest.h"

namespace aos::plugin {
namespace {

ModulePlugin Sample() {
  ModulePlugin p;
  p.path = "/usr/lib/aos/db-migrate/plugins/libdemo.so";
  p.module_id = "demo";
  p.display_name = "Démo \xe2\x9c\x93";
  p.repository_id = "demo_repo";
  p.service_config_path = "";
  p.release = "3";
  Migration a;
  a.version = 1;
  a.description = "create";
  a.upgrade.sql = std::string("CREATE TABLE t (x INT);\n-- a NUL \0 byte", 37);
  a.upgrade.sql_by_dialect["sqlite"] = "CREATE TABLE t (x INTEGER)";
  a.upgrade.sql_by_dialect["postgresql"] = "";
  Step down;
  down.sql = "DROP TABLE t";
  a.downgrade = down;
  Migration b;
  b.version = int64_t{1} << 40;
  b.description = "";
  b.upgrade.kind = Step::Kind::kCode;
  b.phase = Phase::kContract;
  p.migrations = {a, b};
  p.expected_schemas["mysql"][1] = "table t\ttable\n";
  p.expected_schemas["mysql"][int64_t{1} << 40] = "";
  p.expected_schemas["sqlite"][1] = "column t.x\tinteger\n";
  return p;
}

TEST(PluginCodecTest, RoundTripsEveryField) {
  ModulePlugin in = Sample();
  absl::StatusOr<ModulePlugin> out = DecodePlugin(EncodePlugin(in));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->path, in.path);
  EXPECT_EQ(out->module_id, in.module_id);
  EXPECT_EQ(out->display_name, in.display_name);
  EXPECT_EQ(out->repository_id, in.repository_id);
  EXPECT_EQ(out->service_config_path, in.service_config_path);
  EXPECT_EQ(out->release, in.release);
  ASSERT_EQ(out->migrations.size(), 2u);
  const Migration& a = out->migrations[0];
  EXPECT_EQ(a.version, 1);
  EXPECT_EQ(a.upgrade.sql, in.migrations[0].upgrade.sql);
  EXPECT_EQ(a.upgrade.sql.size(), 37u);
  EXPECT_EQ(a.upgrade.sql_by_dialect, in.migrations[0].upgrade.sql_by_dialect);
  ASSERT_TRUE(a.downgrade.has_value());
  EXPECT_EQ(a.downgrade->sql, "DROP TABLE t");
  EXPECT_EQ(a.phase, Phase::kUnspecified);
  const Migration& b = out->migrations[1];
  EXPECT_EQ(b.version, int64_t{1} << 40);
  EXPECT_EQ(b.phase, Phase::kContract);
  EXPECT_EQ(b.upgrade.kind, Step::Kind::kCode);
  EXPECT_EQ(b.upgrade.on_run, nullptr);  // code stays in the child
  EXPECT_FALSE(b.downgrade.has_value());
  EXPECT_EQ(out->expected_schemas, in.expected_schemas);
}

TEST(PluginCodecTest, APluginWithoutExpectedSchemasHasNone) {
  ModulePlugin in = Sample();
  in.expected_schemas.clear();
  absl::StatusOr<ModulePlugin> out = DecodePlugin(EncodePlugin(in));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE(out->expected_schemas.empty());
  EXPECT_EQ(out->ExpectedSchema("mysql", 0), nullptr);
}

TEST(PluginCodecTest, TruncatedOrPaddedInputIsRefused) {
  std::string bytes = EncodePlugin(Sample());
  for (size_t cut : {size_t{0}, size_t{1}, size_t{8}, bytes.size() / 2,
                     bytes.size() - 1}) {
    EXPECT_EQ(DecodePlugin(bytes.substr(0, cut)).status().code(),
              absl::StatusCode::kDataLoss)
        << cut;
  }
  EXPECT_FALSE(DecodePlugin(bytes + "x").ok());
  EXPECT_FALSE(DecodePlugin(std::string(64, '\xff')).ok());
}

}  // namespace
}  // namespace aos::plugin
