#include "core/config/tool_config_keys.h"

#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::config {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ConfigKeys, EveryDefaultPassesItsOwnCheck) {
  ToolConfig config;
  for (const ConfigKey& key : ConfigKeys()) {
    EXPECT_TRUE(SetConfigKey(key, key.default_value, config).ok()) << key.name;
  }
}

TEST(ConfigKeys, NamesAreUnique) {
  std::set<std::string> seen;
  for (const ConfigKey& key : ConfigKeys()) {
    EXPECT_TRUE(seen.insert(key.name).second) << key.name;
  }
}

TEST(ConfigKeys, DefaultsAreTheDocumentedOnes) {
  ToolConfig config;
  EXPECT_EQ(config.plugin_dir, kDefaultPluginDir);
  EXPECT_EQ(config.lock_timeout_seconds, 300);
  EXPECT_EQ(config.lock_wait_timeout_seconds, 60);
  EXPECT_EQ(config.plugin_load_timeout_seconds, 30);
  EXPECT_EQ(config.plugin_cache, kDefaultPluginCache);
  EXPECT_TRUE(config.auto_resume);
  EXPECT_FALSE(config.allow_blocking);
  EXPECT_FALSE(config.online);
  EXPECT_EQ(config.blocking_max_rows, 1000000);
  EXPECT_EQ(config.blocking_max_mib, 256);
  EXPECT_EQ(config.ddl_lock_wait_timeout_seconds, 3);
  EXPECT_EQ(config.pt_online_schema_change, "pt-online-schema-change");
  EXPECT_EQ(config.online_max_load, "Threads_running=25");
  EXPECT_EQ(config.online_critical_load, "Threads_running=50");
  EXPECT_EQ(config.online_max_flow_ctl, "1.0");
  EXPECT_EQ(config.online_chunk_ms, 100);  // issue 28
  EXPECT_EQ(config.online_sleep_ms, 0);
  EXPECT_EQ(config.online_galera_pause_ratio, 3);
  EXPECT_FALSE(config.rolling_upgrade);
  EXPECT_EQ(config.controller_window_hours, 0);
  EXPECT_TRUE(config.rolling_controllers.empty());
  EXPECT_EQ(config.controller_name, "");
  EXPECT_EQ(config.on_drift, "warn");  // issue 29
}

TEST(ConfigKeys, EachTypeChecksItsValue) {
  ToolConfig config;
  auto set = [&](absl::string_view name, absl::string_view value) {
    for (const ConfigKey& key : ConfigKeys()) {
      if (key.name == name) return SetConfigKey(key, value, config);
    }
    return absl::NotFoundError(name);
  };
  EXPECT_TRUE(set("online", "Yes").ok());
  EXPECT_TRUE(config.online);
  EXPECT_THAT(set("online", "maybe").message(),
              HasSubstr("online must be true or false, found 'maybe'"));
  EXPECT_THAT(set("lock_timeout", "-1").message(),
              HasSubstr("lock_timeout must be a whole number of seconds"));
  EXPECT_THAT(set("blocking_max_mib", "x").message(),
              HasSubstr("blocking_max_mib must be a whole number, found 'x'"));
  EXPECT_TRUE(set("controller_window_hours", "").ok());
  EXPECT_EQ(config.controller_window_hours, 0);
  EXPECT_TRUE(set("upgrade_mode", "rolling").ok());
  EXPECT_TRUE(config.rolling_upgrade);
  EXPECT_THAT(set("upgrade_mode", "Rolling").message(),
              HasSubstr("upgrade_mode must be plain or rolling"));
  EXPECT_TRUE(set("on_drift", "refuse").ok());  // issue 29
  EXPECT_EQ(config.on_drift, "refuse");
  EXPECT_THAT(set("on_drift", "stop").message(),
              HasSubstr("on_drift must be warn, refuse or ignore, found 'stop'"));
  EXPECT_TRUE(set("rolling_controllers", "a, b  c,").ok());
  EXPECT_THAT(config.rolling_controllers, ElementsAre("a", "b", "c"));
}

TEST(ConfigKeys, SectionsTakeTheirOwnKeys) {
  EXPECT_THAT(KeyNames(KeySection::kModule),
              ElementsAre("connection", "service_config"));
  EXPECT_EQ(KeyNames(KeySection::kDefault).front(), "plugin_dir");
}

}  // namespace
}  // namespace aos::config
