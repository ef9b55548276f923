#include "cli/module_progress.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace aos::cli {
namespace {

// 2000000 -> "2,000,000".
std::string Grouped(int64_t n) {
  std::string digits = absl::StrCat(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

// "45%", or "1,200 of 2,000 rows (60%)".
std::string DescribeFraction(const ModuleProgress::Fraction& f) {
  const int64_t percent = f.total > 0 ? std::clamp<int64_t>(f.done * 100 / f.total, 0, 100) : 0;
  if (f.unit == "%") return absl::StrCat(percent, "%");
  return absl::StrCat(Grouped(f.done), " of ", Grouped(f.total), " ", f.unit,
                      f.total > 0 ? absl::StrCat(" (", percent, "%)") : "");
}

// What is left of `f` at its pace, as of `now`; nullopt when unknown.
std::optional<absl::Duration> TimeLeft(const ModuleProgress& p, const ModuleProgress::Fraction& f,
                                       absl::Time now) {
  if (f.done <= 0 || f.done >= f.total) return std::nullopt;
  const double left = static_cast<double>(f.total - f.done);
  if (f.done > f.first_done && f.at > f.first_at) {
    const double pace = static_cast<double>(f.done - f.first_done);
    return std::max(absl::ZeroDuration(), (f.at - f.first_at) * (left / pace) - (now - f.at));
  }
  if (p.activity_started > f.at) return std::nullopt;
  return std::max(
      absl::ZeroDuration(),
      (f.at - p.activity_started) * (left / static_cast<double>(f.done)) - (now - f.at));
}

}  // namespace

void TakeEvent(ModuleProgress& p, const engine::ProgressEvent& event, absl::Time now) {
  if (!p.reported()) p.started = now;
  if (event.kind == engine::ProgressEvent::Kind::kFraction) {
    ModuleProgress::Fraction f{event.done, event.total, event.text, now, now, event.done};
    if (p.fraction && p.fraction->unit == f.unit && p.fraction->total == f.total) {
      f.first_at = p.fraction->first_at;
      f.first_done = p.fraction->first_done;
    }
    p.fraction = f;
    return;
  }
  if (event.text != p.activity) p.activity_started = now;
  p.activity = event.text;
  p.fraction.reset();
}

void TakeEnd(ModuleProgress& p, bool ok, absl::Time now) {
  if (!p.reported()) p.started = now;
  p.ended = ok ? "OK" : "FAIL";
  p.ended_at = now;
  p.fraction.reset();
}

std::string DescribeProgress(const ModuleProgress& p, absl::Time now) {
  if (!p.ended.empty()) return p.ended;
  std::string text = p.activity;
  if (!p.fraction) return text;
  const ModuleProgress::Fraction& f = *p.fraction;
  absl::StrAppend(&text, ": ", DescribeFraction(f));
  if (std::optional<absl::Duration> left = TimeLeft(p, f, now)) {
    absl::StrAppend(&text, ", ETA ", FormatEta(*left));
  }
  return text;
}

std::string DescribeElapsed(const ModuleProgress& p, absl::Time now) {
  const absl::Time end = p.ended.empty() ? now : p.ended_at;
  return FormatSeconds(end - p.started);
}

std::string FormatSeconds(absl::Duration taken) {
  return absl::StrFormat("%.1f s", absl::ToDoubleSeconds(taken));
}

std::string FormatEta(absl::Duration left) {
  const int64_t s = std::max<int64_t>(0, absl::ToInt64Seconds(absl::Ceil(left, absl::Seconds(1))));
  if (s < 60) return absl::StrCat(s, "s");
  if (s < 3600) return absl::StrFormat("%dm%02ds", s / 60, s % 60);
  return absl::StrFormat("%dh%02dm", s / 3600, (s % 3600) / 60);
}

}  // namespace aos::cli
