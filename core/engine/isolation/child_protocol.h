// child_protocol.h: the messages a module's child process sends its parent
// over a pipe (progress, then one result), and the parent's decoder for them.
//
// In the child:
//   WriteAll(fd, EncodeProgress("upgrading 1 -> 2"));
//   WriteAll(fd, EncodeResult(result));
// In the parent, one decoder per child, fed whatever each read() returned:
//   std::vector<ChildMessage> messages;
//   absl::Status status = decoder.Feed(absl::string_view(buf, n), &messages);
//   ...at the end of the stream: decoder.Finish().
//
// Bytes that are not a message (plugin code wrote on the pipe, the child died
// in the middle of a write) are a protocol error, never skipped: the stream
// cannot be trusted past them, so the decoder reports what was wrong and
// takes nothing more.
//
// A message is a frame: one type byte ('P' progress, 'W' a lock wait, 'F'
// a fraction, 'R' result), the body's length (4 bytes, big-endian), the
// body. A progress or lock wait body is the text; a fraction body is done
// and total (8 bytes each, big-endian two's complement) then the unit; a
// result body is a flags byte (ok, database_error, from and to present), the
// two versions (8 bytes each, big-endian two's complement, 0 when absent),
// then module_id, display_name, error and error_category, each a 4-byte
// length and the bytes. A result's step times (ModuleResult::steps) come
// before it, one 'S' frame each: from, to and micros (8 bytes each), then
// an ok byte; the decoder hands them over as part of the result. So is
// its drift (issue 29): one 'D' frame before it (drift_frame.h), when the
// run checked it.
#ifndef AOS_CORE_ENGINE_ISOLATION_CHILD_PROTOCOL_H_
#define AOS_CORE_ENGINE_ISOLATION_CHILD_PROTOCOL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/report/module_result.h"

namespace aos::engine {

// A text longer than this (progress or a result's field) is cut to it, at a
// UTF-8 character boundary, by the encoder: a runaway error message must not
// make the frame too large for the decoder.
inline constexpr size_t kMaxTextBytes = size_t{4} << 20;
// The decoder refuses a frame with a longer body as garbage.
inline constexpr size_t kMaxFrameBodyBytes = size_t{32} << 20;

std::string EncodeProgress(absl::string_view what);
// A wait for the migration lock (progress_event.h, kLockWait).
std::string EncodeLockWait(absl::string_view what);
// How far the current activity has got (progress_event.h, kFraction).
std::string EncodeFraction(int64_t done, int64_t total, absl::string_view unit);
std::string EncodeResult(const report::ModuleResult& result);

struct ChildMessage {
  enum class Kind { kProgress, kResult };
  Kind kind = Kind::kProgress;
  std::string progress;         // kProgress: what the child is doing
  bool lock_wait = false;       // kProgress: a wait for the migration lock
  // kProgress: a fraction, `done` of `total` counted in `progress`.
  bool fraction = false;
  int64_t done = 0;
  int64_t total = 0;
  report::ModuleResult result;  // kResult: every field as the child sent it
};

// Decodes one child's stream, fed in pieces of any size.
class ChildStreamDecoder {
 public:
  // Takes the next bytes of the stream and appends the messages they
  // complete to `out`. Returns a protocol error at the first byte that cannot
  // be part of a message (messages before it are still appended); from then
  // on returns the same error and takes nothing.
  absl::Status Feed(absl::string_view bytes, std::vector<ChildMessage>* out);

  // The stream has ended: OK when it ended between messages; a protocol
  // error when it was garbage or stopped inside a message (truncated).
  absl::Status Finish() const;

 private:
  absl::Status TakeFrames(std::vector<ChildMessage>* out);

  std::string pending_;  // bytes of a message not yet complete
  std::vector<report::ModuleResult::StepTime> steps_;  // for the next result
  report::DriftInfo drift_;  // issue 29: for the next result
  size_t offset_ = 0;    // stream offset of pending_'s first byte
  absl::Status error_;
};

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_ISOLATION_CHILD_PROTOCOL_H_
