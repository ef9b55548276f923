// module_drift.h: one module's drift (issue 29): its live schema
// (schema/live_schema.h) held against the schema its recorded version
// should have, as its plugin ships it (ModulePlugin::ExpectedSchema,
// schema/schema_objects.h), each difference marked when an operator
// accepted it (accepted_drift_store.h). Reads only.
//
// Whose a table is, when modules share one database: a table (and its
// columns, indexes, keys, checks and triggers) belongs to the module whose
// expected schema names it; a table that another loaded module sharing
// the database (one whose repository_id has a version row there) expects
// at its own recorded version is that module's, never this one's drift; a
// table no such module expects is this module's (an extra table). So a
// table added by hand to a module's database is reported by that module
// only. (Several modules in one database: each reports it.)
#ifndef AOS_CORE_ENGINE_DRIFT_MODULE_DRIFT_H_
#define AOS_CORE_ENGINE_DRIFT_MODULE_DRIFT_H_

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/engine/drift/drift_policy.h"
#include "core/plugin/module_plugin.h"
#include "core/report/drift_info.h"

namespace aos::engine {

// The drift of `module` at its recorded `version`: known, with every
// difference (accepted ones marked); or not known, with why (the plugin
// carries no expected schema for the engine or the version: not an error).
// A failure is the database's (reading the catalog or the acceptances).
absl::StatusOr<report::DriftInfo> ReadModuleDrift(backend::Database& db,
                                                  const plugin::ModulePlugin& module,
                                                  int64_t version, const DriftPolicy& policy);

// The table (or view) an object of a normalized schema belongs to:
// "column t.c" -> "t", "table t" -> "t", "trigger t.r" -> "t".
std::string TableOfObject(const std::string& object);

// The tables the objects of a normalized schema belong to.
std::set<std::string> TablesOfObjects(const std::vector<std::string>& objects);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_DRIFT_MODULE_DRIFT_H_
