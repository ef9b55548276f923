#include "core/engine/drift/module_drift.h"

#include <map>
#include <optional>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/engine/drift/accepted_drift_store.h"
#include "core/schema/live_schema.h"
#include "core/schema/schema_difference.h"
#include "core/schema/schema_objects.h"

namespace aos::engine {
namespace {

std::vector<std::string> Names(const schema::SchemaObjects& objects) {
  std::vector<std::string> names;
  for (const auto& [name, definition] : objects) names.push_back(name);
  return names;
}

// The tables a module expects at `version` on `dialect`; when its plugin
// carries no schema of that version, those of every version it carries
// (it surely owns them); none when it carries none for the engine.
std::set<std::string> ExpectedTables(const plugin::ModulePlugin& module, absl::string_view dialect,
                                     int64_t version) {
  std::vector<const std::string*> texts;
  if (const std::string* text = module.ExpectedSchema(dialect, version)) {
    texts.push_back(text);
  } else if (auto it = module.expected_schemas.map().find(std::string(dialect));
             it != module.expected_schemas.map().end()) {
    for (const auto& [v, text] : it->second) texts.push_back(&text);
  }
  std::set<std::string> tables;
  for (const std::string* text : texts) {
    absl::StatusOr<schema::SchemaObjects> objects = schema::ParseSchemaObjects(*text);
    if (!objects.ok()) continue;
    std::set<std::string> more = TablesOfObjects(Names(*objects));
    tables.insert(more.begin(), more.end());
  }
  return tables;
}

// The tables the other loaded modules that share this database expect
// (module_drift.h).
absl::StatusOr<std::set<std::string>> ClaimedTables(backend::Database& db,
                                                    const plugin::ModulePlugin& module,
                                                    const DriftPolicy& policy) {
  std::set<std::string> claimed;
  if (policy.loaded == nullptr) return claimed;
  absl::StatusOr<std::optional<std::vector<backend::Row>>> rows = backend::QueryIfTableExists(
      db, "migrate_version", {"SELECT repository_id, version FROM migrate_version", {}});
  if (!rows.ok()) return rows.status();
  if (!*rows) return claimed;
  std::map<std::string, int64_t> versions;
  for (const backend::Row& row : **rows) {
    int64_t v = 0;
    if (row.size() < 2 || !row[0] || !row[1] || !absl::SimpleAtoi(*row[1], &v)) {
      continue;
    }
    versions[*row[0]] = v;
  }
  for (const plugin::ModulePlugin& other : *policy.loaded) {
    if (other.repository_id == module.repository_id) continue;
    auto it = versions.find(other.repository_id);
    if (it == versions.end()) continue;
    std::set<std::string> tables = ExpectedTables(other, db.dialect(), it->second);
    claimed.insert(tables.begin(), tables.end());
  }
  return claimed;
}

// Why the expected schema is not known, or "".
std::string NotKnown(const plugin::ModulePlugin& module, absl::string_view dialect,
                     int64_t version) {
  if (module.expected_schemas.count(std::string(dialect)) == 0) {
    return absl::StrCat("the plugin carries no expected schema for ", dialect);
  }
  return absl::StrCat("the plugin carries no expected schema of version ", version, " for ",
                      dialect);
}

report::DriftInfo NotKnownInfo(int64_t version, std::string why) {
  report::DriftInfo info;
  info.version = version;
  info.not_known = std::move(why);
  return info;
}

}  // namespace

std::string TableOfObject(const std::string& object) {
  // The kind is one word but for "foreign key"; objects of a table name it
  // before a dot, the others ("table", "view", PostgreSQL's "function" and
  // "sequence") are their own.
  constexpr absl::string_view kForeignKey = "foreign key ";
  size_t name_at = 0;
  if (absl::StartsWith(object, kForeignKey)) {
    name_at = kForeignKey.size();
  } else if (size_t space = object.find(' '); space != std::string::npos) {
    name_at = space + 1;
  }
  const std::string kind = object.substr(0, name_at == 0 ? 0 : name_at - 1);
  const std::string name = object.substr(name_at);
  if (kind == "table" || kind == "view" || kind == "function" || kind == "sequence") {
    return name;
  }
  return name.substr(0, name.find('.'));
}

std::set<std::string> TablesOfObjects(const std::vector<std::string>& objects) {
  std::set<std::string> tables;
  for (const std::string& object : objects) tables.insert(TableOfObject(object));
  return tables;
}

absl::StatusOr<report::DriftInfo> ReadModuleDrift(backend::Database& db,
                                                  const plugin::ModulePlugin& module,
                                                  int64_t version, const DriftPolicy& policy) {
  const std::string* text = module.ExpectedSchema(db.dialect(), version);
  if (text == nullptr) {
    return NotKnownInfo(version, NotKnown(module, db.dialect(), version));
  }
  absl::StatusOr<schema::SchemaObjects> expected = schema::ParseSchemaObjects(*text);
  if (!expected.ok()) {
    return NotKnownInfo(version, absl::StrCat("the plugin's expected schema of version ", version,
                                              " does not read: ", expected.status().message()));
  }
  absl::StatusOr<schema::SchemaObjects> live = schema::ReadLiveSchema(db);
  if (!live.ok()) return live.status();
  absl::StatusOr<std::set<std::string>> claimed = ClaimedTables(db, module, policy);
  if (!claimed.ok()) return claimed.status();
  // This module's objects: those of its tables, and of tables no module
  // sharing the database expects.
  const std::set<std::string> own = TablesOfObjects(Names(*expected));
  schema::SchemaObjects mine;
  for (const auto& [name, definition] : *live) {
    const std::string table = TableOfObject(name);
    if (own.count(table) > 0 || claimed->count(table) == 0) {
      mine.emplace(name, definition);
    }
  }
  report::DriftInfo info;
  info.known = true;
  info.version = version;
  for (const schema::SchemaDifference& d : schema::CompareSchemas(*expected, mine)) {
    info.items.push_back({d.object, schema::KindName(d.kind), d.expected, d.actual, false});
  }
  absl::StatusOr<std::vector<report::DriftItem>> accepted =
      AcceptedDriftStore(db, module.repository_id).Load();
  if (!accepted.ok()) return accepted.status();
  MarkAccepted(*accepted, info.items);
  return info;
}

}  // namespace aos::engine
