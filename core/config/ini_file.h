// ini_file.h: INI files as oslo.config and our own config write them.
//
//   # comment            ; comment
//   [DEFAULT]
//   plugin_dir = /usr/lib/aos/db-migrate/plugins
//   [dashboard]
//   connection = mysql+pymysql://...
//
// As oslo.config's own parser (oslo_config/iniparser.py) reads them: keys
// are case-sensitive; the first '=' or ':' separates key and value; a value
// runs to the end of the line, trimmed, and one pair of matching quotes
// around it is removed ("value" or 'value'); indented lines continue the
// previous value (joined with '\n'); a blank line or a comment ends it.
// Comments are whole lines: "key = value ; text" keeps "value ; text" as
// the value. Section lookups fall back to [DEFAULT]. A key set twice keeps
// its later value and a repeated section merges, each with a warning.
// Where oslo.config is stricter (an indented line with no value before it)
// this reader is lenient: such a line is a key.
//
// oslo.config then substitutes values as string.Template does ($$ is a
// literal $, $name and ${name} another option's value): GetSubstituted
// does the same for the options the file sets.
#ifndef AOS_CORE_CONFIG_INI_FILE_H_
#define AOS_CORE_CONFIG_INI_FILE_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
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
  // GetOwn with oslo.config's substitution: "$$" -> "$", "$name" and
  // "${name}" -> the value of `name` in `section`, else [DEFAULT] ("name"
  // may be "group.option"); a '$' before anything else stays. Fails, naming
  // the option, when `name` is not set in the file (oslo.config fails the
  // service the same way) or refers back to itself.
  absl::StatusOr<std::optional<std::string>> GetSubstituted(
      absl::string_view section, absl::string_view key) const;
  // Keys set twice and sections repeated, as "origin:line: ..." texts.
  const std::vector<std::string>& warnings() const { return warnings_; }
  bool HasSection(absl::string_view section) const;
  // The keys `section` itself sets, sorted.
  std::vector<std::string> KeysOf(absl::string_view section) const;
  // Section names in file order, [DEFAULT] included if present.
  const std::vector<std::string>& sections() const { return order_; }

 private:
  // Parse's two kinds of line. `where` ("origin:line: ") starts errors and
  // warnings; `first_seen` maps what was read to the line it was first on.
  // A "[name]" line: `section` becomes name.
  absl::Status EnterSection(absl::string_view line, const std::string& where,
                            int line_no, std::map<std::string, int>& first_seen,
                            std::string& section);
  // A "key = value" line in `section`: `key` becomes its key.
  absl::Status SetKey(
      absl::string_view line, const std::string& where, int line_no,
      const std::string& section,
      std::map<std::pair<std::string, std::string>, int>& first_seen,
      std::string& key);

  std::map<std::string, std::map<std::string, std::string>> values_;
  std::vector<std::string> order_;
  std::vector<std::string> warnings_;
};

}  // namespace aos::config

#endif  // AOS_CORE_CONFIG_INI_FILE_H_
