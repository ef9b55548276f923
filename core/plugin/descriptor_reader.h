// descriptor_reader.h: checks a plugin's C descriptor and copies it into a
// ModulePlugin. Pure (no dlopen), so tests and fuzzers can feed it any bytes
// shaped as a descriptor.
#ifndef AOS_CORE_PLUGIN_DESCRIPTOR_READER_H_
#define AOS_CORE_PLUGIN_DESCRIPTOR_READER_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/abi/aos_migration_abi.h"
#include "core/plugin/module_plugin.h"

namespace aos::plugin {

// Checks, in order: size, magic, ABI major (must match), ABI minor (<= the
// host's), identity strings, then every migration (positive, strictly
// increasing versions; descriptions; well-formed steps). The error names the
// first field at fault; the caller prefixes the file.
absl::StatusOr<ModulePlugin> ReadDescriptor(
    const aos_migration_descriptor* descriptor, absl::string_view path);

}  // namespace aos::plugin

#endif  // AOS_CORE_PLUGIN_DESCRIPTOR_READER_H_
