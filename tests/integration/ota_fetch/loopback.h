#pragma once

#include <functional>
#include <string>
#include <thread>

namespace shelfnode::ota::testing {

// A TCP port on 127.0.0.1 that was free a moment ago (bound to 0, read back, closed).
int free_loopback_port();

// Whether something accepts connections on 127.0.0.1:port.
bool accepts_connections(int port);

// A listening socket on 127.0.0.1 with a port of the kernel's choice; -1 on failure.
int listen_loopback(int& port);

// A socket listening on 127.0.0.1 (a port of the kernel's choice) whose connections one
// thread accepts in turn: `on_client(fd)` serves each (it may poll stop_fd() to give up
// early) and the fd is closed after it. Declare it last in its owner, so it stops before the
// members on_client uses go.
class LoopbackThread {
 public:
  LoopbackThread() = default;
  ~LoopbackThread() { stop(); }
  LoopbackThread(const LoopbackThread&) = delete;
  LoopbackThread& operator=(const LoopbackThread&) = delete;

  void start(
      std::function<void(int client)> on_client);  // nothing runs when the socket or pipe fails
  void stop();  // wakes the thread through stop_fd(), joins it, closes everything; idempotent

  int stop_fd() const { return stop_pipe_[0]; }
  int port() const { return port_; }

 private:
  int listen_fd_ = -1;
  int stop_pipe_[2] = {-1, -1};
  int port_ = 0;
  std::thread thread_;
};

}  // namespace shelfnode::ota::testing
