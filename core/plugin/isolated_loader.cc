#include "core/plugin/isolated_loader.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/plugin/plugin_cache.h"
#include "core/plugin/plugin_codec.h"
#include "core/plugin/plugin_file.h"

namespace aos::plugin {
namespace {

// Child -> parent frames: a type byte, the body's length (8 bytes,
// big-endian), the body. 'S' <index>: starting that file; 'R' <plugin>:
// loaded; 'E' <message>: refused; 'Z': every file done.
constexpr size_t kMaxFrame = size_t{256} << 20;

void WriteFrame(int fd, char type, absl::string_view body) {
  std::string frame(1, type);
  for (int shift = 56; shift >= 0; shift -= 8) {
    frame.push_back(static_cast<char>((uint64_t{body.size()} >> shift) & 0xff));
  }
  frame.append(body.data(), body.size());
  size_t done = 0;
  while (done < frame.size()) {
    ssize_t n = write(fd, frame.data() + done, frame.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(3);
    done += n;
  }
}

// Loads files[first..] through the descriptors the parent opened (and
// this process inherited): the files the parent judged and keys the cache
// on, whatever their paths name now.
[[noreturn]] void LoaderChild(std::vector<PluginFile>& files, size_t first,
                              int fd) {
  setpgid(0, 0);
  dup2(STDERR_FILENO, STDOUT_FILENO);  // what plugins print: stderr only
  for (size_t i = first; i < files.size(); ++i) {
    WriteFrame(fd, 'S', absl::StrCat(i));
    absl::StatusOr<ModulePlugin> plugin = LoadPluginFile(files[i]);
    if (plugin.ok()) {
      WriteFrame(fd, 'R', EncodePlugin(*plugin));
    } else {
      WriteFrame(fd, 'E', plugin.status().message());
    }
  }
  WriteFrame(fd, 'Z', "");
  _exit(0);
}

// What one loader child delivered.
struct Delivery {
  std::map<size_t, absl::StatusOr<ModulePlugin>> results;
  std::optional<size_t> current;  // a file started and not answered
  bool complete = false;          // 'Z' arrived
  std::string broken;             // why the stream could not be read
};

// Takes the complete frames from the front of `buffer`.
void TakeFrames(std::string* buffer, const std::vector<std::string>& paths,
                Delivery* d) {
  size_t pos = 0;
  while (d->broken.empty() && buffer->size() - pos >= 9) {
    uint64_t length = 0;
    for (int i = 1; i <= 8; ++i) {
      length = (length << 8) | static_cast<uint8_t>((*buffer)[pos + i]);
    }
    if (length > kMaxFrame) {
      d->broken = "an oversized message";
      break;
    }
    if (buffer->size() - pos - 9 < length) break;
    char type = (*buffer)[pos];
    absl::string_view body(buffer->data() + pos + 9, length);
    pos += 9 + length;
    size_t index = 0;
    if (type == 'S' && absl::SimpleAtoi(body, &index) && index < paths.size()) {
      d->current = index;
    } else if ((type == 'R' || type == 'E') && d->current) {
      absl::StatusOr<ModulePlugin> plugin =
          type == 'E' ? absl::FailedPreconditionError(body) : DecodePlugin(body);
      if (!plugin.ok() && type == 'R') {
        plugin = absl::DataLossError(
            absl::StrCat(paths[*d->current], ": ", plugin.status().message()));
      }
      d->results.emplace(*d->current, std::move(plugin));
      d->current.reset();
    } else if (type == 'Z' && !d->current) {
      d->complete = true;
    } else {
      d->broken = "bytes that are not the loader's messages";
    }
  }
  buffer->erase(0, pos);
}

std::string DescribeEnd(int status) {
  if (WIFSIGNALED(status)) {
    const char* name = sigabbrev_np(WTERMSIG(status));
    return absl::StrCat("crashed with signal ", WTERMSIG(status), " (SIG",
                        name ? name : "?", ") while being loaded");
  }
  return absl::StrCat("ended its loading process with exit status ",
                      WEXITSTATUS(status),
                      " while being loaded (a plugin must not exit)");
}

// Kills the child's process group (what it left running too) and reaps it.
int Reap(pid_t pid, bool exited, int status) {
  kill(-pid, SIGKILL);
  if (!exited) {
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  return status;
}

// Reads what the child sent so far into `d`.
void Drain(int fd, std::string* buffer, const std::vector<std::string>& paths,
           Delivery* d) {
  char chunk[65536];
  ssize_t n;
  while ((n = read(fd, chunk, sizeof chunk)) > 0) buffer->append(chunk, n);
  TakeFrames(buffer, paths, d);
}

// Watches the loader child until it exits, or must be stopped (garbage on
// its pipe, a file past its time limit). Returns why it was stopped ("" if
// it exited); `*exited` and `*status` tell how it ended.
std::string Watch(pid_t pid, int fd, const std::vector<std::string>& paths,
                  absl::Duration time_limit, Delivery* d, bool* exited,
                  int* status) {
  std::string buffer;
  std::optional<size_t> timed = d->current;
  absl::Time deadline = absl::Now() + time_limit;
  while (true) {
    pollfd p{fd, POLLIN, 0};
    (void)poll(&p, 1, 20);
    Drain(fd, &buffer, paths, d);
    if (d->current != timed) {  // a new file started: its own time limit
      timed = d->current;
      deadline = absl::Now() + time_limit;
    }
    if (!d->broken.empty()) {
      return absl::StrCat("wrote ", d->broken,
                          " on the loader's channel; it was stopped");
    }
    if (waitpid(pid, status, WNOHANG) == pid) {
      *exited = true;
      Drain(fd, &buffer, paths, d);
      return "";
    }
    if (!d->complete && absl::Now() >= deadline) {
      return absl::StrCat("did not finish loading within ",
                          absl::FormatDuration(time_limit),
                          " (plugin_load_timeout); it was stopped");
    }
  }
}

// Runs one loader child over files[first..] (whose paths are `paths`);
// fills `d`. The reason a file in progress did not answer is returned (""
// when none is in progress).
std::string RunLoader(std::vector<PluginFile>& files,
                      const std::vector<std::string>& paths, size_t first,
                      absl::Duration time_limit, Delivery* d) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    return absl::StrCat("cannot create a pipe: ", std::strerror(errno));
  }
  // Nothing buffered here may be written a second time by the child.
  fflush(stdout);
  fflush(stderr);
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // dies with the run
    if (getppid() != parent) _exit(1);
    close(fds[0]);
    LoaderChild(files, first, fds[1]);
  }
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    return absl::StrCat("cannot start a process: ", std::strerror(errno));
  }
  setpgid(pid, pid);  // the child does too: whichever comes first
  fcntl(fds[0], F_SETFL, O_NONBLOCK);
  int status = 0;
  bool exited = false;
  std::string stopped =
      Watch(pid, fds[0], paths, time_limit, d, &exited, &status);
  status = Reap(pid, exited, status);
  close(fds[0]);
  if (!d->current) return "";
  return stopped.empty() ? DescribeEnd(status) : stopped;
}

