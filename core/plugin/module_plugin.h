// module_plugin.h: what the core keeps of a loaded plugin, copied out of its
// C descriptor (GStreamer-style: the host copies what it keeps). Only the
// code-step hooks still point into the library, which is never unloaded.
#ifndef AOS_CORE_PLUGIN_MODULE_PLUGIN_H_
#define AOS_CORE_PLUGIN_MODULE_PLUGIN_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/abi/aos_migration_abi.h"
#include "core/plugin/expected_schemas.h"

namespace aos::plugin {

struct Step {
  enum class Kind { kSql, kCode };
  Kind kind = Kind::kSql;
  std::string sql;                                // kSql: generic script
  std::map<std::string, std::string> sql_by_dialect;  // kSql: overrides
  aos_migration_on_code_step on_run = nullptr;    // kCode
  void* step_context = nullptr;                   // kCode

  // The script to run on `dialect`: its override, else the generic one.
  const std::string& SqlFor(absl::string_view dialect) const {
    auto it = sql_by_dialect.find(std::string(dialect));
    return it == sql_by_dialect.end() ? sql : it->second;
  }
};

// A migration's place in a rolling upgrade (ABI 1.2, AOS_MIGRATION_PHASE_*).
enum class Phase { kUnspecified = 0, kExpand = 1, kMigrate = 2, kContract = 3 };

// "unspecified", "expand", "migrate", "contract".
inline const char* PhaseName(Phase phase) {
  switch (phase) {
    case Phase::kExpand:
      return "expand";
    case Phase::kMigrate:
      return "migrate";
    case Phase::kContract:
      return "contract";
    case Phase::kUnspecified:
      break;
  }
  return "unspecified";
}

// PhaseName's inverse; kUnspecified for any other name.
inline Phase PhaseNamed(absl::string_view name) {
  for (Phase p : {Phase::kExpand, Phase::kMigrate, Phase::kContract}) {
    if (name == PhaseName(p)) return p;
  }
  return Phase::kUnspecified;
}

struct Migration {
  int64_t version = 0;
  std::string description;
  Step upgrade;
  std::optional<Step> downgrade;  // nullopt: irreversible
  Phase phase = Phase::kUnspecified;  // ABI 1.2
};

struct ModulePlugin {
  std::string path;  // the .so it came from
  // The identity (plugin_file.h, FileKey) of the file it was described
  // from, as opened; "" when not known. A process that loads the file
  // again (for its code steps) refuses another file under the same path.
  std::string file_key;
  std::string module_id;
  std::string display_name;
  std::string repository_id;
  std::string service_config_path;  // may be empty
  std::string release;              // the plugin's own release; may be empty
  std::vector<Migration> migrations;  // strictly increasing versions
  // ABI 1.3: the normalized schema (FormatSchemaObjects text,
  // core/schema/schema_objects.h) the module's tables have after each
  // version, per dialect ("mysql", "postgresql", "sqlite"); a dialect
  // absent: drift not known on that engine. Version 0 (nothing applied) is
  // the empty schema whenever the dialect is present. Held compactly and
  // shared between copies (expected_schemas.h): read it with
  // ExpectedSchema(), or as the map of maps it behaves as (count(dialect),
  // begin()/end(), map()).
  ExpectedSchemas expected_schemas;

  int64_t LatestVersion() const {
    return migrations.empty() ? 0 : migrations.back().version;
  }
  const Migration* Find(int64_t version) const {
    for (const Migration& m : migrations) {
      if (m.version == version) return &m;
    }
    return nullptr;
  }
  // The text for (dialect, version), or nullptr when not known.
  const std::string* ExpectedSchema(absl::string_view dialect, int64_t version) const {
    return expected_schemas.Find(dialect, version);
  }
};

}  // namespace aos::plugin

#endif  // AOS_CORE_PLUGIN_MODULE_PLUGIN_H_
