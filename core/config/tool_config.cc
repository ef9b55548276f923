#include "core/config/tool_config.h"

#include <sys/stat.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "core/plugin/module_id.h"

namespace aos::config {

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
    std::optional<std::string> url = service->GetOwn(s.section, s.key);
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

absl::StatusOr<ToolConfig> LoadToolConfig(const std::string& path,
                                          bool required) {
  ToolConfig config;
  struct stat st;
  if (stat(path.c_str(), &st) != 0 && !required) return config;
  absl::StatusOr<IniFile> ini = IniFile::Load(path);
  if (!ini.ok()) return ini.status();
  config.path = path;
  config.ini = *std::move(ini);
  if (auto dir = config.ini.Get("DEFAULT", "plugin_dir")) {
    config.plugin_dir = *dir;
  }
  for (auto [key, target] : {std::pair<const char*, int*>{
                                 "lock_timeout", &config.lock_timeout_seconds},
                             {"lock_wait_timeout",
                              &config.lock_wait_timeout_seconds}}) {
    if (auto value = config.ini.Get("DEFAULT", key)) {
      if (!absl::SimpleAtoi(*value, target) || *target < 0) {
        return absl::InvalidArgumentError(
            absl::StrCat(path, ": ", key, " must be a whole number of "
                         "seconds, found '", *value, "'"));
      }
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
  std::vector<std::string> warnings;
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
