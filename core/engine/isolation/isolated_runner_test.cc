#include "core/engine/isolation/isolated_runner.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/engine/isolation/child_protocol.h"
#include "core/report/module_result.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::engine {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;
using ::testing::StartsWith;

using Progress = std::function<void(const std::string&)>;

// Generous: a correct runner takes well under a second for any case here;
// a broken one waits for a child's 30 s sleep.
constexpr absl::Duration kPrompt = absl::Seconds(20);

ModuleJob Job(const std::string& id,
              std::function<report::ModuleResult(const Progress&)> run) {
  ModuleJob job;
  job.module_id = id;
  job.display_name = "Display " + id;
  job.run = [run = std::move(run)](const ProgressSink& sink) {
    return run([&sink](const std::string& what) {
      sink({ProgressEvent::Kind::kActivity, what});
    });
  };
  return job;
}

report::ModuleResult Upgraded(int64_t from, int64_t to) {
  report::ModuleResult r;
  r.ok = true;
  r.from = from;
  r.to = to;
  return r;
}

[[noreturn]] void SleepThenExit(int seconds) {
  sleep(seconds);
  _exit(0);
}

// True when the test process has no child left, running or unreaped.
bool NoChildrenLeft() {
  int status;
  return waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD;
}

std::string KeepsVersion() {
  return "; the database keeps the last recorded version";
}

class IsolatedRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rlimit no_core{0, 0};  // the crashing children leave no core files
    setrlimit(RLIMIT_CORE, &no_core);
  }
  void TearDown() override { EXPECT_TRUE(NoChildrenLeft()); }

  // Runs `jobs` and checks that the run came back within kPrompt.
  std::vector<report::ModuleResult> Run(const std::vector<ModuleJob>& jobs,
                                        int max_parallel = 2,
                                        const ProgressObserver& observer = {}) {
    absl::Time start = absl::Now();
    std::vector<report::ModuleResult> results =
        RunIsolated(jobs, max_parallel, observer);
    EXPECT_LT(absl::Now() - start, kPrompt);
    EXPECT_THAT(results, SizeIs(jobs.size()));
    return results;
  }
};

TEST_F(IsolatedRunnerTest, ChildsResultComesBackWithEveryField) {
  report::ModuleResult failed;
  failed.module_id = "not the job's id";
  failed.display_name = "not the job's name";
  failed.from = -3;
  failed.error = "two\nlines";
  failed.database_error = true;
  failed.error_category = "deadlock";
  std::vector<report::ModuleResult> results =
      Run({Job("good", [](const Progress&) { return Upgraded(9, 10); }),
           Job("bad", [failed](const Progress&) { return failed; })});
  EXPECT_TRUE(results[0].ok);
  EXPECT_EQ(results[0].from, 9);
  EXPECT_EQ(results[0].to, 10);
  EXPECT_EQ(results[0].module_id, "good");
  EXPECT_EQ(results[0].display_name, "Display good");
  EXPECT_FALSE(results[1].ok);
  EXPECT_EQ(results[1].from, -3);
  EXPECT_EQ(results[1].to, std::nullopt);
  EXPECT_EQ(results[1].error, "two\nlines");
  EXPECT_TRUE(results[1].database_error);
  EXPECT_EQ(results[1].error_category, "deadlock");
  EXPECT_EQ(results[1].module_id, "bad");  // the job's names win
  EXPECT_EQ(results[1].display_name, "Display bad");
}

TEST_F(IsolatedRunnerTest, AbortIsACrashRow) {
  std::vector<report::ModuleResult> results = Run(
      {Job("codeabort", [](const Progress& progress) -> report::ModuleResult {
        progress("upgrading 1 -> 2 (backfill items)");
        abort();
      })});
  EXPECT_FALSE(results[0].ok);
  EXPECT_EQ(results[0].error,
            "the codeabort plugin's process crashed with signal 6 (SIGABRT) "
            "while upgrading 1 -> 2 (backfill items)" +
                KeepsVersion());
  EXPECT_EQ(results[0].module_id, "codeabort");
}

TEST_F(IsolatedRunnerTest, SegvIsACrashRow) {
  std::vector<report::ModuleResult> results =
      Run({Job("codesegv", [](const Progress&) -> report::ModuleResult {
        raise(SIGSEGV);
        return Upgraded(1, 2);
      })});
  EXPECT_FALSE(results[0].ok);
  EXPECT_EQ(results[0].error,
            "the codesegv plugin's process crashed with signal 11 (SIGSEGV) "
            "while starting" +
                KeepsVersion());
}

