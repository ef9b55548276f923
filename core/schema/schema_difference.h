// schema_difference.h: how a live schema differs from the expected one
// (drift, issue 29), object by object.
#ifndef AOS_CORE_SCHEMA_SCHEMA_DIFFERENCE_H_
#define AOS_CORE_SCHEMA_SCHEMA_DIFFERENCE_H_

#include <string>
#include <vector>

#include "core/schema/schema_objects.h"

namespace aos::schema {

struct SchemaDifference {
  enum class Kind { kExtra, kMissing, kChanged };
  std::string object;  // "column t.c"
  Kind kind;
  std::string expected;  // "" for kExtra
  std::string actual;    // "" for kMissing
};

// "extra", "missing", "changed".
const char* KindName(SchemaDifference::Kind kind);

// What `live` has that `expected` has not (kExtra), the other way round
// (kMissing), and what both have with other definitions (kChanged); sorted
// by object. Empty when they are equal.
std::vector<SchemaDifference> CompareSchemas(const SchemaObjects& expected,
                                             const SchemaObjects& live);

}  // namespace aos::schema

#endif  // AOS_CORE_SCHEMA_SCHEMA_DIFFERENCE_H_
