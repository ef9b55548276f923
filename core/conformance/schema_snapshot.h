// schema_snapshot.h: the schema of a database as a sorted list of readable
// lines (tables, columns with type, default and nullability, indexes,
// foreign keys, triggers), so that two snapshots compare with == and their
// difference reads as a diff. The tool's own bookkeeping tables are left
// out.
#ifndef AOS_CORE_CONFORMANCE_SCHEMA_SNAPSHOT_H_
#define AOS_CORE_CONFORMANCE_SCHEMA_SNAPSHOT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/backend/database.h"

namespace aos::conformance {

using SchemaSnapshot = std::vector<std::string>;  // sorted lines

absl::StatusOr<SchemaSnapshot> TakeSnapshot(backend::Database& db);

// "- line" for what only `before` has, "+ line" for what only `after` has;
// empty when they are equal.
std::string SchemaDiff(const SchemaSnapshot& before,
                       const SchemaSnapshot& after);

}  // namespace aos::conformance

#endif  // AOS_CORE_CONFORMANCE_SCHEMA_SNAPSHOT_H_
