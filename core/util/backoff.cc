#include "core/util/backoff.h"

#include <algorithm>

#include "absl/time/clock.h"

namespace aos::util {

bool Backoff::Expired() const { return absl::Now() >= deadline_; }

void Backoff::Wait() {
  absl::SleepFor(std::min(pause_, std::max(absl::ZeroDuration(), deadline_ - absl::Now())));
  pause_ = std::min(pause_ * 2, most_);
}

}  // namespace aos::util
