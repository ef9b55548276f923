#include "core/engine/isolated_runner.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <map>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace aos::engine {
namespace {

// Child -> parent messages: one frame each, "<type><length>:<bytes>", type
// 'P' (progress) or 'R' (result: fields joined by frames of their own).
void WriteAll(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += n;
  }
}

std::string Frame(char type, const std::string& body) {
  return absl::StrCat(std::string(1, type), body.size(), ":", body);
}

std::string EncodeResult(const report::ModuleResult& r) {
  std::string body;
  for (const std::string& field :
       {std::string(r.ok ? "1" : "0"), std::string(r.database_error ? "1" : "0"),
        r.from ? std::to_string(*r.from) : std::string(),
        r.to ? std::to_string(*r.to) : std::string(), r.error}) {
    body += Frame('F', field);
  }
  return Frame('R', body);
}

// Parses frames from the front of `buffer`, consuming the complete ones.
std::vector<std::pair<char, std::string>> TakeFrames(std::string* buffer) {
  std::vector<std::pair<char, std::string>> frames;
  size_t pos = 0;
  while (pos < buffer->size()) {
    size_t colon = buffer->find(':', pos);
    if (colon == std::string::npos) break;
    size_t length = 0;
    if (!absl::SimpleAtoi(buffer->substr(pos + 1, colon - pos - 1), &length)) {
      buffer->clear();  // garbage: cannot come from our own child
      return frames;
    }
    if (colon + 1 + length > buffer->size()) break;
    frames.emplace_back((*buffer)[pos], buffer->substr(colon + 1, length));
    pos = colon + 1 + length;
  }
  buffer->erase(0, pos);
  return frames;
}

bool DecodeResult(std::string body, report::ModuleResult* r) {
  std::vector<std::pair<char, std::string>> f = TakeFrames(&body);
  if (f.size() != 5) return false;
  r->ok = f[0].second == "1";
  r->database_error = f[1].second == "1";
  int64_t v;
  if (absl::SimpleAtoi(f[2].second, &v)) r->from = v;
  if (absl::SimpleAtoi(f[3].second, &v)) r->to = v;
  r->error = f[4].second;
  return true;
}

struct Child {
  size_t job;
  pid_t pid;
  int fd;
  std::string buffer;
  std::string last_progress = "starting";
  bool has_result = false;
  report::ModuleResult result;
};

[[noreturn]] void RunChild(const ModuleJob& job, int fd) {
  auto progress = [fd](const std::string& what) {
    WriteAll(fd, Frame('P', what));
  };
  report::ModuleResult r = job.run(progress);
  WriteAll(fd, EncodeResult(r));
  close(fd);
  _exit(0);
}

std::string DescribeDeath(int status) {
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    const char* name = sigabbrev_np(sig);
    return absl::StrCat("crashed with signal ", sig, " (SIG",
                        name ? name : "?", ")");
  }
  return absl::StrCat("exited with status ", WEXITSTATUS(status),
                      " without reporting a result");
}

void Finish(Child& c, int status, const ModuleJob& job,
            std::vector<report::ModuleResult>* results) {
  report::ModuleResult r;
  if (c.has_result) {
    r = c.result;
  } else {
    r.ok = false;
    r.database_error = false;
    r.error = absl::StrCat("the ", job.module_id, " plugin's process ",
                           DescribeDeath(status), " while ", c.last_progress,
                           "; the database keeps the last recorded version");
  }
  r.module_id = job.module_id;
  r.display_name = job.display_name;
  (*results)[c.job] = r;
}

// Runs the jobs' settled checks on up to max_parallel threads; fills the
// results they give and marks those jobs answered.
void RunSettledChecks(const std::vector<ModuleJob>& jobs, int max_parallel,
                      std::vector<report::ModuleResult>* results,
                      std::vector<bool>* answered) {
  std::vector<std::optional<report::ModuleResult>> settled(jobs.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < jobs.size(); i = next++) {
      if (jobs[i].settled) settled[i] = jobs[i].settled();
    }
  };
  size_t with_check = 0;
  for (const ModuleJob& job : jobs) with_check += job.settled ? 1 : 0;
  size_t threads = std::min<size_t>(max_parallel, with_check);
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();  // this thread is one of them
  for (std::thread& t : pool) t.join();
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (!settled[i]) continue;
    (*results)[i] = *std::move(settled[i]);
    (*results)[i].module_id = jobs[i].module_id;
    (*results)[i].display_name = jobs[i].display_name;
    (*answered)[i] = true;
  }
}

}  // namespace

std::vector<report::ModuleResult> RunIsolated(
    const std::vector<ModuleJob>& jobs, int max_parallel,
    const ProgressObserver& observer) {
  std::vector<report::ModuleResult> results(jobs.size());
  if (max_parallel < 1) max_parallel = 1;
  std::vector<bool> answered(jobs.size(), false);
  RunSettledChecks(jobs, max_parallel, &results, &answered);
  std::vector<Child> running;
  size_t next = 0;  // the next job to start: the first unanswered one
  auto advance = [&] {
    do {
      ++next;
    } while (next < jobs.size() && answered[next]);
  };
  if (!jobs.empty() && answered[0]) advance();
  while (next < jobs.size() || !running.empty()) {
    while (next < jobs.size() && static_cast<int>(running.size()) < max_parallel) {
      int fds[2];
      if (pipe(fds) != 0) {
        results[next].module_id = jobs[next].module_id;
        results[next].display_name = jobs[next].display_name;
        results[next].error = absl::StrCat("cannot create a pipe: ",
                                           std::strerror(errno));
        advance();
        continue;
      }
      pid_t pid = fork();
      if (pid == 0) {
        close(fds[0]);
        for (const Child& other : running) close(other.fd);
        RunChild(jobs[next], fds[1]);
      }
      close(fds[1]);
      if (pid < 0) {
        close(fds[0]);
        results[next].module_id = jobs[next].module_id;
        results[next].display_name = jobs[next].display_name;
        results[next].error = absl::StrCat("cannot start a process: ",
                                           std::strerror(errno));
        advance();
        continue;
      }
      running.push_back(Child{next, pid, fds[0]});
      advance();
    }
    std::vector<pollfd> polls;
    for (const Child& c : running) polls.push_back({c.fd, POLLIN, 0});
    if (poll(polls.data(), polls.size(), -1) < 0 && errno != EINTR) break;
    for (size_t i = polls.size(); i-- > 0;) {
      if (!(polls[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      Child& c = running[i];
      char buf[8192];
      ssize_t n = read(c.fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n > 0) {
        c.buffer.append(buf, n);
        for (auto& [type, body] : TakeFrames(&c.buffer)) {
          if (type == 'P') {
            c.last_progress = body;
            if (observer) observer(c.job, body);
          }
          if (type == 'R') c.has_result = DecodeResult(body, &c.result);
        }
        continue;
      }
      close(c.fd);  // EOF: the child is done or dead
      int status = 0;
      while (waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
      }
      Finish(c, status, jobs[c.job], &results);
      running.erase(running.begin() + i);
    }
  }
  return results;
}

}  // namespace aos::engine
