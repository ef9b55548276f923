// module_selection.h: the modules a run is about, in report order, and for
// each either its loaded plugin or why its plugin failed to load.
#ifndef AOS_CLI_MODULE_SELECTION_H_
#define AOS_CLI_MODULE_SELECTION_H_

#include <map>
#include <string>
#include <vector>

#include "core/plugin/module_plugin.h"

namespace aos::cli {

struct ModuleSelection {
  std::vector<std::string> ids;  // -n order, else by module id
  std::map<std::string, const plugin::ModulePlugin*> modules;
  std::map<std::string, std::string> broken;  // id -> load error(s)
};

}  // namespace aos::cli

#endif  // AOS_CLI_MODULE_SELECTION_H_
