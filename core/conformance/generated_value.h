// generated_value.h: the value of one column in one generated row of the
// conformance kit (row_generator.h), as an SQL literal of the engine.
#ifndef AOS_CORE_CONFORMANCE_GENERATED_VALUE_H_
#define AOS_CORE_CONFORMANCE_GENERATED_VALUE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace aos::conformance {

struct GenColumn {
  std::string name;
  std::string type;       // lower-case data type: "varchar", "integer"
  std::string full_type;  // MySQL COLUMN_TYPE, PostgreSQL udt_name
  bool nullable = true;
  std::optional<int64_t> max_length;
  std::optional<int64_t> precision;
  std::optional<int64_t> scale;
  bool auto_value = false;          // auto-increment, identity, generated
  std::vector<std::string> labels;  // an enum's
  bool references = false;          // a foreign key's column
  std::vector<std::string> parent_values;  // its parent's values
};

// The literal for `column` in generated row `k` (NULL for every seventh
// row of a nullable column that is no foreign key... and for a foreign key
// whose parent is empty), or nullopt when there is none for its type.
std::optional<std::string> GeneratedValue(const GenColumn& column, int64_t k,
                                          absl::string_view dialect);

}  // namespace aos::conformance

#endif  // AOS_CORE_CONFORMANCE_GENERATED_VALUE_H_
