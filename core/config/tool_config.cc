#include "core/config/tool_config.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "core/config/tool_config_keys.h"
#include "core/plugin/module_id.h"
#include "core/plugin/trusted_file.h"

namespace aos::config {
namespace {

constexpr off_t kMaxConfigBytes = 1 << 20;

// The file decides which code runs as root: the same rule as for plugins.
absl::Status CheckConfigFile(const std::string& path, const struct stat& st) {
  if (!S_ISREG(st.st_mode)) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not a regular file"));
  }
  if (st.st_size > kMaxConfigBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": ", st.st_size, " bytes, more than a config file can be (",
        kMaxConfigBytes, ")"));
  }
  return plugin::CheckOwnerAndMode(path, st, "it chooses which plugins run, so it is refused",
                                   " (chown root)");
}

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                         diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::vector<std::string> UnknownKeyWarnings(const ToolConfig& config) {
  std::vector<std::string> warnings;
  for (const std::string& section : config.ini.sections()) {
    const std::vector<std::string> known = KeyNames(
        section == "DEFAULT" ? KeySection::kDefault : KeySection::kModule);
    for (const std::string& key : config.ini.KeysOf(section)) {
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      const std::string* closest = &known.front();
      for (const std::string& k : known) {
        if (EditDistance(key, k) < EditDistance(key, *closest)) closest = &k;
      }
      warnings.push_back(absl::StrCat(
          config.path, ": unknown key '", key, "' in [", section,
          "] is ignored (did you mean '", *closest, "'? [", section,
          "] takes ", absl::StrJoin(known, ", "), ")"));
    }
  }
  return warnings;
}

}  // namespace

namespace {

// The error for a module whose connection was found nowhere: `looked` lists
// every place looked at, `note` (if any) ends the list.
absl::Status NoConnectionError(const std::string& module_id,
                               const std::vector<std::string>& looked,
                               absl::string_view note = "") {
  return absl::FailedPreconditionError(absl::StrCat(
      "no database connection configured for ", module_id, " (looked at: ",
      absl::StrJoin(looked, "; "), note, ")"));
}

// The connection in the service's own oslo.config file: [database]
// connection, or a legacy spelling oslo.db still honours. `looked` holds
// the places already looked at, for the error.
absl::StatusOr<ConnectionUrl> ServiceConnection(
    const std::string& service_config, const std::string& module_id,
    std::vector<std::string> looked) {
  absl::StatusOr<IniFile> service = IniFile::Load(service_config);
  if (!service.ok()) {
    looked.push_back(absl::StrCat(service_config, " (",
                                  service.status().message(), ")"));
    return NoConnectionError(module_id, looked);
  }
  struct Spelling {
    const char* section;
    const char* key;
  };
  for (Spelling s : {Spelling{"database", "connection"},
                     Spelling{"DEFAULT", "sql_connection"},
                     Spelling{"sql", "connection"}}) {
    // As oslo.config gives it to the service: quotes removed at parse,
    // $$ and $name substituted here.
    absl::StatusOr<std::optional<std::string>> value =
        service->GetSubstituted(s.section, s.key);
    if (!value.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(service_config, ": ", value.status().message()));
    }
    const std::optional<std::string>& url = *value;
    if (!url || url->empty()) continue;
    absl::StatusOr<ConnectionUrl> parsed = ParseConnectionUrl(*url);
    if (!parsed.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          service_config, " [", s.section, "] ", s.key, ": ",
          parsed.status().message()));
    }
    return parsed;
  }
  // Every option tried, the legacy spellings too.
  for (const char* option :
       {"[database] connection", "[DEFAULT] sql_connection", "[sql] connection"}) {
    looked.push_back(absl::StrCat(option, " in ", service_config));
  }
  return NoConnectionError(module_id, looked);
}

}  // namespace

