// schema_shape.h: the kit's name for the schema's shape, which lives in
// core/schema (the kit and drift read the catalog with the same code).
#ifndef AOS_CORE_CONFORMANCE_SCHEMA_SHAPE_H_
#define AOS_CORE_CONFORMANCE_SCHEMA_SHAPE_H_

#include "core/schema/schema_shape.h"

namespace aos::conformance {

using schema::ColumnShape;
using schema::ConstraintShape;
using schema::ReadSchemaShape;
using schema::SchemaShape;
using schema::TableShape;

}  // namespace aos::conformance

#endif  // AOS_CORE_CONFORMANCE_SCHEMA_SHAPE_H_
