#pragma once

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace shelfnode::ota::testing {

// A TCP relay on 127.0.0.1 in front of a server on 127.0.0.1:target that cuts connections:
// connection i (from 0) is closed after budgets[i] bytes from the server towards the client
// (mid-TLS-record, as a dying link would), every connection past the list is relayed whole.
// It counts every byte it passed towards the client: what the download cost on the wire,
// TLS handshakes and headers included. One connection at a time (a download makes one).
class CuttingProxy {
 public:
  CuttingProxy(int target_port, std::vector<std::uint64_t> budgets);
  ~CuttingProxy();  // stops the relay thread and closes every socket
  CuttingProxy(const CuttingProxy&) = delete;
  CuttingProxy& operator=(const CuttingProxy&) = delete;

  int port() const { return port_; }
  std::uint64_t bytes_to_client() const { return to_client_; }
  int connections() const { return connections_; }
  int cuts() const { return cuts_; }

 private:
  void serve();
  void relay(int client);

  int target_port_;
  std::vector<std::uint64_t> budgets_;
  int listen_fd_ = -1;
  int stop_pipe_[2] = {-1, -1};
  int port_ = 0;
  std::atomic<std::uint64_t> to_client_{0};
  std::atomic<int> connections_{0};
  std::atomic<int> cuts_{0};
  std::thread thread_;
};

}  // namespace shelfnode::ota::testing
