#include "cli/e2e/notify_listener.h"

#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"

namespace aos::e2e {

NotifyListener::NotifyListener() {
  char dir[] = "/tmp/aos-notify-e2e-XXXXXX";  // TEST_TMPDIR is too long
  EXPECT_NE(mkdtemp(dir), nullptr) << strerror(errno);
  dir_ = dir;
  path_ = dir_ + "/notify";
  fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path_.c_str(), sizeof address.sun_path - 1);
  EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0) << strerror(errno);
  reader_ = std::thread([this] { Read(); });
}

NotifyListener::~NotifyListener() {
  Stop();
  close(fd_);
  unlink(path_.c_str());
  rmdir(dir_.c_str());
}

std::vector<std::string> NotifyListener::Assignments() {
  Stop();
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> all;
  for (const std::string& m : messages_) {
    for (absl::string_view line : absl::StrSplit(m, '\n')) all.emplace_back(line);
  }
  return all;
}

std::vector<std::string> NotifyListener::Datagrams() {
  Stop();
  std::lock_guard<std::mutex> lock(mu_);
  return messages_;
}

void NotifyListener::Stop() {
  stop_ = true;
  if (reader_.joinable()) reader_.join();
}

// Reads until told to stop and nothing more is queued.
void NotifyListener::Read() {
  while (true) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, 50) == 1) {
      char buf[8192];
      ssize_t n = recv(fd_, buf, sizeof buf, 0);
      std::lock_guard<std::mutex> lock(mu_);
      if (n > 0) messages_.emplace_back(buf, n);
    } else if (stop_) {
      return;
    }
  }
}

}  // namespace aos::e2e
