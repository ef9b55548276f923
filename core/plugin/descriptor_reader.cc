#include "core/plugin/descriptor_reader.h"

#include <algorithm>

#include <cstddef>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/plugin/expected_schema_reader.h"
#include "core/plugin/module_id.h"
#include "core/sql/session_control.h"
#include "core/sql/statement_splitter.h"

namespace aos::plugin {
namespace {

constexpr size_t kMaxRepositoryIdLength = 250;  // migrate_version's column
// What the version columns hold (INTEGER, as sqlalchemy-migrate made them).
constexpr int64_t kMaxVersion = 2147483647;
// Names and descriptions go into tables and logs: one line, bounded.
constexpr size_t kMaxDisplayNameBytes = 64;
constexpr size_t kMaxDescriptionBytes = 200;

absl::Status Refuse(absl::string_view what) {
  return absl::FailedPreconditionError(what);
}

// A string field: present, non-null, and (when required) non-empty.
absl::StatusOr<std::string> ReadString(const char* value,
                                       absl::string_view field, bool required) {
  if (value == nullptr || value[0] == '\0') {
    if (required) return Refuse(absl::StrCat(field, " is missing"));
    return std::string();
  }
  return std::string(value);
}

// A text shown to people (display name, description): printable, on one
// line, at most `max_bytes`. Control characters (newlines, ANSI escapes)
// would let a plugin forge rows of the report or colour the terminal.
absl::StatusOr<std::string> ReadText(const char* value, absl::string_view field,
                                     size_t max_bytes) {
  absl::StatusOr<std::string> text = ReadString(value, field, true);
  if (!text.ok()) return text;
  if (text->size() > max_bytes) {
    return Refuse(absl::StrCat(field, " is ", text->size(),
                               " bytes long; at most ", max_bytes));
  }
  for (unsigned char c : *text) {
    if (c < 0x20 || c == 0x7f) {
      return Refuse(absl::StrCat(field, " holds a control character (0x",
                                 absl::Hex(c, absl::kZeroPad2),
                                 "); it must be printable text on one line"));
    }
  }
  return text;
}

// A script that takes over the tool's transaction or session is refused:
// the generic script by MySQL's rules (generic scripts are MySQL's, and a
// MySQL-only plugin must load), each variant by its own engine's rules.
absl::Status CheckSessionControl(const Step& step, absl::string_view where) {
  for (const char* dialect : {"mysql", "postgresql", "sqlite"}) {
    auto variant = step.sql_by_dialect.find(dialect);
    const bool generic = variant == step.sql_by_dialect.end();
    if (generic && std::string(dialect) != "mysql") continue;
    const std::string& script = generic ? step.sql : variant->second;
    // A script that does not split is reported when it is to run.
    if (absl::Status st = sql::CheckScriptNoSessionControl(script, dialect);
        !st.ok()) {
      return Refuse(absl::StrCat(where, ": ", st.message()));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Step> ReadStep(const aos_migration_step* step,
                              absl::string_view where) {
  if (step->struct_size < AOS_MIGRATION_STEP_MIN_SIZE) {
    return Refuse(absl::StrCat(where, ": step struct_size ", step->struct_size,
                               " is smaller than the oldest supported (",
                               AOS_MIGRATION_STEP_MIN_SIZE, ")"));
  }
  Step out;
  switch (step->kind) {
    case AOS_MIGRATION_STEP_SQL:
      out.kind = Step::Kind::kSql;
      if (step->sql == nullptr) {
        return Refuse(absl::StrCat(where, ": SQL step has no script"));
      }
      out.sql = step->sql;
      if (step->variant_count > 0 && step->variants == nullptr) {
        return Refuse(absl::StrCat(where, ": variant_count is ",
                                   step->variant_count, " but variants is NULL"));
      }
      for (uint32_t i = 0; i < step->variant_count; ++i) {
        const aos_migration_sql_variant& v = step->variants[i];
        if (v.dialect == nullptr || v.sql == nullptr) {
          return Refuse(absl::StrCat(where, ": SQL variant ", i,
                                     " lacks its dialect or script"));
        }
        std::string dialect = v.dialect;
        if (dialect != "mysql" && dialect != "sqlite" &&
            dialect != "postgresql") {
          return Refuse(absl::StrCat(where, ": unknown dialect '", dialect,
                                     "' (mysql, sqlite or postgresql)"));
        }
        out.sql_by_dialect[dialect] = v.sql;
      }
      if (absl::Status st = CheckSessionControl(out, where); !st.ok()) {
        return st;
      }
      return out;
    case AOS_MIGRATION_STEP_CODE:
      out.kind = Step::Kind::kCode;
      if (step->on_run == nullptr) {
        return Refuse(absl::StrCat(where, ": code step has no on_run hook"));
      }
      out.on_run = step->on_run;
      out.step_context = step->step_context;
      return out;
    default:
      return Refuse(absl::StrCat(where, ": unknown step kind ", step->kind));
  }
}

// The migrations array as a whole: present, and strided by a whole
// migration struct this host can read.
absl::Status CheckMigrationArray(const aos_migration_descriptor* d) {
  if (d->migration_count == 0) return Refuse("the plugin has no migrations");
  if (d->migrations == nullptr) {
    return Refuse(absl::StrCat("migration_count is ", d->migration_count,
                               " but migrations is NULL"));
  }
  if (d->migration_struct_size < AOS_MIGRATION_MIGRATION_MIN_SIZE) {
    return Refuse(absl::StrCat("migration_struct_size ",
                               d->migration_struct_size,
                               " is smaller than the oldest supported (",
                               AOS_MIGRATION_MIGRATION_MIN_SIZE, ")"));
  }
  // An array of C structs has a stride that keeps each one aligned; any
  // other value is not an array a compiler made, and reading through it
  // would be misaligned (undefined behaviour).
  if (d->migration_struct_size % alignof(aos_migration_migration) != 0) {
    return Refuse(absl::StrCat("migration_struct_size ",
                               d->migration_struct_size,
                               " is not a multiple of the struct's alignment (",
                               alignof(aos_migration_migration), ")"));
  }
  return absl::OkStatus();
}

// One migration's size and version: positive, and above those read before.
absl::Status CheckMigrationHeader(const aos_migration_migration* m,
                                  absl::string_view where,
                                  const std::vector<Migration>& read) {
  if (m->struct_size < AOS_MIGRATION_MIGRATION_MIN_SIZE) {
    return Refuse(absl::StrCat(where, ": struct_size ", m->struct_size,
                               " is smaller than the oldest supported (",
                               AOS_MIGRATION_MIGRATION_MIN_SIZE, ")"));
  }
  if (m->version <= 0) {
    return Refuse(absl::StrCat(where, ": versions must be positive"));
  }
  if (m->version > kMaxVersion) {
    return Refuse(absl::StrCat(where, ": versions must fit the bookkeeping's "
                               "INTEGER columns (at most ", kMaxVersion, ")"));
  }
  if (!read.empty()) {
    int64_t previous = read.back().version;
    if (m->version == previous) {
      return Refuse(absl::StrCat("version ", m->version, " is declared twice"));
    }
    if (m->version < previous) {
      return Refuse(absl::StrCat("versions are not in increasing order: ",
                                 m->version, " comes after ", previous));
    }
  }
  return absl::OkStatus();
}

// Reads the downgrade step into `out`, if there is one: a NULL downgrade, or
// one of kind NONE, marks the step irreversible.
absl::Status ReadDowngrade(const aos_migration_step* downgrade,
                           absl::string_view where, Migration* out) {
  if (downgrade == nullptr) return absl::OkStatus();
  // Its size comes first: `kind` lies beyond a struct_size under 8.
  if (downgrade->struct_size < AOS_MIGRATION_STEP_MIN_SIZE) {
    return Refuse(absl::StrCat(where, " downgrade: step struct_size ",
                               downgrade->struct_size,
                               " is smaller than the oldest supported (",
                               AOS_MIGRATION_STEP_MIN_SIZE, ")"));
  }
  if (downgrade->kind == AOS_MIGRATION_STEP_NONE) return absl::OkStatus();
  absl::StatusOr<Step> down =
      ReadStep(downgrade, absl::StrCat(where, " downgrade"));
  if (!down.ok()) return down.status();
  out->downgrade = *std::move(down);
  return absl::OkStatus();
}

// One migration whose header was checked: description and steps.
absl::StatusOr<Migration> ReadMigration(const aos_migration_migration* m,
                                        absl::string_view where) {
  Migration out;
  out.version = m->version;
  // `phase` lies beyond the struct of a plugin built before ABI 1.2.
  if (m->struct_size >= AOS_MIGRATION_MIGRATION_PHASE_SIZE) {
    if (m->phase > AOS_MIGRATION_PHASE_CONTRACT) {
      return Refuse(absl::StrCat(where, ": phase ", m->phase,
                                 " is not one of 0-3 (unspecified, expand, "
                                 "migrate, contract)"));
    }
    out.phase = static_cast<Phase>(m->phase);
  }
  absl::StatusOr<std::string> description = ReadText(
      m->description, absl::StrCat(where, ": description"),
      kMaxDescriptionBytes);
  if (!description.ok()) return description.status();
  out.description = *description;
  if (m->upgrade == nullptr) {
    return Refuse(absl::StrCat(where, ": it has no upgrade step"));
  }
  absl::StatusOr<Step> up =
      ReadStep(m->upgrade, absl::StrCat(where, " upgrade"));
  if (!up.ok()) return up.status();
  out.upgrade = *std::move(up);
  if (absl::Status st = ReadDowngrade(m->downgrade, where, &out); !st.ok()) {
    return st;
  }
  return out;
}

absl::Status ReadMigrations(const aos_migration_descriptor* d,
                            ModulePlugin* plugin) {
  if (absl::Status st = CheckMigrationArray(d); !st.ok()) return st;
  const char* base = reinterpret_cast<const char*>(d->migrations);
  // No moves of every migration read so far as the vector grows (a
  // hostile count is bounded: the array was checked, memory is not taken).
  plugin->migrations.reserve(std::min<uint32_t>(d->migration_count, 1u << 16));
  for (uint32_t i = 0; i < d->migration_count; ++i) {
    const auto* m = reinterpret_cast<const aos_migration_migration*>(
        base + static_cast<size_t>(i) * d->migration_struct_size);
    std::string where =
        absl::StrCat("migration #", i + 1, " (version ", m->version, ")");
    if (absl::Status st = CheckMigrationHeader(m, where, plugin->migrations);
        !st.ok()) {
      return st;
    }
    absl::StatusOr<Migration> migration = ReadMigration(m, where);
    if (!migration.ok()) return migration.status();
    plugin->migrations.push_back(*std::move(migration));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ModulePlugin> ReadDescriptor(
    const aos_migration_descriptor* d, absl::string_view path) {
  if (d == nullptr) return Refuse("the entry function returned NULL");
  if (d->struct_size < AOS_MIGRATION_DESCRIPTOR_MIN_SIZE) {
    return Refuse(absl::StrCat("descriptor struct_size ", d->struct_size,
                               " is smaller than the oldest supported (",
                               AOS_MIGRATION_DESCRIPTOR_MIN_SIZE, ")"));
  }
  if (d->magic != AOS_MIGRATION_MAGIC) {
    return Refuse(absl::StrCat("bad magic 0x", absl::Hex(d->magic),
                               " (expected 0x", absl::Hex(AOS_MIGRATION_MAGIC),
                               "): not an aos-db-migrate plugin"));
  }
  if (d->abi_major != AOS_MIGRATION_ABI_MAJOR) {
    return Refuse(absl::StrCat("built for ABI ", d->abi_major, ".",
                               d->abi_minor, ", this aos-db-migrate speaks ABI ",
                               AOS_MIGRATION_ABI_MAJOR, ".",
                               AOS_MIGRATION_ABI_MINOR,
                               " (the major version must match)"));
  }
  if (d->abi_minor > AOS_MIGRATION_ABI_MINOR) {
    return Refuse(absl::StrCat("built for ABI ", d->abi_major, ".",
                               d->abi_minor, ", newer than this aos-db-migrate's ",
                               AOS_MIGRATION_ABI_MAJOR, ".",
                               AOS_MIGRATION_ABI_MINOR, "; upgrade aos-db-migrate"));
  }
  ModulePlugin plugin;
  plugin.path = std::string(path);
  absl::StatusOr<std::string> id = ReadString(d->module_id, "module_id", true);
  if (!id.ok()) return id.status();
  if (!IsValidModuleId(*id)) {
    return Refuse(absl::StrCat("module_id '", *id,
                               "' is invalid (expected [a-z][a-z0-9_]*, at most "
                               "64 characters)"));
  }
  plugin.module_id = *id;
  absl::StatusOr<std::string> name =
      ReadText(d->display_name, "display_name", kMaxDisplayNameBytes);
  if (!name.ok()) return name.status();
  plugin.display_name = *name;
  absl::StatusOr<std::string> repo =
      ReadString(d->repository_id, "repository_id", false);
  plugin.repository_id = repo->empty() ? plugin.module_id : *repo;
  if (plugin.repository_id.size() > kMaxRepositoryIdLength) {
    return Refuse(absl::StrCat("repository_id is longer than ",
                               kMaxRepositoryIdLength, " characters"));
  }
  plugin.service_config_path =
      *ReadString(d->service_config_path, "service_config_path", false);
  // ABI 1.1 fields: absent (empty) in a smaller, older descriptor.
  if (d->struct_size >= offsetof(aos_migration_descriptor, plugin_release) +
                            sizeof(d->plugin_release)) {
    plugin.release = *ReadString(d->plugin_release, "plugin_release", false);
  }
  if (absl::Status st = ReadMigrations(d, &plugin); !st.ok()) return st;
  // ABI 1.3 fields: read only from a descriptor large enough to hold them.
  if (absl::Status st = ReadExpectedSchemas(d, &plugin); !st.ok()) return st;
  return plugin;
}

}  // namespace aos::plugin
