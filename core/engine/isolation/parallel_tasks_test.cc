#include "core/engine/isolation/parallel_tasks.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::engine {
namespace {

using ::testing::Each;

TEST(ParallelTasksTest, EachTaskRunsExactlyOnce) {
  for (size_t count : {0, 1, 7, 100}) {
    for (int max_parallel : {1, 3, 16}) {
      std::vector<std::atomic<int>> runs(count);
      RunParallelTasks(count, max_parallel, [&](size_t i) { ++runs[i]; });
      for (size_t i = 0; i < count; ++i) {
        EXPECT_EQ(runs[i], 1) << "task " << i << " of " << count
                              << ", max_parallel " << max_parallel;
      }
    }
  }
}

// Tracks how many tasks run at once.
class Concurrency {
 public:
  void Enter() {
    std::lock_guard<std::mutex> lock(mutex_);
    peak_ = std::max(peak_, ++active_);
    changed_.notify_all();
  }
  void Leave() {
    std::lock_guard<std::mutex> lock(mutex_);
    --active_;
  }
  // Waits (up to a generous bound) until `n` tasks have been running at
  // once.
  bool WaitForPeak(int n) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(20),
                             [&] { return peak_ >= n; });
  }
  int peak() {
    std::lock_guard<std::mutex> lock(mutex_);
    return peak_;
  }
  int active() {
    std::lock_guard<std::mutex> lock(mutex_);
    return active_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int active_ = 0;
  int peak_ = 0;
};

TEST(ParallelTasksTest, RunsUpToMaxParallelAtOnce) {
  Concurrency concurrency;
  std::vector<char> met(3, false);
  RunParallelTasks(3, 3, [&](size_t i) {
    concurrency.Enter();
    met[i] = concurrency.WaitForPeak(3);
    concurrency.Leave();
  });
  EXPECT_THAT(met, Each(true));  // all three were running together
}

TEST(ParallelTasksTest, NeverMoreThanMaxParallelAtOnce) {
  Concurrency concurrency;
  RunParallelTasks(40, 2, [&](size_t) {
    concurrency.Enter();
    concurrency.WaitForPeak(2);  // overlap: a third task could join
    concurrency.Leave();
  });
  EXPECT_EQ(concurrency.peak(), 2);
}

TEST(ParallelTasksTest, OneOrFewerRunsOnTheCallingThread) {
  for (int max_parallel : {1, 0, -4}) {
    std::vector<std::thread::id> ran_on(5);
    RunParallelTasks(5, max_parallel,
                     [&](size_t i) { ran_on[i] = std::this_thread::get_id(); });
    EXPECT_THAT(ran_on, Each(std::this_thread::get_id()));
  }
}

TEST(ParallelTasksTest, ExceptionComesBackAfterEveryThreadEnded) {
  Concurrency concurrency;
  auto task = [&](size_t i) {
    concurrency.Enter();
    if (i == 0) {
      concurrency.Leave();
      throw std::runtime_error("task 0 failed");
    }
    concurrency.Leave();
  };
  EXPECT_THROW(RunParallelTasks(1000, 4, task), std::runtime_error);
  EXPECT_EQ(concurrency.active(), 0);
}

TEST(ParallelTasksTest, TasksAfterAnExceptionAreSkipped) {
  int begun = 0;
  auto task = [&](size_t i) {
    ++begun;
    if (i == 2) throw std::runtime_error("task 2 failed");
  };
  EXPECT_THROW(RunParallelTasks(10, 1, task), std::runtime_error);
  EXPECT_EQ(begun, 3);
}

}  // namespace
}  // namespace aos::engine
