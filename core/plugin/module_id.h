// module_id.h: what a module id may be: [a-z][a-z0-9_]*, at most 64
// characters. Ids name config sections, plugin files and lock rows.
#ifndef AOS_CORE_PLUGIN_MODULE_ID_H_
#define AOS_CORE_PLUGIN_MODULE_ID_H_

#include "absl/strings/string_view.h"

namespace aos::plugin {

inline bool IsValidModuleId(absl::string_view id) {
  if (id.empty() || id.size() > 64 || id[0] < 'a' || id[0] > 'z') return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace aos::plugin

#endif  // AOS_CORE_PLUGIN_MODULE_ID_H_