// Loads `files` in loader children: one for all, and one more after each
// file that ended its child.
std::vector<absl::StatusOr<ModulePlugin>> LoadFiles(
    std::vector<PluginFile>& files, absl::Duration time_limit) {
  std::vector<std::string> paths;
  for (const PluginFile& f : files) paths.push_back(f.path());
  std::map<size_t, absl::StatusOr<ModulePlugin>> results;
  size_t next = 0;
  while (next < paths.size()) {
    Delivery d;
    const size_t answered = results.size();
    std::string reason = RunLoader(files, paths, next, time_limit, &d);
    results.merge(d.results);
    if (d.current) {  // the file being loaded ended the child: it fails
      results.emplace(*d.current, absl::FailedPreconditionError(absl::StrCat(
                                      paths[*d.current], ": ", reason)));
    } else if (!d.complete && results.size() == answered) {
      // No file answered: the child could not start or work at all.
      for (size_t i = next; i < paths.size(); ++i) {
        results.emplace(i, absl::FailedPreconditionError(absl::StrCat(
                               paths[i], ": not loaded: ",
                               reason.empty() ? "the loader ended early"
                                              : reason)));
      }
    }
    while (next < paths.size() && results.count(next)) ++next;
  }
  std::vector<absl::StatusOr<ModulePlugin>> loaded;
  for (size_t i = 0; i < paths.size(); ++i) {
    auto it = results.find(i);
    loaded.push_back(it != results.end()
                         ? std::move(it->second)
                         : absl::StatusOr<ModulePlugin>(absl::InternalError(
                               absl::StrCat(paths[i], ": not loaded"))));
  }
  return loaded;
}

}  // namespace

absl::StatusOr<PluginSet> LoadPluginDirectoryIsolated(
    const std::string& dir, const IsolationOptions& options) {
  absl::StatusOr<std::vector<std::string>> paths = ListPluginFiles(dir);
  if (!paths.ok()) return paths.status();
  PluginCache cache = PluginCache::Open(options.cache_file);
  cache.Retain(dir, *paths);
  std::vector<std::pair<std::string, absl::StatusOr<ModulePlugin>>> loaded;
  std::vector<PluginFile> to_load;  // open: the children load these
  std::vector<size_t> slots;        // their places in `loaded`
  for (const std::string& path : *paths) {
    // Opened once: judged, looked up, loaded and cached as this file.
    absl::StatusOr<PluginFile> file = PluginFile::Open(path);
    if (!file.ok()) {
      loaded.emplace_back(path, file.status());
      continue;
    }
    if (std::optional<ModulePlugin> hit = cache.Find(*file)) {
      hit->file_key = FileKey(file->identity());
      loaded.emplace_back(path, *std::move(hit));
      continue;
    }
    slots.push_back(loaded.size());
    loaded.emplace_back(path, absl::InternalError("not loaded"));
    to_load.push_back(*std::move(file));
  }
  std::vector<absl::StatusOr<ModulePlugin>> fresh =
      LoadFiles(to_load, options.time_limit);
  for (size_t i = 0; i < fresh.size(); ++i) {
    if (fresh[i].ok()) {
      cache.Put(to_load[i], *fresh[i]);
      fresh[i]->file_key = FileKey(to_load[i].identity());
    }
    loaded[slots[i]].second = std::move(fresh[i]);
  }
  to_load.clear();  // closes them: nothing was loaded in this process
  (void)cache.Save();  // a cache that cannot be written only costs time
  return GroupByModule(std::move(loaded));
}

}  // namespace aos::plugin
