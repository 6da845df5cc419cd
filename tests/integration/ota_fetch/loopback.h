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

// A socket listening on 127.0.0.1 (a port of the kernel's choice) served by one thread: the
// test servers here share it. `serve` runs on the thread and must return once stop_fd()
// turns readable. Declare it last in its owner, so it stops before the members serve uses go.
class LoopbackThread {
 public:
  LoopbackThread() = default;
  ~LoopbackThread() { stop(); }
  LoopbackThread(const LoopbackThread&) = delete;
  LoopbackThread& operator=(const LoopbackThread&) = delete;

  void start(std::function<void()> serve);  // nothing runs when the socket or pipe fails
  void stop();  // wakes serve through stop_fd(), joins it, closes everything; idempotent

  int listen_fd() const { return listen_fd_; }
  int stop_fd() const { return stop_pipe_[0]; }
  int port() const { return port_; }

 private:
  int listen_fd_ = -1;
  int stop_pipe_[2] = {-1, -1};
  int port_ = 0;
  std::thread thread_;
};

}  // namespace shelfnode::ota::testing
