// expected_schema_reader.cc: the ABI 1.3 expected schemas, checked entry by
// entry like the migrations (descriptor_reader.cc).
#include "core/plugin/expected_schema_reader.h"

#include <cstddef>
#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"
#include "core/schema/schema_objects.h"

namespace aos::plugin {
namespace {

constexpr size_t kMaxSchemaTextBytes = size_t{4} << 20;

absl::Status Refuse(absl::string_view what) { return absl::FailedPreconditionError(what); }

bool KnownDialect(const char* dialect) {
  for (const char* known : {"mysql", "postgresql", "sqlite"}) {
    if (std::strcmp(dialect, known) == 0) return true;
  }
  return false;
}

absl::Status CheckArray(const aos_migration_descriptor* d, const ModulePlugin& plugin) {
  if (d->expected_schemas == nullptr) {
    return Refuse(absl::StrCat("expected_schema_count is ", d->expected_schema_count,
                               " but expected_schemas is NULL"));
  }
  if (d->expected_schema_struct_size < AOS_MIGRATION_EXPECTED_SCHEMA_MIN_SIZE) {
    return Refuse(absl::StrCat("expected_schema_struct_size ", d->expected_schema_struct_size,
                               " is smaller than the oldest supported (",
                               AOS_MIGRATION_EXPECTED_SCHEMA_MIN_SIZE, ")"));
  }
  // One per dialect and version at most (version 0 included).
  const uint64_t most = 3 * (uint64_t{plugin.migrations.size()} + 1);
  if (d->expected_schema_count > most) {
    return Refuse(absl::StrCat("expected_schema_count ", d->expected_schema_count,
                               " is more than one per dialect and version (", most, ")"));
  }
  return absl::OkStatus();
}

// One entry, checked; its text into `plugin`.
absl::Status ReadEntry(const aos_migration_expected_schema* e, absl::string_view where,
                       ModulePlugin* plugin) {
  if (e->struct_size < AOS_MIGRATION_EXPECTED_SCHEMA_MIN_SIZE) {
    return Refuse(absl::StrCat(where, ": struct_size ", e->struct_size,
                               " is smaller than the oldest supported (",
                               AOS_MIGRATION_EXPECTED_SCHEMA_MIN_SIZE, ")"));
  }
  if (e->dialect == nullptr || !KnownDialect(e->dialect)) {
    return Refuse(absl::StrCat(where, ": dialect is not mysql, postgresql or sqlite"));
  }
  if (e->version != 0 && plugin->Find(e->version) == nullptr) {
    return Refuse(absl::StrCat(where, ": version ", e->version, " is no migration's version"));
  }
  if (e->text == nullptr) return Refuse(absl::StrCat(where, ": text is NULL"));
  const size_t size = strnlen(e->text, kMaxSchemaTextBytes + 1);
  if (size > kMaxSchemaTextBytes) {
    return Refuse(absl::StrCat(where, ": text is longer than ", kMaxSchemaTextBytes, " bytes"));
  }
  std::string text(e->text, size);
  if (e->version == 0 && !text.empty()) {
    return Refuse(absl::StrCat(where, ": version 0 (nothing applied) has objects"));
  }
  if (absl::StatusOr<schema::SchemaObjects> objects = schema::ParseSchemaObjects(text);
      !objects.ok()) {
    return Refuse(absl::StrCat(where, ": ", objects.status().message()));
  }
  std::map<int64_t, std::string>& versions = plugin->expected_schemas[e->dialect];
  if (!versions.emplace(e->version, std::move(text)).second) {
    return Refuse(absl::StrCat(where, ": a second schema for that dialect and version"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ReadExpectedSchemas(const aos_migration_descriptor* d, ModulePlugin* plugin) {
  if (d->struct_size < AOS_MIGRATION_DESCRIPTOR_SCHEMAS_SIZE || d->expected_schema_count == 0) {
    return absl::OkStatus();
  }
  if (absl::Status st = CheckArray(d, *plugin); !st.ok()) return st;
  const char* base = reinterpret_cast<const char*>(d->expected_schemas);
  for (uint32_t i = 0; i < d->expected_schema_count; ++i) {
    const auto* e = reinterpret_cast<const aos_migration_expected_schema*>(
        base + static_cast<size_t>(i) * d->expected_schema_struct_size);
    // Its dialect and version are named only once they are known to be read.
    const bool named = e->struct_size >= AOS_MIGRATION_EXPECTED_SCHEMA_MIN_SIZE &&
                       e->dialect != nullptr && KnownDialect(e->dialect);
    const std::string where = named ? absl::StrCat("expected_schemas #", i + 1, " (", e->dialect,
                                                   ", version ", e->version, ")")
                                    : absl::StrCat("expected_schemas #", i + 1);
    if (absl::Status st = ReadEntry(e, where, plugin); !st.ok()) {
      plugin->expected_schemas.clear();
      return st;
    }
  }
  return absl::OkStatus();
}

}  // namespace aos::plugin
