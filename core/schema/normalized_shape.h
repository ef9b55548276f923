// normalized_shape.h: a schema's shape (schema_shape.h) as normalized
// objects (schema_objects.h), pure, so that every engine's and server's
// spelling can be tested without the server (live_schema.h reads the shape).
#ifndef AOS_CORE_SCHEMA_NORMALIZED_SHAPE_H_
#define AOS_CORE_SCHEMA_NORMALIZED_SHAPE_H_

#include "absl/strings/string_view.h"
#include "core/schema/schema_objects.h"
#include "core/schema/schema_shape.h"

namespace aos::schema {

// The objects of `shape` read on `dialect` ("mysql", "postgresql",
// "sqlite"). Left out as no meaning of the module's: column order, table
// options and counters (auto_increment), collations, the index MySQL
// creates for a foreign key, the check MariaDB makes a JSON column of.
SchemaObjects NormalizeShape(const SchemaShape& shape, absl::string_view dialect);

}  // namespace aos::schema

#endif  // AOS_CORE_SCHEMA_NORMALIZED_SHAPE_H_
