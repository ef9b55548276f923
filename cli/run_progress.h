// run_progress.h: where a migrate run's progress goes while its modules'
// children work (isolated_runner.h's observers):
// - stderr on a terminal: one line per module, rewritten in place as it
//   reports (its activity, a fraction's percentage and ETA, its time);
// - stderr otherwise (systemd's journal, a log, a test): only a wait for
//   another run's lock, one line each, naming the holder, so that a start
//   that waits is never silent and the spec's table on stdout stays clean;
// - systemd, when the run has its NOTIFY_SOCKET (systemd_notify.h):
//   STATUS= with the module and what it does, and EXTEND_TIMEOUT_USEC=
//   while reports keep coming (SystemdProgress).
#ifndef AOS_CLI_RUN_PROGRESS_H_
#define AOS_CLI_RUN_PROGRESS_H_

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cli/module_progress.h"
#include "core/engine/isolation/isolated_runner.h"
#include "core/report/module_result.h"

namespace aos::cli {

// What systemd is told. Each report sends STATUS= when its text changed
// and, at most every kExtendEvery, EXTEND_TIMEOUT_USEC= of kExtension:
// the unit's start timeout then ends kExtension after the last report at
// the earliest, so TimeoutStartSec= bounds a silence, not the work.
class SystemdProgress {
 public:
  static constexpr absl::Duration kExtension = absl::Minutes(10);
  static constexpr absl::Duration kExtendEvery = absl::Seconds(30);

  // `send` gets each datagram's text (assignments a line each).
  explicit SystemdProgress(std::function<void(const std::string&)> send) : send_(std::move(send)) {}

  // A module reported; `status`: the STATUS= text now.
  void Report(const std::string& status, absl::Time now);
  // The run is over: its last STATUS=, no extension.
  void Finish(const std::string& status);

 private:
  std::function<void(const std::string&)> send_;
  std::string last_status_;
  absl::Time last_extension_ = absl::InfinitePast();
};

class RunProgress {
 public:
  struct Output {
    bool terminal = false;  // stderr is a terminal
    int width = 80;         // its columns
    std::ostream* err = nullptr;
    // Where SystemdProgress sends; nullptr: not under systemd.
    std::function<void(const std::string&)> systemd;
    std::function<absl::Time()> now = absl::Now;
  };

  // `ids`: the jobs' module ids, in the order of the jobs.
  RunProgress(std::vector<std::string> ids, Output output);

  void OnEvent(size_t job, const engine::ProgressEvent& event);
  void OnEnded(size_t job, const report::ModuleResult& result);
  // After the run: systemd's last status (how many OK and FAIL).
  void Finish(const std::vector<report::ModuleResult>& results);

  // About every 20 ms: on a terminal, the lines again once a second, so
  // that times and ETAs move between reports.
  void OnTick();

  // The three above, for RunIsolated.
  engine::RunObservers Observers();

 private:
  void Redraw();

  std::vector<std::string> ids_;
  Output out_;
  absl::Time start_;
  std::vector<ModuleProgress> modules_;
  std::vector<size_t> shown_;  // terminal: the jobs with a line, in order
  size_t drawn_ = 0;           // terminal: lines drawn last time
  absl::Time drawn_at_ = absl::InfinitePast();
  std::optional<SystemdProgress> systemd_;
};

}  // namespace aos::cli

#endif  // AOS_CLI_RUN_PROGRESS_H_
