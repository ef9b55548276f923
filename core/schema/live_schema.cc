// live_schema.cc: ReadLiveSchema, the catalog's shape normalized.
#include "core/schema/live_schema.h"

#include "core/schema/normalized_shape.h"
#include "core/schema/schema_shape.h"

namespace aos::schema {

absl::StatusOr<SchemaObjects> ReadLiveSchema(backend::Database& db) {
  absl::StatusOr<SchemaShape> shape = ReadSchemaShape(db);
  if (!shape.ok()) return shape.status();
  return NormalizeShape(*shape, db.dialect());
}

}  // namespace aos::schema
