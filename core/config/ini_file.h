// ini_file.h: INI files as oslo.config and our own config write them.
//
//   # comment            ; comment
//   [DEFAULT]
//   plugin_dir = /usr/lib/aos/db-migrate/plugins
//   [dashboard]
//   connection = mysql+pymysql://...
//
// Keys are case-sensitive; a value runs to the end of the line, trimmed.
// Indented lines continue the previous value (joined with '\n'), as in
// oslo.config; a blank line or a comment ends it. Comments are whole lines:
// "key = value ; text" keeps "value ; text" as the value. Section lookups fall back to [DEFAULT], as in oslo.config.
#ifndef AOS_CORE_CONFIG_INI_FILE_H_
#define AOS_CORE_CONFIG_INI_FILE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace aos::config {

class IniFile {
 public:
  // Errors name `origin` (a path) and the line.
  static absl::StatusOr<IniFile> Parse(absl::string_view text,
                                       absl::string_view origin);
  static absl::StatusOr<IniFile> Load(const std::string& path);

  // The value of `key` in `section`, else in [DEFAULT], else nullopt.
  std::optional<std::string> Get(absl::string_view section,
                                 absl::string_view key) const;
  // The value of `key` in `section` itself, with no [DEFAULT] fallback.
  std::optional<std::string> GetOwn(absl::string_view section,
                                    absl::string_view key) const;
  bool HasSection(absl::string_view section) const;
  // Section names in file order, [DEFAULT] included if present.
  const std::vector<std::string>& sections() const { return order_; }

 private:
  std::map<std::string, std::map<std::string, std::string>> values_;
  std::vector<std::string> order_;
};

}  // namespace aos::config

#endif  // AOS_CORE_CONFIG_INI_FILE_H_
