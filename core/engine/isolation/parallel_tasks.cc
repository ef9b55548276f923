#include "core/engine/isolation/parallel_tasks.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace aos::engine {

void RunParallelTasks(size_t count, int max_parallel,
                      const std::function<void(size_t)>& task) {
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex first_error_mutex;
  std::exception_ptr first_error;
  auto worker = [&] {
    for (size_t i = next++; i < count && !failed; i = next++) {
      try {
        task(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(first_error_mutex);
        if (!first_error) first_error = std::current_exception();
        failed = true;
      }
    }
  };
  size_t threads = std::min<size_t>(std::max(max_parallel, 1), count);
  std::vector<std::thread> started;
  for (size_t t = 1; t < threads; ++t) {
    try {
      started.emplace_back(worker);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: the running ones share the work
    }
  }
  worker();  // this thread is one of them
  for (std::thread& thread : started) thread.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace aos::engine
