// systemd_notify.h: the sending side of systemd's notification protocol
// (sd_notify(3)), written out rather than linked from libsystemd: one
// datagram a message to the AF_UNIX socket the service manager names in
// NOTIFY_SOCKET, a path ("/run/systemd/notify") or an abstract socket
// ("@name").
//
//   SystemdNotifier notifier = SystemdNotifier::FromEnvironment();
//   notifier.Send(StatusMessage("dashboard: upgrading 9 -> 10"));
//
// Without NOTIFY_SOCKET it is inert: no socket is opened and Send does
// nothing. Sending never blocks and never fails its caller: a full queue,
// a socket gone, a manager that does not listen lose the message, no more.
#ifndef AOS_CORE_UTIL_SYSTEMD_NOTIFY_H_
#define AOS_CORE_UTIL_SYSTEMD_NOTIFY_H_

#include <sys/socket.h>
#include <sys/un.h>

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace aos::util {

// The socket address NOTIFY_SOCKET's value names: an absolute path, or
// '@' and an abstract name; nullopt for anything else (empty, relative,
// too long, systemd's "vsock:" addresses, which this sender does not speak).
struct NotifyAddress {
  sockaddr_un address;
  socklen_t length = 0;
};
std::optional<NotifyAddress> ParseNotifyAddress(absl::string_view value);

// "STATUS=<text>", the text on one line (line breaks become blanks).
std::string StatusMessage(absl::string_view text);
// "EXTEND_TIMEOUT_USEC=<microseconds>": the manager allows `extension`
// more from the moment it reads it, beyond the unit's start timeout.
std::string ExtendTimeoutMessage(absl::Duration extension);

class SystemdNotifier {
 public:
  // From NOTIFY_SOCKET, which it then removes from the environment, as
  // sd_notify's unset_environment does: what the run starts (a module's
  // plugin code, pt-online-schema-change) does not speak for the service.
  // Inert when the variable is unset or not an address it can use.
  static SystemdNotifier FromEnvironment();

  // For NOTIFY_SOCKET's value `value`; inert when it names no address.
  explicit SystemdNotifier(absl::string_view value);
  SystemdNotifier(SystemdNotifier&& other) noexcept;
  SystemdNotifier& operator=(SystemdNotifier&& other) noexcept;
  SystemdNotifier(const SystemdNotifier&) = delete;
  SystemdNotifier& operator=(const SystemdNotifier&) = delete;
  ~SystemdNotifier();

  // Has a socket to send on.
  bool active() const { return fd_ >= 0; }

  // Sends `message` in one datagram, without waiting; true when the
  // socket took it. Several assignments go in one message, a line each.
  bool Send(absl::string_view message) const;

 private:
  int fd_ = -1;
  NotifyAddress address_{};
};

}  // namespace aos::util

#endif  // AOS_CORE_UTIL_SYSTEMD_NOTIFY_H_
