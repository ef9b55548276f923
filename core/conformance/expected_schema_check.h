// expected_schema_check.h: the kit's drift check (issue 29): after every
// step of the walk, the live schema (core/schema/live_schema.h) must be the
// one the plugin ships for the version the database is at, on that engine.
// Also what `aos-plugin-check --write-expected-schemas` records instead of
// comparing: the live schema after each version's first upgrade.
#ifndef AOS_CORE_CONFORMANCE_EXPECTED_SCHEMA_CHECK_H_
#define AOS_CORE_CONFORMANCE_EXPECTED_SCHEMA_CHECK_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/backend/database.h"
#include "core/plugin/module_plugin.h"
#include "core/schema/schema_difference.h"

namespace aos::conformance {

// One line per difference: "changed column t.a: expected 'int', live
// 'bigint'", "extra index t.i: live '...'", "missing table t: expected
// 'table'".
std::string FormatDifferences(const std::vector<schema::SchemaDifference>& differences);

class ExpectedSchemaCheck {
 public:
  // `record`: when not null, the check records the live schema of each
  // version into it (FormatSchemaObjects text) instead of comparing.
  ExpectedSchemaCheck(const plugin::ModulePlugin& module, absl::string_view dialect,
                      std::map<int64_t, std::string>* record);

  // Whether the plugin ships expected schemas for the dialect (or the walk
  // records them).
  bool known() const { return known_; }

  // After a step that left the database at `version`: "" when the live
  // schema is the one shipped for it, else why not (the differences, or
  // that the plugin ships none for that version: its schema files are
  // stale). Records instead when recording (first time per version).
  std::string Mismatch(backend::Database& db, int64_t version);

  // The closing line of a walk that passed: what was compared, or
  // "drift: not known ...".
  std::string Summary() const;

 private:
  const plugin::ModulePlugin& module_;
  std::string dialect_;
  std::map<int64_t, std::string>* record_;
  bool known_ = false;
  int compared_ = 0;
};

}  // namespace aos::conformance

#endif  // AOS_CORE_CONFORMANCE_EXPECTED_SCHEMA_CHECK_H_
