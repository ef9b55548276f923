// expected_schema_check.cc: the live schema against the shipped one, per
// step of the walk.
#include "core/conformance/expected_schema_check.h"

#include "absl/strings/str_cat.h"
#include "core/schema/live_schema.h"
#include "core/schema/schema_objects.h"

namespace aos::conformance {

std::string FormatDifferences(const std::vector<schema::SchemaDifference>& differences) {
  std::string out;
  for (const schema::SchemaDifference& d : differences) {
    absl::StrAppend(&out, schema::KindName(d.kind), " ", d.object, ":");
    if (d.kind != schema::SchemaDifference::Kind::kExtra) {
      absl::StrAppend(&out, " expected '", d.expected, "'");
    }
    if (d.kind == schema::SchemaDifference::Kind::kChanged) absl::StrAppend(&out, ",");
    if (d.kind != schema::SchemaDifference::Kind::kMissing) {
      absl::StrAppend(&out, " live '", d.actual, "'");
    }
    absl::StrAppend(&out, "\n");
  }
  return out;
}

ExpectedSchemaCheck::ExpectedSchemaCheck(const plugin::ModulePlugin& module,
                                         absl::string_view dialect,
                                         std::map<int64_t, std::string>* record)
    : module_(module), dialect_(dialect), record_(record) {
  known_ = record_ != nullptr || module_.expected_schemas.count(dialect_) > 0;
}

std::string ExpectedSchemaCheck::Mismatch(backend::Database& db, int64_t version) {
  if (!known_) return "";
  if (record_ != nullptr && (version == 0 || record_->count(version))) return "";
  absl::StatusOr<schema::SchemaObjects> live = schema::ReadLiveSchema(db);
  if (!live.ok()) return absl::StrCat("read the live schema: ", live.status().message());
  if (record_ != nullptr) {
    (*record_)[version] = schema::FormatSchemaObjects(*live);
    return "";
  }
  const std::string* text = module_.ExpectedSchema(dialect_, version);
  if (text == nullptr) {
    return absl::StrCat("the plugin ships no expected schema for version ", version, " on ",
                        dialect_,
                        ": its schema files are stale (run aos-plugin-check "
                        "--write-expected-schemas)");
  }
  absl::StatusOr<schema::SchemaObjects> expected = schema::ParseSchemaObjects(*text);
  if (!expected.ok()) return std::string(expected.status().message());
  ++compared_;
  return FormatDifferences(schema::CompareSchemas(*expected, *live));
}

std::string ExpectedSchemaCheck::Summary() const {
  if (record_ != nullptr) {
    return absl::StrCat("drift: recorded the schema of ", record_->size(), " versions on ",
                        dialect_);
  }
  if (!known_) {
    return absl::StrCat("drift: not known (the plugin ships no expected schema for ", dialect_,
                        ")");
  }
  return absl::StrCat("drift: the schema after each of ", compared_,
                      " steps is the one the plugin ships (", dialect_, ")");
}

}  // namespace aos::conformance
