// schema_objects.h: a module's normalized schema (drift, issue 29), one
// entry per object with its definition as normalized text, and the carrier
// text a plugin ships it in.
//
// Object names start with the kind, then the qualified name:
//   "table T", "view V", "column T.C", "index T.I" (a primary key is
//   "index T.PRIMARY" on every engine), "foreign key T.F", "check T.K",
//   "trigger T.R", and on PostgreSQL "function F(ARGS)", "sequence S".
// A definition is one line of text (live_schema.h says how it is made).
#ifndef AOS_CORE_SCHEMA_SCHEMA_OBJECTS_H_
#define AOS_CORE_SCHEMA_SCHEMA_OBJECTS_H_

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace aos::schema {

// Object name -> its normalized definition.
using SchemaObjects = std::map<std::string, std::string>;

// The carrier text: one "object\tdefinition" line per entry, sorted by
// object, each ended by "\n". A tab, a line break or a backslash inside an
// object or a definition is written as "\t", "\n", "\\".
std::string FormatSchemaObjects(const SchemaObjects& objects);

// FormatSchemaObjects' inverse. Empty lines are skipped. kInvalidArgument,
// naming the line, for a line without a tab, an object without a kind and
// a name ("table t"), an object given twice, or a bad escape.
absl::StatusOr<SchemaObjects> ParseSchemaObjects(absl::string_view text);

}  // namespace aos::schema

#endif  // AOS_CORE_SCHEMA_SCHEMA_OBJECTS_H_
