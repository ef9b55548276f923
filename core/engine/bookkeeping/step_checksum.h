// step_checksum.h: the checksum recorded for a step, which later runs
// compare with the plugin's current content to notice an applied migration
// whose content changed.
#ifndef AOS_CORE_ENGINE_BOOKKEEPING_STEP_CHECKSUM_H_
#define AOS_CORE_ENGINE_BOOKKEEPING_STEP_CHECKSUM_H_

#include <string>

#include "absl/strings/string_view.h"
#include "core/plugin/module_plugin.h"

namespace aos::engine {

// sha256 hex of the step's script for `dialect`; a code step's content is
// out of reach, so its checksum names the step only.
std::string StepChecksum(const plugin::Migration& migration, bool upgrade,
                         absl::string_view dialect);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_BOOKKEEPING_STEP_CHECKSUM_H_
