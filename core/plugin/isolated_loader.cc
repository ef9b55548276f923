#include "core/plugin/isolated_loader.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <map>
#include <optional>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/plugin/plugin_cache.h"
#include "core/plugin/plugin_codec.h"
#include "core/plugin/plugin_file.h"
#include "core/util/child_process.h"

namespace aos::plugin {
namespace {

// Child -> parent frames: a type byte, the body's length (8 bytes,
// big-endian), the body. 'S' <index>: starting that file; 'R' <plugin>:
// loaded; 'E' <message>: refused; 'Z': every file done.
constexpr size_t kMaxFrame = size_t{256} << 20;
// How often the parent looks for a loader child that has exited.
constexpr absl::Duration kExitCheckInterval = absl::Milliseconds(20);

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
    return absl::StrCat("crashed with ", util::SignalText(WTERMSIG(status)),
                        " while being loaded");
  }
  return absl::StrCat("ended its loading process with exit status ",
                      WEXITSTATUS(status),
                      " while being loaded (a plugin must not exit)");
}

// Reads what the child sent so far into `d`.
void Drain(util::ChildProcess& child, std::string* buffer,
           const std::vector<std::string>& paths, Delivery* d) {
  while (child.Read(buffer) == util::ChildProcess::ReadState::kMore) {
  }
  TakeFrames(buffer, paths, d);
}

// Watches the loader child until it exits, or must be stopped (garbage on
// its pipe, a file past its time limit). Returns why it was stopped ("" if
// it exited); the child is left unreaped.
std::string Watch(util::ChildProcess& child,
                  const std::vector<std::string>& paths,
                  absl::Duration time_limit, Delivery* d) {
  std::string buffer;
  std::optional<size_t> timed = d->current;
  absl::Time deadline = absl::Now() + time_limit;
  util::ChildProcess* watched[] = {&child};
  while (true) {
    (void)util::WaitForOutput(watched, absl::Now() + kExitCheckInterval);
    Drain(child, &buffer, paths, d);
    if (d->current != timed) {  // a new file started: its own time limit
      timed = d->current;
      deadline = absl::Now() + time_limit;
    }
    if (!d->broken.empty()) {
      return absl::StrCat("wrote ", d->broken,
                          " on the loader's channel; it was stopped");
    }
    if (child.HasExited()) {
      Drain(child, &buffer, paths, d);
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
  util::ChildOptions options;  // dies with the run, in a group of its own
  options.stdout_to_stderr = true;  // what plugins print: stderr only
  absl::StatusOr<util::ChildProcess> child = util::ChildProcess::Fork(
      [&](int fd) { LoaderChild(files, first, fd); }, options);
  if (!child.ok()) return std::string(child.status().message());
  std::string stopped = Watch(*child, paths, time_limit, d);
  child->KillGroup();  // what it left running too
  int status = child->Reap();
  child->CloseOutput();
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
