#include "core/util/systemd_journal.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace aos::util {
namespace {

// What the journal accepts as a field name a client may set.
bool ValidFieldName(absl::string_view name) {
  if (name.empty() || name.size() > 64 || name[0] == '_' || absl::ascii_isdigit(name[0])) {
    return false;
  }
  for (char c : name) {
    if (!absl::ascii_isupper(c) && !absl::ascii_isdigit(c) && c != '_') return false;
  }
  return true;
}

}  // namespace

bool StreamIsJournal(absl::string_view journal_stream, int fd) {
  std::vector<absl::string_view> parts = absl::StrSplit(journal_stream, ':');
  uint64_t device = 0, inode = 0;
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &device) ||
      !absl::SimpleAtoi(parts[1], &inode)) {
    return false;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) return false;
  return static_cast<uint64_t>(st.st_dev) == device && static_cast<uint64_t>(st.st_ino) == inode;
}

std::string JournalEntry(const std::vector<JournalField>& fields) {
  std::string entry;
  for (const auto& [name, value] : fields) {
    if (!ValidFieldName(name)) continue;
    if (value.find('\n') == std::string::npos) {
      absl::StrAppend(&entry, name, "=", value, "\n");
      continue;
    }
    absl::StrAppend(&entry, name, "\n");
    uint64_t size = value.size();
    for (int i = 0; i < 8; ++i) entry.push_back(static_cast<char>((size >> (8 * i)) & 0xff));
    absl::StrAppend(&entry, value, "\n");
  }
  return entry;
}

SystemdNotifier JournalForStderr() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  if (stream == nullptr || !StreamIsJournal(stream, STDERR_FILENO)) return SystemdNotifier("");
  const char* hook = std::getenv(kJournalSocketTestHook);
  return SystemdNotifier(hook != nullptr && hook[0] == '/' ? hook : kJournalSocket);
}

}  // namespace aos::util
