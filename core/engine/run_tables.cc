#include "core/engine/run_tables.h"

#include "absl/strings/numbers.h"

namespace aos::engine {

std::optional<int64_t> StatNumber(const std::optional<std::string>& text) {
  int64_t n = 0;
  if (!text || !absl::SimpleAtoi(*text, &n)) return std::nullopt;
  return n;
}

}  // namespace aos::engine