TEST_F(IsolatedRunnerTest, SigkillFromOutsideIsNotCalledACrash) {
  std::vector<report::ModuleResult> results =
      Run({Job("oomkilled", [](const Progress& progress) -> report::ModuleResult {
        progress("upgrading 4 -> 5 (big backfill)");
        raise(SIGKILL);  // as the OOM killer or an operator would
        return Upgraded(4, 5);
      })});
  EXPECT_FALSE(results[0].ok);
  EXPECT_EQ(results[0].error,
            "the oomkilled plugin's process was killed by signal 9 (SIGKILL) "
            "from outside the tool (an operator, or the kernel's OOM killer) "
            "while upgrading 4 -> 5 (big backfill)" +
                KeepsVersion());
}

TEST_F(IsolatedRunnerTest, ExitWithoutAResultSaysItsStatus) {
  std::vector<report::ModuleResult> results = Run(
      {Job("quits", [](const Progress&) -> report::ModuleResult { _exit(0); }),
       Job("fails", [](const Progress& progress) -> report::ModuleResult {
         progress("reading versions");
         _exit(3);
       })});
  EXPECT_EQ(results[0].error,
            "the quits plugin's process exited with status 0 without "
            "reporting a result while starting" +
                KeepsVersion());
  EXPECT_EQ(results[1].error,
            "the fails plugin's process exited with status 3 without "
            "reporting a result while reading versions" +
                KeepsVersion());
}

TEST_F(IsolatedRunnerTest, GarbageOnThePipeIsAFailRowNotAHang) {
  ModuleJob job;
  job.module_id = "garbage";
  job.run_raw_for_testing = [](int fd) {
    std::string bytes = EncodeProgress("migrating") + "Hello from a plugin\n";
    if (write(fd, bytes.data(), bytes.size()) < 0) _exit(9);
    SleepThenExit(30);  // its stream cannot be followed: it must be killed
  };
  std::vector<report::ModuleResult> results = Run({job});
  EXPECT_FALSE(results[0].ok);
  EXPECT_THAT(results[0].error,
              StartsWith("the garbage plugin's process wrote an unreadable "
                         "result (byte 0x48 at offset 14"));
  EXPECT_THAT(results[0].error, HasSubstr("while migrating" + KeepsVersion()));
}

TEST_F(IsolatedRunnerTest, TruncatedResultIsAFailRow) {
  ModuleJob job;
  job.module_id = "truncated";
  job.run_raw_for_testing = [](int fd) {
    std::string bytes = EncodeResult(Upgraded(1, 2));
    bytes.resize(bytes.size() - 3);
    if (write(fd, bytes.data(), bytes.size()) < 0) _exit(9);
  };
  std::vector<report::ModuleResult> results = Run({job});
  EXPECT_FALSE(results[0].ok);
  EXPECT_THAT(results[0].error,
              StartsWith("the truncated plugin's process wrote an unreadable "
                         "result (the stream ended"));
}

TEST_F(IsolatedRunnerTest, HangingChildIsStoppedAtItsTimeLimit) {
  ModuleJob job =
      Job("hang", [](const Progress& progress) -> report::ModuleResult {
        progress("waiting for a lock");
        SleepThenExit(30);
      });
  job.time_limit = absl::Seconds(1);
  absl::Time start = absl::Now();
  std::vector<report::ModuleResult> results =
      Run({job, Job("quick", [](const Progress&) { return Upgraded(1, 1); })});
  EXPECT_GE(absl::Now() - start, absl::Seconds(1));
  EXPECT_FALSE(results[0].ok);
  EXPECT_EQ(results[0].error,
            "the hang plugin's process was stopped after 1 s (its time limit) "
            "while waiting for a lock" +
                KeepsVersion());
  EXPECT_TRUE(results[1].ok);
}

// Makes the test process the reaper of its orphaned descendants, so that it
// can see how a grandchild ended.
class ScopedSubreaper {
 public:
  ScopedSubreaper() { prctl(PR_SET_CHILD_SUBREAPER, 1); }
  ~ScopedSubreaper() { prctl(PR_SET_CHILD_SUBREAPER, 0); }
};

// Waits (up to kPrompt) for `pid`, our child, to end; its wait status.
std::optional<int> WaitForExit(pid_t pid) {
  absl::Time deadline = absl::Now() + kPrompt;
  int status;
  while (absl::Now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) return status;
    absl::SleepFor(absl::Milliseconds(10));
  }
  return std::nullopt;
}

