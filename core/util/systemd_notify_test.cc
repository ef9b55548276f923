// The sd_notify sender against sockets of the test's own: a path and an
// abstract name receive the datagram; an unset or unusable NOTIFY_SOCKET
// opens nothing and sends nothing.
#include "core/util/systemd_notify.h"

#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::util {
namespace {

// A datagram socket bound to NOTIFY_SOCKET's value `value`.
class Listener {
 public:
  explicit Listener(const std::string& value) {
    std::optional<NotifyAddress> a = ParseNotifyAddress(value);
    EXPECT_TRUE(a.has_value()) << value;
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    EXPECT_GE(fd_, 0);
    if (a) {
      EXPECT_EQ(bind(fd_, reinterpret_cast<const sockaddr*>(&a->address), a->length), 0)
          << strerror(errno);
    }
  }
  ~Listener() { close(fd_); }

  // The next datagram, or "" when none comes within `wait`.
  std::string Receive(absl::Duration wait = absl::Seconds(30)) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(absl::ToInt64Milliseconds(wait))) != 1) return "";
    char buf[4096];
    ssize_t n = recv(fd_, buf, sizeof buf, 0);
    return n > 0 ? std::string(buf, n) : "";
  }

 private:
  int fd_ = -1;
};

// A socket path in a directory of its own under /tmp (Bazel's TEST_TMPDIR
// is longer than a socket address holds), both removed at the end.
class TempSocketPath {
 public:
  TempSocketPath() {
    char pattern[] = "/tmp/aos-notify-XXXXXX";
    EXPECT_NE(mkdtemp(pattern), nullptr) << strerror(errno);
    dir_ = pattern;
  }
  ~TempSocketPath() {
    unlink(path().c_str());
    rmdir(dir_.c_str());
  }
  std::string path() const { return dir_ + "/notify"; }

 private:
  std::string dir_;
};

TEST(SystemdNotifyTest, MessagesAreSystemdsAssignments) {
  EXPECT_EQ(StatusMessage("dashboard: upgrading 9 -> 10 (two\nlines)"),
            "STATUS=dashboard: upgrading 9 -> 10 (two lines)");
  EXPECT_EQ(ExtendTimeoutMessage(absl::Minutes(10)), "EXTEND_TIMEOUT_USEC=600000000");
  EXPECT_EQ(ExtendTimeoutMessage(-absl::Seconds(1)), "EXTEND_TIMEOUT_USEC=0");
}

TEST(SystemdNotifyTest, APathSocketGetsTheDatagram) {
  TempSocketPath temp;
  const std::string path = temp.path();
  Listener listener(path);
  SystemdNotifier notifier(path);
  ASSERT_TRUE(notifier.active());
  EXPECT_TRUE(notifier.Send("STATUS=one\nEXTEND_TIMEOUT_USEC=5"));
  EXPECT_EQ(listener.Receive(), "STATUS=one\nEXTEND_TIMEOUT_USEC=5");
}

TEST(SystemdNotifyTest, AnAbstractSocketGetsTheDatagram) {
  const std::string name = absl::StrCat("@aos-notify-test-", getpid());
  Listener listener(name);
  SystemdNotifier notifier(name);
  ASSERT_TRUE(notifier.active());
  EXPECT_TRUE(notifier.Send("STATUS=abstract"));
  EXPECT_EQ(listener.Receive(), "STATUS=abstract");
}

TEST(SystemdNotifyTest, UnsetVariableOpensNothing) {
  unsetenv("NOTIFY_SOCKET");
  const int before = dup(0);  // the lowest free descriptor now
  close(before);
  SystemdNotifier notifier = SystemdNotifier::FromEnvironment();
  EXPECT_FALSE(notifier.active());
  EXPECT_FALSE(notifier.Send("STATUS=nobody"));
  const int after = dup(0);  // the same: no socket took it
  close(after);
  EXPECT_EQ(before, after);
}

TEST(SystemdNotifyTest, TheVariableIsTakenOutOfTheEnvironment) {
  const std::string name = absl::StrCat("@aos-notify-env-", getpid());
  Listener listener(name);
  setenv("NOTIFY_SOCKET", name.c_str(), 1);
  SystemdNotifier notifier = SystemdNotifier::FromEnvironment();
  EXPECT_EQ(std::getenv("NOTIFY_SOCKET"), nullptr);
  ASSERT_TRUE(notifier.active());
  SystemdNotifier moved = std::move(notifier);
  EXPECT_FALSE(notifier.active());  // NOLINT: a moved-from notifier is inert
  EXPECT_TRUE(moved.Send("STATUS=env"));
  EXPECT_EQ(listener.Receive(), "STATUS=env");
}

TEST(SystemdNotifyTest, UnusableAddressesAreInert) {
  for (const std::string& value : {std::string(""), std::string("@"), std::string("relative/path"),
                                   std::string("vsock:2:1234"), "/" + std::string(200, 'x')}) {
    EXPECT_FALSE(ParseNotifyAddress(value).has_value()) << value;
    SystemdNotifier notifier(value);
    EXPECT_FALSE(notifier.active()) << value;
    EXPECT_FALSE(notifier.Send("STATUS=x")) << value;
  }
}

// Nobody listening (the manager gone): the send fails, quietly, at once.
TEST(SystemdNotifyTest, NoListenerIsNoFailure) {
  TempSocketPath temp;  // nothing bound there
  SystemdNotifier notifier(temp.path());
  ASSERT_TRUE(notifier.active());
  EXPECT_FALSE(notifier.Send("STATUS=lost"));
}

}  // namespace
}  // namespace aos::util
