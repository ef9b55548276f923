// live_schema.h: the live schema of a module's database, normalized (drift,
// issue 29).
#ifndef AOS_CORE_SCHEMA_LIVE_SCHEMA_H_
#define AOS_CORE_SCHEMA_LIVE_SCHEMA_H_

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/schema/schema_objects.h"

namespace aos::schema {

// The live schema of the database `db` is connected to, normalized the same
// way the shipped one was (so equal meanings compare equal across MariaDB
// 10.x / MySQL 8 / later spellings: normalized_shape.h, spelling.h); the
// tool's bookkeeping tables (engine::IsBookkeepingTable, archives included)
// are left out. Reads the catalog only; writes nothing.
absl::StatusOr<SchemaObjects> ReadLiveSchema(backend::Database& db);

}  // namespace aos::schema

#endif  // AOS_CORE_SCHEMA_LIVE_SCHEMA_H_
