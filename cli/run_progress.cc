#include "cli/run_progress.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace aos::cli {
namespace {

constexpr char kPrefix[] = "aos-db-migrate: ";

// `text` cut to `width` bytes, never inside a UTF-8 character: a line
// longer than the terminal would wrap and spoil the redraw.
std::string Clip(std::string text, int width) {
  size_t end = static_cast<size_t>(std::max(width - 1, 10));
  if (text.size() <= end) return text;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80) --end;
  text.resize(end);
  return text;
}

std::string OneLine(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return text;
}

}  // namespace

void SystemdProgress::Report(const std::string& status, absl::Time now) {
  std::vector<std::string> lines;
  if (status != last_status_) {
    lines.push_back(absl::StrCat("STATUS=", OneLine(status)));
    last_status_ = status;
  }
  if (now - last_extension_ >= kExtendEvery) {
    lines.push_back(absl::StrCat("EXTEND_TIMEOUT_USEC=", absl::ToInt64Microseconds(kExtension)));
    last_extension_ = now;
  }
  if (!lines.empty()) send_(absl::StrJoin(lines, "\n"));
}

void SystemdProgress::Finish(const std::string& status) {
  send_(absl::StrCat("STATUS=", OneLine(status)));
}

RunProgress::RunProgress(std::vector<std::string> ids, Output output)
    : ids_(std::move(ids)), out_(std::move(output)), start_(out_.now()), modules_(ids_.size()) {
  if (out_.systemd) systemd_.emplace(out_.systemd);
}

void RunProgress::OnEvent(size_t job, const engine::ProgressEvent& event) {
  if (job >= modules_.size()) return;
  const absl::Time now = out_.now();
  ModuleProgress& m = modules_[job];
  if (!m.reported()) shown_.push_back(job);
  TakeEvent(m, event, now);
  if (systemd_) {
    systemd_->Report(absl::StrCat(ids_[job], ": ", DescribeProgress(m, now)), now);
  }
  if (out_.terminal) return Redraw();
  if (event.kind != engine::ProgressEvent::Kind::kLockWait || !out_.err) return;
  *out_.err << absl::StrCat(kPrefix, ids_[job], ": ", event.text, " (",
                            FormatSeconds(now - start_), ")\n");
}

void RunProgress::OnEnded(size_t job, const report::ModuleResult& result) {
  if (job >= modules_.size()) return;
  const absl::Time now = out_.now();
  ModuleProgress& m = modules_[job];
  if (!m.reported()) shown_.push_back(job);
  TakeEnd(m, result.ok, now);
  if (systemd_) {
    systemd_->Report(absl::StrCat(ids_[job], ": ", DescribeProgress(m, now)), now);
  }
  if (out_.terminal) Redraw();
}

void RunProgress::Finish(const std::vector<report::ModuleResult>& results) {
  if (!systemd_) return;
  const auto ok = std::count_if(results.begin(), results.end(),
                                [](const report::ModuleResult& r) { return r.ok; });
  systemd_->Finish(
      absl::StrFormat("finished: %d OK, %d FAIL", ok, static_cast<int64_t>(results.size()) - ok));
}

// Moves up over the lines drawn last time and draws every module's again.
void RunProgress::Redraw() {
  if (!out_.err) return;
  const absl::Time now = out_.now();
  std::string text;
  if (drawn_ > 0) absl::StrAppend(&text, "\x1b[", drawn_, "F");
  for (size_t job : shown_) {
    const ModuleProgress& m = modules_[job];
    absl::StrAppend(&text, "\x1b[2K",
                    Clip(OneLine(absl::StrCat(kPrefix, ids_[job], ": ", DescribeProgress(m, now),
                                              " (", DescribeElapsed(m, now), ")")),
                         out_.width),
                    "\n");
  }
  drawn_ = shown_.size();
  drawn_at_ = now;
  *out_.err << text << std::flush;
}

void RunProgress::OnTick() {
  if (out_.terminal && !shown_.empty() && out_.now() - drawn_at_ >= absl::Seconds(1)) {
    Redraw();
  }
}

engine::RunObservers RunProgress::Observers() {
  return {[this](size_t job, const engine::ProgressEvent& e) { OnEvent(job, e); },
          [this](size_t job, const report::ModuleResult& r) { OnEnded(job, r); },
          [this] { OnTick(); }};
}

}  // namespace aos::cli
