#include "core/engine/isolation/child_protocol.h"

#include <cstdint>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/engine/isolation/drift_frame.h"

namespace aos::engine {
namespace {

constexpr char kProgressType = 'P';
constexpr char kLockWaitType = 'W';  // a progress message: a lock wait
constexpr char kFractionType = 'F';  // a progress message: a fraction
constexpr char kResultType = 'R';
constexpr char kStepType = 'S';     // one of the next result's steps
constexpr char kDriftType = 'D';    // the next result's drift (issue 29)
constexpr size_t kHeaderBytes = 5;  // type byte + 4-byte length

constexpr uint8_t kOk = 1 << 0;
constexpr uint8_t kDatabaseError = 1 << 1;
constexpr uint8_t kHasFrom = 1 << 2;
constexpr uint8_t kHasTo = 1 << 3;
constexpr uint8_t kResumed = 1 << 4;  // then 25 bytes after the texts
constexpr uint8_t kMarked = 1 << 5;
constexpr uint8_t kHeldBack = 1 << 6;  // then 8 bytes and two texts
constexpr uint8_t kRestored = 1 << 7;  // issue 27: then one text
constexpr uint8_t kKnownFlags = kOk | kDatabaseError | kHasFrom | kHasTo |
                                kResumed | kMarked | kHeldBack | kRestored;
constexpr size_t kStepBytes = 25;

void AppendUint(uint64_t value, int bytes, std::string* out) {
  for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

uint64_t ReadUint(absl::string_view bytes) {
  uint64_t value = 0;
  for (char c : bytes) value = (value << 8) | static_cast<uint8_t>(c);
  return value;
}

// `text` cut to kMaxTextBytes, never inside a UTF-8 character.
absl::string_view Clip(absl::string_view text) {
  if (text.size() <= kMaxTextBytes) return text;
  size_t end = kMaxTextBytes;
  while (end > 0 && (static_cast<uint8_t>(text[end]) & 0xc0) == 0x80) --end;
  return text.substr(0, end);
}

void AppendText(absl::string_view text, std::string* out) {
  text = Clip(text);
  AppendUint(text.size(), 4, out);
  out->append(text.data(), text.size());
}

std::string Frame(char type, const std::string& body) {
  std::string frame(1, type);
  AppendUint(body.size(), 4, &frame);
  frame += body;
  return frame;
}

// Reads a result body's fields in order; remembers the first that is cut.
class BodyReader {
 public:
  explicit BodyReader(absl::string_view body) : rest_(body) {}

  std::optional<absl::string_view> Take(size_t bytes) {
    if (rest_.size() < bytes) return std::nullopt;
    absl::string_view taken = rest_.substr(0, bytes);
    rest_.remove_prefix(bytes);
    return taken;
  }
  std::optional<std::string> TakeText() {
    std::optional<absl::string_view> length = Take(4);
    if (!length) return std::nullopt;
    std::optional<absl::string_view> text = Take(ReadUint(*length));
    if (!text) return std::nullopt;
    return std::string(*text);
  }
  size_t left() const { return rest_.size(); }

 private:
  absl::string_view rest_;
};

absl::Status Malformed(absl::string_view what) {
  return absl::DataLossError(absl::StrCat("a result message ", what));
}

// The fields only some results carry, each after its flag's bit: the
// resumed step, the held-back step, what was restored (issue 27).
absl::Status DecodeFlagged(uint8_t f, BodyReader& reader,
                           report::ModuleResult* r) {
  r->resumed.reset();
  if (f & kResumed) {
    std::optional<absl::string_view> version = reader.Take(8);
    std::optional<absl::string_view> statement = reader.Take(8);
    std::optional<absl::string_view> statements = reader.Take(8);
    std::optional<absl::string_view> only = reader.Take(1);
    if (!only) return Malformed("ends inside its resumed step");
    r->resumed = report::ModuleResult::Resumed{
        static_cast<int64_t>(ReadUint(*version)),
        static_cast<int64_t>(ReadUint(*statement)),
        static_cast<int64_t>(ReadUint(*statements)), (*only)[0] != 0};
  }
  r->held_back.reset();
  if (f & kHeldBack) {
    std::optional<absl::string_view> version = reader.Take(8);
    std::optional<std::string> phase;
    std::optional<std::string> reason;
    if (version) phase = reader.TakeText();
    if (phase) reason = reader.TakeText();
    if (!reason) return Malformed("ends inside its held-back step");
    r->held_back = report::ModuleResult::HeldBack{
        static_cast<int64_t>(ReadUint(*version)), *std::move(phase),
        *std::move(reason)};
  }
  r->restored.clear();  // issue 27
  if (f & kRestored) {
    std::optional<std::string> restored = reader.TakeText();
    if (!restored) return Malformed("ends inside what it restored");
    r->restored = *std::move(restored);
  }
  return absl::OkStatus();
}

// One step's time: from, to and micros (8 bytes each), then its ok byte.
std::string EncodeStep(const report::ModuleResult::StepTime& step) {
  std::string body;
  AppendUint(static_cast<uint64_t>(step.from), 8, &body);
  AppendUint(static_cast<uint64_t>(step.to), 8, &body);
  AppendUint(static_cast<uint64_t>(step.micros), 8, &body);
  body.push_back(step.ok ? 1 : 0);
  return Frame(kStepType, body);
}

absl::Status DecodeStep(absl::string_view body,
                        std::vector<report::ModuleResult::StepTime>* steps) {
  if (body.size() != kStepBytes) {
    return absl::DataLossError(
        absl::StrCat("a step message has ", body.size(), " bytes, not ", kStepBytes));
  }
  steps->push_back({static_cast<int64_t>(ReadUint(body.substr(0, 8))),
                    static_cast<int64_t>(ReadUint(body.substr(8, 8))),
                    static_cast<int64_t>(ReadUint(body.substr(16, 8))), body[24] != 0});
  return absl::OkStatus();
}

absl::Status DecodeResult(absl::string_view body, report::ModuleResult* r) {
  BodyReader reader(body);
  std::optional<absl::string_view> flags = reader.Take(1);
  std::optional<absl::string_view> from = reader.Take(8);
  std::optional<absl::string_view> to = reader.Take(8);
  if (!to) return Malformed("is too short for its flags and versions");
  uint8_t f = static_cast<uint8_t>((*flags)[0]);
  if (f & ~kKnownFlags) {
    return Malformed(absl::StrFormat("has unknown flags 0x%02x", f));
  }
  r->ok = (f & kOk) != 0;
  r->database_error = (f & kDatabaseError) != 0;
  r->marked = (f & kMarked) != 0;
  r->from.reset();
  r->to.reset();
  if (f & kHasFrom) r->from = static_cast<int64_t>(ReadUint(*from));
  if (f & kHasTo) r->to = static_cast<int64_t>(ReadUint(*to));
  std::string* texts[] = {&r->module_id, &r->display_name, &r->error,
                          &r->error_category};
  const char* names[] = {"module id", "display name", "error",
                         "error category"};
  for (int i = 0; i < 4; ++i) {
    std::optional<std::string> text = reader.TakeText();
    if (!text) return Malformed(absl::StrCat("ends inside its ", names[i]));
    *texts[i] = *std::move(text);
  }
  if (absl::Status st = DecodeFlagged(f, reader, r); !st.ok()) return st;
  if (reader.left() != 0) {
    return Malformed(
        absl::StrCat("has ", reader.left(), " bytes after its last field"));
  }
  return absl::OkStatus();
}

absl::Status DecodeFraction(absl::string_view body, ChildMessage* m) {
  if (body.size() < 16) {
    return absl::DataLossError("a fraction message is too short for its numbers");
  }
  m->fraction = true;
  m->done = static_cast<int64_t>(ReadUint(body.substr(0, 8)));
  m->total = static_cast<int64_t>(ReadUint(body.substr(8, 8)));
  m->progress = std::string(body.substr(16));
  return absl::OkStatus();
}

}  // namespace

std::string EncodeProgress(absl::string_view what) {
  return Frame(kProgressType, std::string(Clip(what)));
}

std::string EncodeLockWait(absl::string_view what) {
  return Frame(kLockWaitType, std::string(Clip(what)));
}

std::string EncodeFraction(int64_t done, int64_t total, absl::string_view unit) {
  std::string body;
  AppendUint(static_cast<uint64_t>(done), 8, &body);
  AppendUint(static_cast<uint64_t>(total), 8, &body);
  absl::string_view clipped = Clip(unit);
  body.append(clipped.data(), clipped.size());
  return Frame(kFractionType, body);
}

std::string EncodeResult(const report::ModuleResult& result) {
  uint8_t flags = (result.ok ? kOk : 0) |
                  (result.database_error ? kDatabaseError : 0) |
                  (result.from ? kHasFrom : 0) | (result.to ? kHasTo : 0) |
                  (result.resumed ? kResumed : 0) |
                  (result.marked ? kMarked : 0) |
                  (result.held_back ? kHeldBack : 0) |
                  (result.restored.empty() ? 0 : kRestored);  // issue 27
  std::string body(1, static_cast<char>(flags));
  AppendUint(static_cast<uint64_t>(result.from.value_or(0)), 8, &body);
  AppendUint(static_cast<uint64_t>(result.to.value_or(0)), 8, &body);
  for (const std::string* text : {&result.module_id, &result.display_name,
                                  &result.error, &result.error_category}) {
    AppendText(*text, &body);
  }
  if (const auto& r = result.resumed) {
    AppendUint(static_cast<uint64_t>(r->version), 8, &body);
    AppendUint(static_cast<uint64_t>(r->statement), 8, &body);
    AppendUint(static_cast<uint64_t>(r->statements), 8, &body);
    body.push_back(r->only_step ? 1 : 0);
  }
  if (const auto& h = result.held_back) {
    AppendUint(static_cast<uint64_t>(h->version), 8, &body);
    AppendText(h->phase, &body);
    AppendText(h->reason, &body);
  }
  if (!result.restored.empty()) AppendText(result.restored, &body);
  std::string frames;
  for (const report::ModuleResult::StepTime& s : result.steps) {
    frames += EncodeStep(s);
  }
  if (result.drift.known || !result.drift.not_known.empty()) {  // issue 29
    frames += Frame(kDriftType, EncodeDriftBody(result.drift));
  }
  return frames + Frame(kResultType, body);
}

absl::Status ChildStreamDecoder::Feed(absl::string_view bytes,
                                      std::vector<ChildMessage>* out) {
  if (!error_.ok()) return error_;
  pending_.append(bytes.data(), bytes.size());
  error_ = TakeFrames(out);
  return error_;
}

// Moves the complete frames at the front of pending_ to `out`. A bad type
// byte is refused as soon as it arrives, a bad length as soon as its header
// is complete.
absl::Status ChildStreamDecoder::TakeFrames(std::vector<ChildMessage>* out) {
  size_t pos = 0;
  absl::Status status;
  while (pos < pending_.size()) {
    char type = pending_[pos];
    if (type != kProgressType && type != kLockWaitType && type != kFractionType &&
        type != kStepType && type != kDriftType && type != kResultType) {
      status = absl::DataLossError(
          absl::StrFormat("byte 0x%02x at offset %d does not start a message",
                          static_cast<uint8_t>(type), offset_ + pos));
      break;
    }
    if (pending_.size() - pos < kHeaderBytes) break;
    size_t length = ReadUint(absl::string_view(pending_).substr(pos + 1, 4));
    if (length > kMaxFrameBodyBytes) {
      status = absl::DataLossError(absl::StrCat(
          "a message at offset ", offset_ + pos, " claims ", length,
          " bytes, more than the limit of ", kMaxFrameBodyBytes));
      break;
    }
    if (pending_.size() - pos - kHeaderBytes < length) break;
    absl::string_view body =
        absl::string_view(pending_).substr(pos + kHeaderBytes, length);
    ChildMessage message;
    if (type == kProgressType || type == kLockWaitType) {
      message.progress = std::string(body);
      message.lock_wait = type == kLockWaitType;
    } else if (type == kFractionType) {
      status = DecodeFraction(body, &message);
      if (!status.ok()) break;
    } else if (type == kStepType) {
      status = DecodeStep(body, &steps_);
      if (!status.ok()) break;
      pos += kHeaderBytes + length;
      continue;  // it becomes part of the result that follows
    } else if (type == kDriftType) {  // issue 29: the same
      status = DecodeDriftBody(body, &drift_);
      if (!status.ok()) break;
      pos += kHeaderBytes + length;
      continue;
    } else {
      message.kind = ChildMessage::Kind::kResult;
      status = DecodeResult(body, &message.result);
      if (!status.ok()) break;
      message.result.steps = std::move(steps_);
      steps_.clear();
      message.result.drift = std::move(drift_);
      drift_ = report::DriftInfo();
    }
    out->push_back(std::move(message));
    pos += kHeaderBytes + length;
  }
  pending_.erase(0, pos);
  offset_ += pos;
  return status;
}

absl::Status ChildStreamDecoder::Finish() const {
  if (!error_.ok()) return error_;
  if (pending_.empty()) return absl::OkStatus();
  if (pending_.size() < kHeaderBytes) {
    return absl::DataLossError(
        absl::StrCat("the stream ended inside a message header (",
                     pending_.size(), " of ", kHeaderBytes, " bytes)"));
  }
  size_t length = ReadUint(absl::string_view(pending_).substr(1, 4));
  return absl::DataLossError(
      absl::StrCat("the stream ended ", pending_.size() - kHeaderBytes,
                   " bytes into a ", length, "-byte message"));
}

}  // namespace aos::engine