ToolConfig::ToolConfig() {
  for (const ConfigKey& key : ConfigKeys()) {
    if (key.type == KeyType::kModuleOwn) continue;
    // The table's defaults are checked by tool_config_keys_test.
    SetConfigKey(key, key.default_value, *this).IgnoreError();
  }
}

absl::StatusOr<ToolConfig> LoadToolConfig(const std::string& path,
                                          bool required) {
  ToolConfig config;
  struct stat st;
  const bool exists = stat(path.c_str(), &st) == 0;
  if (!exists && !required) return config;
  if (exists) {
    if (absl::Status bad = CheckConfigFile(path, st); !bad.ok()) return bad;
  }
  absl::StatusOr<IniFile> ini = IniFile::Load(path);
  if (!ini.ok()) return ini.status();
  config.path = path;
  config.ini = *std::move(ini);
  for (const ConfigKey& key : ConfigKeys()) {
    if (key.section != KeySection::kDefault) continue;
    std::optional<std::string> value = config.ini.Get("DEFAULT", key.name);
    if (!value) continue;
    if (absl::Status bad = SetConfigKey(key, *value, config); !bad.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": ", bad.message()));
    }
  }
  return config;
}

absl::StatusOr<std::vector<std::string>> CheckSections(
    const ToolConfig& config, const std::set<std::string>& module_ids) {
  std::vector<std::string> warnings;
  for (const std::string& section : config.ini.sections()) {
    if (section == "DEFAULT" || module_ids.count(section)) continue;
    if (!plugin::IsValidModuleId(section)) {
      return absl::InvalidArgumentError(absl::StrCat(
          config.path, ": unknown section [", section,
          "]: sections are [DEFAULT] and module ids (modules: ",
          absl::StrJoin(module_ids, ", "), ")"));
    }
    warnings.push_back(absl::StrCat(
        config.path, ": section [", section,
        "] names no installed module and is ignored (modules: ",
        absl::StrJoin(module_ids, ", "),
        "); fix the name, or remove it with the module"));
  }
  return warnings;
}

std::vector<std::string> ConfigWarnings(const ToolConfig& config) {
  std::vector<std::string> warnings = config.ini.warnings();
  for (std::string& w : UnknownKeyWarnings(config)) warnings.push_back(w);
  struct stat st;
  if (config.path.empty() || stat(config.path.c_str(), &st) != 0 ||
      !(st.st_mode & S_IROTH)) {
    return warnings;
  }
  for (const std::string& section : config.ini.sections()) {
    auto url = config.ini.GetOwn(section, "connection");
    if (!url) continue;
    absl::StatusOr<ConnectionUrl> parsed = ParseConnectionUrl(*url);
    if (parsed.ok() && parsed->has_password && !parsed->password.empty()) {
      warnings.push_back(absl::StrCat(
          config.path, " holds database passwords and is readable by "
          "everyone; chmod 600 it"));
      break;
    }
  }
  return warnings;
}

absl::StatusOr<ConnectionUrl> ResolveConnection(
    const ToolConfig& config, const std::string& module_id,
    const std::string& declared_service_config) {
  // [<module>] connection only: a [DEFAULT] connection would silently point
  // every module at one database.
  if (auto url = config.ini.GetOwn(module_id, "connection")) {
    absl::StatusOr<ConnectionUrl> parsed = ParseConnectionUrl(*url);
    if (!parsed.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          config.path, " [", module_id, "] connection: ",
          parsed.status().message()));
    }
    return parsed;
  }
  std::vector<std::string> looked;
  looked.push_back(config.path.empty()
                       ? absl::StrCat("no ", kDefaultConfigPath)
                       : absl::StrCat("[", module_id, "] connection in ",
                                      config.path));
  std::string service_config = declared_service_config;
  if (auto override_path = config.ini.GetOwn(module_id, "service_config")) {
    service_config = *override_path;
  }
  if (service_config.empty()) {
    return NoConnectionError(module_id, looked,
                             "; the plugin declares no service config");
  }
  return ServiceConnection(service_config, module_id, std::move(looked));
}

}  // namespace aos::config
