// tool_config_keys.cc: the key table and the typed setters it names.
#include "core/config/tool_config_keys.h"

#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace aos::config {

namespace {

using T = ToolConfig;
constexpr KeySection kDef = KeySection::kDefault;

// The run's own keys: where plugins are, time limits, the DDL gate.
// name, section, type, field, default
std::vector<ConfigKey> RunKeys() {
  return {
      {"plugin_dir", kDef, KeyType::kText, &T::plugin_dir, kDefaultPluginDir},
      {"lock_timeout", kDef, KeyType::kSeconds, &T::lock_timeout_seconds,
       "300"},
      {"lock_wait_timeout", kDef, KeyType::kSeconds,
       &T::lock_wait_timeout_seconds, "60"},
      {"plugin_load_timeout", kDef, KeyType::kSeconds,
       &T::plugin_load_timeout_seconds, "30"},
      {"plugin_cache", kDef, KeyType::kText, &T::plugin_cache,
       kDefaultPluginCache},
      {"auto_resume", kDef, KeyType::kBool, &T::auto_resume, "true"},
      {"allow_blocking", kDef, KeyType::kBool, &T::allow_blocking, "false"},
      {"online", kDef, KeyType::kBool, &T::online, "false"},
      {"blocking_max_rows", kDef, KeyType::kCount, &T::blocking_max_rows,
       "1000000"},
      {"blocking_max_mib", kDef, KeyType::kCount, &T::blocking_max_mib, "256"},
      {"ddl_lock_wait_timeout", kDef, KeyType::kSeconds,
       &T::ddl_lock_wait_timeout_seconds, "3"},
      {"pt_online_schema_change", kDef, KeyType::kText,
       &T::pt_online_schema_change, "pt-online-schema-change"},
      {"online_max_load", kDef, KeyType::kText, &T::online_max_load,
       "Threads_running=25"},
      {"online_critical_load", kDef, KeyType::kText, &T::online_critical_load,
       "Threads_running=50"},
      {"online_max_flow_ctl", kDef, KeyType::kText, &T::online_max_flow_ctl,
       "1.0"},
      {"online_chunk_ms", kDef, KeyType::kCount, &T::online_chunk_ms, "100"},
      {"online_sleep_ms", kDef, KeyType::kCount, &T::online_sleep_ms, "0"},
      {"online_galera_pause_ratio", kDef, KeyType::kCount,
       &T::online_galera_pause_ratio, "3"},
  };
}

// Batched DML, rolling upgrades, the archive, drift, and the modules' own.
std::vector<ConfigKey> DataKeys() {
  return {
      // Issue 28: batched DML (engine/batch/batch_settings.h).
      {"batch_chunk_ms", kDef, KeyType::kCount, &T::batch_chunk_ms, "500"},
      {"batch_chunk_rows", kDef, KeyType::kCount, &T::batch_chunk_rows,
       "1000"},
      {"batch_max_chunk_rows", kDef, KeyType::kCount, &T::batch_max_chunk_rows,
       "50000"},
      {"batch_max_threads_running", kDef, KeyType::kCount,
       &T::batch_max_threads_running, "25"},
      {"batch_max_recv_queue", kDef, KeyType::kCount, &T::batch_max_recv_queue,
       "100"},
      {"batch_sleep_ms", kDef, KeyType::kCount, &T::batch_sleep_ms, "0"},
      {"batch_galera_pause_ratio", kDef, KeyType::kCount,
       &T::batch_galera_pause_ratio, "3"},
      {"batch_max_load_wait", kDef, KeyType::kSeconds,
       &T::batch_max_load_wait_seconds, "600"},
      {"upgrade_mode", kDef, KeyType::kUpgradeMode, &T::rolling_upgrade,
       "plain"},
      {"controller_window_hours", kDef, KeyType::kHours,
       &T::controller_window_hours, "0"},
      {"rolling_controllers", kDef, KeyType::kHostList, &T::rolling_controllers,
       ""},
      {"controller_name", kDef, KeyType::kText, &T::controller_name, ""},
      // Issue 27: the archive of dropped values (engine/run_options.cc).
      {"archive", kDef, KeyType::kBool, &T::archive, "true"},
      {"archive_max_mib", kDef, KeyType::kCountOrUnset, &T::archive_max_mib,
       ""},
      {"archive_retention_days", kDef, KeyType::kCount,
       &T::archive_retention_days, "30"},
      // Issue 29: drift (engine/drift/drift_policy.h).
      {"on_drift", kDef, KeyType::kOnDrift, &T::on_drift, "warn"},
      {"connection", KeySection::kModule, KeyType::kModuleOwn, {}, ""},
      {"service_config", KeySection::kModule, KeyType::kModuleOwn, {}, ""},
  };
}

}  // namespace

