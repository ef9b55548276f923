// progress_event.h: what a module's run reports while it works, typed at
// its source: an activity ("upgrading 9 -> 10 (...)"), a wait for the
// migration lock another run holds (naming the holder), or how far the
// current activity has got (a fraction: rows done of an estimate, a
// copy's percentage). The child sends them to the parent
// (child_protocol.h), which hands them to the CLI to render
// (isolated_runner.h); nothing reads their text to learn their kind or
// their numbers.
#ifndef AOS_CORE_ENGINE_ISOLATION_PROGRESS_EVENT_H_
#define AOS_CORE_ENGINE_ISOLATION_PROGRESS_EVENT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>

namespace aos::engine {

struct ProgressEvent {
  enum class Kind { kActivity, kLockWait, kFraction };
  Kind kind = Kind::kActivity;
  // kActivity, kLockWait: what; kFraction: what `done` and `total` count
  // ("rows"), or "%" for a percentage the source gives (total 100).
  std::string text;
  // kFraction: `done` of `total` of the module's current activity (the
  // last kActivity); `total` may be an estimate that `done` passes.
  int64_t done = 0;
  int64_t total = 0;
};

// A fraction of the current activity: `done` of `total`, counted in `unit`.
inline ProgressEvent Fraction(int64_t done, int64_t total, std::string unit = "%") {
  return {ProgressEvent::Kind::kFraction, std::move(unit), done, total};
}

// Where a run reports its progress.
using ProgressSink = std::function<void(const ProgressEvent&)>;

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_ISOLATION_PROGRESS_EVENT_H_
