// notify_listener.h: a service manager's notification socket, as far as a
// test needs one: an AF_UNIX datagram socket bound to a path of its own
// (as systemd's is), whose messages a thread reads from the start (a Unix
// datagram socket queues only a few, net.unix.max_dgram_qlen, and the tool
// drops what does not fit, as it must). The journal's native socket is
// one too (Datagrams).
//
//   NotifyListener listener;
//   Run(..., {"NOTIFY_SOCKET=" + listener.path()});
//   std::vector<std::string> heard = listener.Assignments();
#ifndef AOS_CLI_E2E_NOTIFY_LISTENER_H_
#define AOS_CLI_E2E_NOTIFY_LISTENER_H_

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace aos::e2e {

class NotifyListener {
 public:
  NotifyListener();
  ~NotifyListener();
  NotifyListener(const NotifyListener&) = delete;
  NotifyListener& operator=(const NotifyListener&) = delete;

  const std::string& path() const { return path_; }

  // Every assignment ("STATUS=...") received, in order, once all that was
  // queued has been read: call it after the sender has exited.
  std::vector<std::string> Assignments();
  // Every datagram received, whole, in order (the journal's native
  // protocol, one entry each: systemd_journal_test); as Assignments.
  std::vector<std::string> Datagrams();

 private:
  void Stop();
  void Read();

  std::string dir_;
  std::string path_;
  int fd_ = -1;
  std::thread reader_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<std::string> messages_;
};

}  // namespace aos::e2e

#endif  // AOS_CLI_E2E_NOTIFY_LISTENER_H_