const std::vector<ConfigKey>& ConfigKeys() {
  static const auto* keys = [] {
    auto* all = new std::vector<ConfigKey>(RunKeys());
    for (ConfigKey& key : DataKeys()) all->push_back(std::move(key));
    return all;
  }();
  return *keys;
}

std::vector<std::string> KeyNames(KeySection section) {
  std::vector<std::string> names;
  for (const ConfigKey& key : ConfigKeys()) {
    if (key.section == section) names.push_back(key.name);
  }
  return names;
}

namespace {

// oslo.config's spellings of a boolean.
std::optional<bool> OsloBool(absl::string_view value) {
  const std::string v = absl::AsciiStrToLower(value);
  if (v == "true" || v == "yes" || v == "on" || v == "1") return true;
  if (v == "false" || v == "no" || v == "off" || v == "0") return false;
  return std::nullopt;
}

std::optional<int64_t> WholeNumber(absl::string_view value) {
  int64_t n;
  if (!absl::SimpleAtoi(value, &n) || n < 0) return std::nullopt;
  return n;
}

std::optional<int> WholeInt(absl::string_view value) {
  int n;
  if (!absl::SimpleAtoi(value, &n) || n < 0) return std::nullopt;
  return n;
}

// "<key> must be <what>, found '<value>'".
absl::Status MustBe(const ConfigKey& key, absl::string_view what,
                    absl::string_view value) {
  return absl::InvalidArgumentError(
      absl::StrCat(key.name, " must be ", what, ", found '", value, "'"));
}

template <typename Value>
void Set(const ConfigKey& key, ToolConfig& config, Value value) {
  config.*std::get<Value ToolConfig::*>(key.field) = std::move(value);
}

// The keys whose value is one of a few words.
absl::Status SetChoice(const ConfigKey& key, absl::string_view value,
                       ToolConfig& config) {
  if (key.type == KeyType::kUpgradeMode) {
    if (value != "rolling" && value != "plain") {
      return MustBe(key, "plain or rolling", value);
    }
    Set(key, config, value == "rolling");
    return absl::OkStatus();
  }
  // kOnDrift (issue 29)
  if (value != "warn" && value != "refuse" && value != "ignore") {
    return MustBe(key, "warn, refuse or ignore", value);
  }
  Set(key, config, std::string(value));
  return absl::OkStatus();
}

}  // namespace

absl::Status SetConfigKey(const ConfigKey& key, absl::string_view value,
                          ToolConfig& config) {
  switch (key.type) {
    case KeyType::kText:
      Set(key, config, std::string(value));
      return absl::OkStatus();
    case KeyType::kBool: {
      std::optional<bool> b = OsloBool(value);
      if (!b) return MustBe(key, "true or false", value);
      Set(key, config, *b);
      return absl::OkStatus();
    }
    case KeyType::kSeconds: {
      std::optional<int> n = WholeInt(value);
      if (!n) return MustBe(key, "a whole number of seconds", value);
      Set(key, config, *n);
      return absl::OkStatus();
    }
    case KeyType::kCount: {
      std::optional<int64_t> n = WholeNumber(value);
      if (!n) return MustBe(key, "a whole number", value);
      Set(key, config, *n);
      return absl::OkStatus();
    }
    case KeyType::kCountOrUnset: {
      if (value.empty()) {
        Set(key, config, int64_t{-1});
        return absl::OkStatus();
      }
      std::optional<int64_t> n = WholeNumber(value);
      if (!n) return MustBe(key, "a whole number (empty: unset)", value);
      Set(key, config, *n);
      return absl::OkStatus();
    }
    case KeyType::kHours: {
      if (value.empty()) return absl::OkStatus();
      std::optional<int> n = WholeInt(value);
      if (!n) {
        return MustBe(key, "a whole number of hours (0 or empty: no expiry)",
                      value);
      }
      Set(key, config, *n);
      return absl::OkStatus();
    }
    case KeyType::kUpgradeMode:
    case KeyType::kOnDrift:
      return SetChoice(key, value, config);
    case KeyType::kHostList:
      Set(key, config,
          std::vector<std::string>(
              absl::StrSplit(value, absl::ByAnyChar(", "), absl::SkipEmpty())));
      return absl::OkStatus();
    case KeyType::kModuleOwn:
      break;
  }
  return absl::OkStatus();
}

}  // namespace aos::config
