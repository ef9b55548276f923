// tool_config_keys.h: the one table of the keys the tool's config file takes
// (tool_config.h shows the file): each key's section, its type (which says
// how its value is checked), the ToolConfig field it sets and its default.
// LoadToolConfig, ToolConfig's defaults and the unknown-key warnings all read
// this table; a new key is one row here and one field in ToolConfig.
#ifndef AOS_CORE_CONFIG_TOOL_CONFIG_KEYS_H_
#define AOS_CORE_CONFIG_TOOL_CONFIG_KEYS_H_

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/config/tool_config.h"

namespace aos::config {

enum class KeySection {
  kDefault,  // [DEFAULT]: the tool's own settings
  kModule,   // [<module id>]: read per module by ResolveConnection
};

// What a value must be; the check and the error are the type's.
enum class KeyType {
  kText,         // any text
  kBool,         // oslo.config's true/false, yes/no, on/off, 1/0
  kSeconds,      // a whole number >= 0
  kCount,        // a whole number >= 0 (rows, MiB)
  kHours,        // a whole number >= 0; empty keeps the default
  kCountOrUnset, // a whole number >= 0; empty: -1 (unset, see the field)
  kUpgradeMode,  // "plain" or "rolling" (true)
  kOnDrift,      // "warn", "refuse" or "ignore" (issue 29)
  kHostList,     // names separated by commas and/or spaces
  kModuleOwn,    // a module section's key: no ToolConfig field
};

// The ToolConfig field a key sets, of the C++ type its KeyType parses to.
using KeyField =
    std::variant<std::monostate, std::string ToolConfig::*, bool ToolConfig::*,
                 int ToolConfig::*, int64_t ToolConfig::*,
                 std::vector<std::string> ToolConfig::*>;

struct ConfigKey {
  const char* name;
  KeySection section;
  KeyType type;
  KeyField field;
  const char* default_value;  // as the file would spell it; "" for none
};

// Every key, in the order the warnings list them.
const std::vector<ConfigKey>& ConfigKeys();

// The names of the keys a kind of section takes, in table order.
std::vector<std::string> KeyNames(KeySection section);

// Sets `key`'s field in `config` from `value`. The error names the key and
// says what the value must be ("lock_timeout must be a whole number of
// seconds, found 'x'"); the caller puts the file in front.
absl::Status SetConfigKey(const ConfigKey& key, absl::string_view value,
                          ToolConfig& config);

}  // namespace aos::config

#endif  // AOS_CORE_CONFIG_TOOL_CONFIG_KEYS_H_
