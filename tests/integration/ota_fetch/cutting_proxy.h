#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "loopback.h"

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

  int port() const { return loop_.port(); }
  std::uint64_t bytes_to_client() const { return to_client_; }
  int connections() const { return connections_; }
  int cuts() const { return cuts_; }

 private:
  void relay(int client);

  int target_port_;
  std::vector<std::uint64_t> budgets_;
  std::atomic<std::uint64_t> to_client_{0};
  std::atomic<int> connections_{0};
  std::atomic<int> cuts_{0};
  LoopbackThread loop_;  // last: it stops before the members relay() uses go
};

}  // namespace shelfnode::ota::testing
