// module_progress.h: what one module's run has reported so far
// (progress_event.h), and the words that tell it on a terminal line or in
// systemd's STATUS=: "upgrading 9 -> 10 (add index): 45%, ETA 1m20s".
//
// A fraction is of the activity it follows. Its ETA is what is left at the
// pace between the fraction's first report and its last, counted down
// since; with one report only, at the pace since the activity started
// (none before the first unit is done, nor once `done` reaches an
// estimated `total`).
#ifndef AOS_CLI_MODULE_PROGRESS_H_
#define AOS_CLI_MODULE_PROGRESS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/time/time.h"
#include "core/engine/isolation/progress_event.h"

namespace aos::cli {

struct ModuleProgress {
  absl::Time started = absl::InfinitePast();  // its first report
  std::string activity;                       // the last one (or lock wait)
  absl::Time activity_started = absl::InfinitePast();
  struct Fraction {
    int64_t done = 0;
    int64_t total = 0;
    std::string unit;  // "%": a percentage of 100
    absl::Time at;     // its last report
    // The first report of this count (same unit and total) for the pace.
    absl::Time first_at;
    int64_t first_done = 0;
  };
  std::optional<Fraction> fraction;  // of `activity`, when told
  std::string ended;                 // "OK", "FAIL" once its child ended
  absl::Time ended_at = absl::InfinitePast();

  bool reported() const { return started != absl::InfinitePast(); }
};

// Takes `event`, reported at `now`.
void TakeEvent(ModuleProgress& p, const engine::ProgressEvent& event, absl::Time now);
// Its child ended at `now`, OK or not.
void TakeEnd(ModuleProgress& p, bool ok, absl::Time now);

// "upgrading 9 -> 10 (...): 1,200 of 2,000 rows (60%), ETA 40s", or
// "OK" / "FAIL" once ended.
std::string DescribeProgress(const ModuleProgress& p, absl::Time now);

// The module's time so far (or until it ended), as "12.3 s".
std::string DescribeElapsed(const ModuleProgress& p, absl::Time now);

// "45s", "1m20s", "2h05m".
std::string FormatEta(absl::Duration left);

// A time taken, as the progress lines show it: "12.3 s".
std::string FormatSeconds(absl::Duration taken);

}  // namespace aos::cli

#endif  // AOS_CLI_MODULE_PROGRESS_H_
