#include "core/util/clock.h"

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace aos::util {

std::string NowUtc() {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S", absl::Now(), absl::UTCTimeZone());
}

}  // namespace aos::util
