// schema_difference.cc: CompareSchemas, one walk over both sorted maps.
#include "core/schema/schema_difference.h"

namespace aos::schema {

const char* KindName(SchemaDifference::Kind kind) {
  switch (kind) {
    case SchemaDifference::Kind::kExtra:
      return "extra";
    case SchemaDifference::Kind::kMissing:
      return "missing";
    case SchemaDifference::Kind::kChanged:
      break;
  }
  return "changed";
}

std::vector<SchemaDifference> CompareSchemas(const SchemaObjects& expected,
                                             const SchemaObjects& live) {
  using Kind = SchemaDifference::Kind;
  std::vector<SchemaDifference> out;
  auto e = expected.begin();
  auto l = live.begin();
  while (e != expected.end() || l != live.end()) {
    if (l == live.end() || (e != expected.end() && e->first < l->first)) {
      out.push_back({e->first, Kind::kMissing, e->second, ""});
      ++e;
    } else if (e == expected.end() || l->first < e->first) {
      out.push_back({l->first, Kind::kExtra, "", l->second});
      ++l;
    } else {
      if (e->second != l->second) {
        out.push_back({e->first, Kind::kChanged, e->second, l->second});
      }
      ++e;
      ++l;
    }
  }
  return out;
}

}  // namespace aos::schema