TEST_F(IsolatedRunnerTest, ChildsLeftoversDieWithItAndDoNotHoldTheRun) {
  ScopedSubreaper subreaper;
  std::string grandchild;
  ProgressObserver observer = [&](size_t, const ProgressEvent& event) {
    grandchild = event.text;
  };
  std::vector<report::ModuleResult> results =
      Run({Job("leaves",
               [](const Progress& progress) -> report::ModuleResult {
                 // A leftover that holds the pipe open: fork() without
                 // exec keeps every descriptor.
                 pid_t pid = fork();
                 if (pid == 0) SleepThenExit(30);
                 progress(std::to_string(pid));
                 return Upgraded(4, 5);
               })},
          1, observer);
  EXPECT_TRUE(results[0].ok);
  pid_t pid = 0;
  ASSERT_TRUE(absl::SimpleAtoi(grandchild, &pid)) << grandchild;
  ASSERT_GT(pid, 0);
  std::optional<int> status = WaitForExit(pid);
  if (!status) {
    kill(pid, SIGKILL);  // leave no child to the tests that follow
    waitpid(pid, nullptr, 0);
  }
  ASSERT_TRUE(status.has_value()) << "the grandchild is still alive";
  EXPECT_TRUE(WIFSIGNALED(*status) && WTERMSIG(*status) == SIGKILL);
  EXPECT_EQ(kill(pid, 0), -1);
}

TEST_F(IsolatedRunnerTest, SettledChecksAnswerWithoutAChild) {
  pid_t parent = getpid();
  std::vector<pid_t> checked_in(3, 0);
  std::vector<size_t> progressed;
  std::vector<ModuleJob> jobs;
  for (int i = 0; i < 3; ++i) {
    ModuleJob job = Job(absl::StrCat("m", i), [](const Progress& progress) {
      progress("forked");
      return Upgraded(7, 8);
    });
    job.settled = [i, &checked_in]() -> std::optional<report::ModuleResult> {
      checked_in[i] = getpid();
      if (i == 1) return std::nullopt;  // needs its child
      report::ModuleResult r = Upgraded(3, 3);
      r.module_id = "settled's own id";
      return r;
    };
    jobs.push_back(std::move(job));
  }
  std::vector<report::ModuleResult> results =
      Run(jobs, 2,
          [&](size_t job, const ProgressEvent&) { progressed.push_back(job); });
  EXPECT_EQ(checked_in, std::vector<pid_t>(3, parent));
  EXPECT_EQ(progressed, std::vector<size_t>{1});  // only m1 had a child
  EXPECT_EQ(results[0].from, 3);
  EXPECT_EQ(results[0].module_id, "m0");
  EXPECT_EQ(results[1].from, 7);
  EXPECT_EQ(results[2].from, 3);
}

class ResultOrderTest : public IsolatedRunnerTest,
                        public ::testing::WithParamInterface<int> {};

