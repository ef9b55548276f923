// parallel_tasks.h: runs a number of independent tasks on up to N threads and
// waits for all of them.
//
//   std::vector<std::optional<Answer>> answers(questions.size());
//   RunParallelTasks(questions.size(), max_parallel,
//                    [&](size_t i) { answers[i] = Ask(questions[i]); });
//
// Task i should write only what is its own (slot i above): the tasks share
// no lock. The calling thread is one of the threads, and every thread started
// has ended when RunParallelTasks returns, so the caller may fork() right
// after. When a thread cannot be started, the others take its share.
#ifndef AOS_CORE_ENGINE_ISOLATION_PARALLEL_TASKS_H_
#define AOS_CORE_ENGINE_ISOLATION_PARALLEL_TASKS_H_

#include <cstddef>
#include <functional>

namespace aos::engine {

// Calls task(0) ... task(count - 1), each exactly once, on up to
// max_parallel threads at a time (fewer than 1 counts as 1). When a task
// throws, the tasks not yet begun are skipped and the first exception is
// rethrown here once all threads have ended.
void RunParallelTasks(size_t count, int max_parallel,
                      const std::function<void(size_t)>& task);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_ISOLATION_PARALLEL_TASKS_H_
