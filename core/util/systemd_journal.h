// systemd_journal.h: the sending side of the journal's native protocol
// (systemd.journal-fields(7), "Native Journal Protocol"), written out
// rather than linked from libsystemd: one datagram an entry, of fields
// "KEY=value\n" (a value holding a line break: "KEY\n", its length as 64
// bits little-endian, the value, "\n"), to the journal's socket.
//
// Only when stderr is the journal: systemd sets JOURNAL_STREAM to the
// "device:inode" of the stream it connects a service's stderr to, and a
// program whose stderr is that stream (not one a child's redirection or a
// shell's pipe put in its place) may send its entries to the native socket
// instead (sd_journal_print(3)). Otherwise nothing is sent.
//
//   util::SystemdNotifier journal = util::JournalForStderr();
//   journal.Send(util::JournalEntry({{"MESSAGE", "dashboard: OK"},
//                                    {"PRIORITY", "6"}}));
//
// The socket is /run/systemd/journal/socket. Test hook: when stderr is the
// journal, AOS_DB_MIGRATE_TEST_JOURNAL_SOCKET (an absolute path) names
// another datagram socket instead, for a test that listens on its own; it
// is not a setting, and without JOURNAL_STREAM it changes nothing.
#ifndef AOS_CORE_UTIL_SYSTEMD_JOURNAL_H_
#define AOS_CORE_UTIL_SYSTEMD_JOURNAL_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/util/systemd_notify.h"

namespace aos::util {

inline constexpr char kJournalSocket[] = "/run/systemd/journal/socket";
inline constexpr char kJournalSocketTestHook[] = "AOS_DB_MIGRATE_TEST_JOURNAL_SOCKET";

// Whether `journal_stream` (JOURNAL_STREAM's value, "device:inode" in
// decimal) names the file that descriptor `fd` is open on.
bool StreamIsJournal(absl::string_view journal_stream, int fd);

// One entry of the native protocol. A field whose name the journal would
// refuse (empty, not of A-Z, 0-9 and '_', starting with '_' or a digit,
// over 64 characters) is left out.
using JournalField = std::pair<std::string, std::string>;
std::string JournalEntry(const std::vector<JournalField>& fields);

// A datagram sender (systemd_notify.h's: one datagram a message, never
// blocking) to the journal's socket when stderr is the journal, else
// inert.
SystemdNotifier JournalForStderr();

}  // namespace aos::util

#endif  // AOS_CORE_UTIL_SYSTEMD_JOURNAL_H_
