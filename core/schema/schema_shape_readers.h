// schema_shape_readers.h: what ReadSchemaShape (schema_shape.h) is made of,
// internal to //core/schema:schema_shape: one reader per engine, each a
// list of catalog queries (schema_shape_mysql.cc, _postgresql.cc, _sqlite.cc),
// and the helpers they share.
#ifndef AOS_CORE_SCHEMA_SCHEMA_SHAPE_READERS_H_
#define AOS_CORE_SCHEMA_SCHEMA_SHAPE_READERS_H_

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "core/backend/database.h"
#include "core/schema/schema_shape.h"

namespace aos::schema::shape {

// One catalog query's part of the shape.
using CatalogReader = absl::Status (*)(backend::Database& db, SchemaShape* s);

// Runs `readers` in order; stops at the first that fails.
absl::Status ReadInOrder(backend::Database& db, SchemaShape* s,
                         std::initializer_list<CatalogReader> readers);

absl::Status ReadMysql(backend::Database& db, SchemaShape* s);
absl::Status ReadPostgresql(backend::Database& db, SchemaShape* s);
absl::Status ReadSqlite(backend::Database& db, SchemaShape* s);

// A column's text; "" for NULL.
std::string V(const std::optional<std::string>& v);

// `s` with each run of blanks and line breaks made one blank.
std::string Squeeze(const std::string& s);

// Runs `sql` and hands each row to `add`, skipping rows whose first column
// names a bookkeeping table.
absl::Status ForRows(backend::Database& db, const std::string& sql,
                     const std::function<void(const backend::Row&)>& add);

// The constraint `key` of `table`, created with `kind` and `name` when it is
// first seen.
ConstraintShape& Constraint(SchemaShape* s, const std::string& table,
                            const std::string& key, const std::string& kind,
                            const std::string& name);

}  // namespace aos::schema::shape

#endif  // AOS_CORE_SCHEMA_SCHEMA_SHAPE_READERS_H_
