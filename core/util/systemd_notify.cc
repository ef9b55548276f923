#include "core/util/systemd_notify.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"

namespace aos::util {

std::optional<NotifyAddress> ParseNotifyAddress(absl::string_view value) {
  if (value.size() < 2 || (value[0] != '/' && value[0] != '@')) {
    return std::nullopt;
  }
  NotifyAddress a;
  std::memset(&a.address, 0, sizeof a.address);
  a.address.sun_family = AF_UNIX;
  // A path needs its terminating NUL; an abstract name has none, its
  // length is the address's.
  const size_t room = sizeof a.address.sun_path - (value[0] == '/' ? 1 : 0);
  if (value.size() > room) return std::nullopt;
  std::memcpy(a.address.sun_path, value.data(), value.size());
  if (value[0] == '@') a.address.sun_path[0] = '\0';
  a.length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + value.size() +
                                    (value[0] == '/' ? 1 : 0));
  return a;
}

std::string StatusMessage(absl::string_view text) {
  std::string line(text);
  std::replace_if(
      line.begin(), line.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return absl::StrCat("STATUS=", line);
}

std::string ExtendTimeoutMessage(absl::Duration extension) {
  return absl::StrCat("EXTEND_TIMEOUT_USEC=",
                      std::max<int64_t>(0, absl::ToInt64Microseconds(extension)));
}

SystemdNotifier SystemdNotifier::FromEnvironment() {
  const char* value = std::getenv("NOTIFY_SOCKET");
  if (value == nullptr) return SystemdNotifier("");
  SystemdNotifier notifier(value);
  unsetenv("NOTIFY_SOCKET");
  return notifier;
}

SystemdNotifier::SystemdNotifier(absl::string_view value) {
  std::optional<NotifyAddress> address = ParseNotifyAddress(value);
  if (!address) return;
  fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  address_ = *address;
}

SystemdNotifier::SystemdNotifier(SystemdNotifier&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), address_(other.address_) {}

SystemdNotifier& SystemdNotifier::operator=(SystemdNotifier&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    address_ = other.address_;
  }
  return *this;
}

SystemdNotifier::~SystemdNotifier() {
  if (fd_ >= 0) close(fd_);
}

bool SystemdNotifier::Send(absl::string_view message) const {
  if (fd_ < 0) return false;
  ssize_t sent;
  do {
    sent = sendto(fd_, message.data(), message.size(), MSG_DONTWAIT | MSG_NOSIGNAL,
                  reinterpret_cast<const sockaddr*>(&address_.address), address_.length);
  } while (sent < 0 && errno == EINTR);
  return sent == static_cast<ssize_t>(message.size());
}

}  // namespace aos::util