TEST_P(ResultOrderTest, ResultsComeInTheOrderOfTheJobs) {
  std::vector<ModuleJob> jobs;
  for (int i = 0; i < 7; ++i) {
    // The first jobs take longest, so they end last when run side by side.
    ModuleJob job = Job(absl::StrCat("m", i), [i](const Progress&) {
      absl::SleepFor(absl::Milliseconds(30 * (7 - i)));
      return Upgraded(i, i + 1);
    });
    if (i % 3 == 2) {
      job.settled = [i] { return std::make_optional(Upgraded(i, i)); };
    }
    jobs.push_back(std::move(job));
  }
  std::vector<report::ModuleResult> results = Run(jobs, GetParam());
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(results[i].module_id, absl::StrCat("m", i));
    EXPECT_EQ(results[i].from, i);
    EXPECT_EQ(results[i].to, i % 3 == 2 ? i : i + 1) << "job " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(MaxParallel, ResultOrderTest, ::testing::Values(1, 3));

TEST_F(IsolatedRunnerTest, ObserverHearsEveryProgress) {
  std::vector<std::pair<size_t, std::string>> heard;
  auto reports = [](const Progress& progress) {
    progress("one");
    progress("two\nlines");
    progress("three");
    return Upgraded(1, 2);
  };
  Run({Job("quiet", [](const Progress&) { return Upgraded(1, 1); }),
       Job("talks", reports)},
      1, [&](size_t job, const ProgressEvent& event) {
        EXPECT_EQ(event.kind, ProgressEvent::Kind::kActivity);
        heard.emplace_back(job, event.text);
      });
  using Heard = std::vector<std::pair<size_t, std::string>>;
  EXPECT_EQ(heard, (Heard{{1, "one"}, {1, "two\nlines"}, {1, "three"}}));
}

// A wait for the migration lock reaches the parent as one, whatever its
// text says; an activity that speaks of a lock stays an activity.
TEST_F(IsolatedRunnerTest, ALockWaitArrivesTypedNotByItsWords) {
  ModuleJob job;
  job.module_id = "waits";
  job.display_name = "Display waits";
  job.run = [](const ProgressSink& sink) {
    sink({ProgressEvent::Kind::kActivity, "waiting for the migration lock"});
    sink({ProgressEvent::Kind::kLockWait, "held by controller-2, pid 12"});
    return Upgraded(1, 2);
  };
  std::vector<std::pair<ProgressEvent::Kind, std::string>> heard;
  Run({job}, 1, [&](size_t, const ProgressEvent& event) {
    heard.emplace_back(event.kind, event.text);
  });
  ASSERT_EQ(heard.size(), 2u);
  EXPECT_EQ(heard[0].first, ProgressEvent::Kind::kActivity);
  EXPECT_EQ(heard[1].first, ProgressEvent::Kind::kLockWait);
  EXPECT_EQ(heard[1].second, "held by controller-2, pid 12");
}

// poll() fails (EINVAL: more descriptors than RLIMIT_NOFILE allows, lowered
// by the observer in the parent): every child is killed and reaped, and
// every job, started or not, gets a row that says why.
TEST_F(IsolatedRunnerTest, PollFailureStopsAndReapsEveryChild) {
  rlimit saved;
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
  auto waits = [](const Progress& progress) -> report::ModuleResult {
    progress("holding on");
    SleepThenExit(30);
  };
  std::vector<report::ModuleResult> results =
      Run({Job("a", waits), Job("b", waits), Job("c", waits)}, 2,
          [&](size_t, const ProgressEvent&) {
            rlimit one{1, saved.rlim_max};
            setrlimit(RLIMIT_NOFILE, &one);
          });
  setrlimit(RLIMIT_NOFILE, &saved);
  for (int i = 0; i < 2; ++i) {
    EXPECT_FALSE(results[i].ok);
    EXPECT_THAT(results[i].error,
                StartsWith(absl::StrCat(
                    "the ", results[i].module_id,
                    " plugin's process was stopped because the runner could "
                    "not watch it (poll: Invalid argument) while ")));
  }
  EXPECT_FALSE(results[2].ok);
  EXPECT_EQ(results[2].error,
            "the c module was not run: the runner could not watch its "
            "processes (poll: Invalid argument)");
}

// Each child's end is told once, with its result (a crash's FAIL too); a
// job its settled check answered has no child and no end to tell; ticks
// come while children run. A fraction arrives typed, not as an activity.
TEST_F(IsolatedRunnerTest, EndsTicksAndFractionsReachTheObservers) {
  ModuleJob settled = Job("settled", [](const Progress&) { return Upgraded(1, 1); });
  settled.settled = [] { return std::make_optional(Upgraded(3, 3)); };
  ModuleJob counts;
  counts.module_id = "counts";
  counts.display_name = "Counts";
  counts.run = [](const ProgressSink& sink) {
    sink(Fraction(1200, 2000, "rows"));
    return Upgraded(1, 2);
  };
  std::vector<std::pair<size_t, bool>> ended;
  std::vector<ProgressEvent> events;
  int ticks = 0;
  RunObservers watch;
  watch.progress = [&](size_t, const ProgressEvent& e) { events.push_back(e); };
  watch.ended = [&](size_t job, const report::ModuleResult& r) { ended.emplace_back(job, r.ok); };
  watch.tick = [&] { ++ticks; };
  std::vector<report::ModuleResult> results = RunIsolated(
      {settled, counts, Job("crashes", [](const Progress&) -> report::ModuleResult { abort(); })},
      1, watch);
  ASSERT_THAT(results, SizeIs(3));
  std::sort(ended.begin(), ended.end());
  EXPECT_EQ(ended, (std::vector<std::pair<size_t, bool>>{{1, true}, {2, false}}));
  EXPECT_GT(ticks, 0);
  ASSERT_THAT(events, SizeIs(1));
  EXPECT_EQ(events[0].kind, ProgressEvent::Kind::kFraction);
  EXPECT_EQ(events[0].done, 1200);
  EXPECT_EQ(events[0].total, 2000);
  EXPECT_EQ(events[0].text, "rows");
}

}  // namespace
}  // namespace aos::engine
