// plugin_codec.h: a ModulePlugin as bytes, so that a plugin can be loaded
// (dlopen, its constructors, describe) in a child process and what it
// describes handed to the parent, which never runs plugin code.
//
// Everything the descriptor said crosses: ids, names, paths, the release,
// every migration with its SQL scripts, the expected schemas (ABI 1.3). A
// code step crosses as a code step
// without its function (it lives in the child's copy of the library): the
// parent plans and checks with it, and a module's own child loads the
// plugin again to run it.
#ifndef AOS_CORE_PLUGIN_PLUGIN_CODEC_H_
#define AOS_CORE_PLUGIN_PLUGIN_CODEC_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/plugin/module_plugin.h"

namespace aos::plugin {

std::string EncodePlugin(const ModulePlugin& plugin);

// kDataLoss when `bytes` is not exactly one encoded plugin.
absl::StatusOr<ModulePlugin> DecodePlugin(absl::string_view bytes);

}  // namespace aos::plugin

#endif  // AOS_CORE_PLUGIN_PLUGIN_CODEC_H_
