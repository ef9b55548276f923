// progress_event.h: what a module's run reports while it works, typed at
// its source: an activity ("upgrading 9 -> 10 (...)"), or a wait for the
// migration lock another run holds (naming the holder). The child sends
// them to the parent (child_protocol.h), which hands them to the CLI to
// render (isolated_runner.h); nothing reads their text to learn their kind.
#ifndef AOS_CORE_ENGINE_ISOLATION_PROGRESS_EVENT_H_
#define AOS_CORE_ENGINE_ISOLATION_PROGRESS_EVENT_H_

#include <functional>
#include <string>

namespace aos::engine {

struct ProgressEvent {
  enum class Kind { kActivity, kLockWait };
  Kind kind = Kind::kActivity;
  std::string text;
};

// Where a run reports its progress.
using ProgressSink = std::function<void(const ProgressEvent&)>;

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_ISOLATION_PROGRESS_EVENT_H_
