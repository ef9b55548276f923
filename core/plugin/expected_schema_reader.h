// expected_schema_reader.h: checks and copies the expected schemas of an
// ABI 1.3 descriptor (drift, issue 29) into a ModulePlugin. Part of
// ReadDescriptor (descriptor_reader.h); pure.
#ifndef AOS_CORE_PLUGIN_EXPECTED_SCHEMA_READER_H_
#define AOS_CORE_PLUGIN_EXPECTED_SCHEMA_READER_H_

#include "absl/status/status.h"
#include "core/abi/aos_migration_abi.h"
#include "core/plugin/module_plugin.h"

namespace aos::plugin {

// Reads `d`'s expected schemas into plugin->expected_schemas, after its
// migrations were read. A descriptor too small to hold them (before ABI
// 1.3) or with none: nothing (drift not known). Each entry must have a
// known dialect, version 0 (whose text is empty) or one of the plugin's
// migrations' versions, once per dialect, and a text at most 4 MiB that
// parses (core/schema/schema_objects.h); a bad one refuses the plugin with
// an error naming it ("expected_schemas #2 (sqlite, version 3): ...").
absl::Status ReadExpectedSchemas(const aos_migration_descriptor* d, ModulePlugin* plugin);

}  // namespace aos::plugin

#endif  // AOS_CORE_PLUGIN_EXPECTED_SCHEMA_READER_H_
