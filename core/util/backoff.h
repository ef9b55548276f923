// backoff.h: the one way the tool waits between attempts (a lock another
// run holds, a bookkeeping transaction chosen as a deadlock victim, a DDL
// statement's lock wait, an interrupted run's server session): a pause that
// starts at `first`, doubles after each wait up to `most` (equal: a fixed
// poll), and never sleeps past `deadline`.
#ifndef AOS_CORE_UTIL_BACKOFF_H_
#define AOS_CORE_UTIL_BACKOFF_H_

#include "absl/time/time.h"

namespace aos::util {

class Backoff {
 public:
  Backoff(absl::Duration first, absl::Duration most,
          absl::Time deadline = absl::InfiniteFuture())
      : pause_(first), most_(most), deadline_(deadline) {}

  // The pause the next Wait sleeps (before the deadline cuts it).
  absl::Duration pause() const { return pause_; }
  // Whether the deadline has come.
  bool Expired() const;
  // Sleeps the pause, or until the deadline if that comes first, then
  // doubles the pause up to `most`.
  void Wait();

 private:
  absl::Duration pause_;
  absl::Duration most_;
  absl::Time deadline_;
};

}  // namespace aos::util

#endif  // AOS_CORE_UTIL_BACKOFF_H_
