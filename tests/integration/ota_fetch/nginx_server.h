#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "support/process.h"

namespace shelfnode::ota::testing {

// One line of the access log: what nginx answered to one request.
struct AccessLine {
  int status = 0;
  std::uint64_t body_bytes = 0;
  std::string range;     // the request's Range header, "-" when absent
  std::string if_range;  // likewise
  std::string uri;
};

// Debian's nginx serving `dir`/www over HTTPS on 127.0.0.1 (a free port), with a
// certificate for "localhost" made here by openssl (its own CA file), its own prefix, config,
// logs and pid under `dir`, in the foreground as one process: the destructor stops it by PID
// (SIGQUIT, then SIGKILL) and reaps it. Under /norange/ it ignores Range (max_ranges 0);
// under /slow/ it sends 1 MiB/s per connection (limit_rate), for a process killed mid-way.
class NginxServer {
 public:
  explicit NginxServer(const std::string& dir);
  ~NginxServer();
  NginxServer(const NginxServer&) = delete;
  NginxServer& operator=(const NginxServer&) = delete;

  bool running() const { return child_ != nullptr; }
  int port() const { return port_; }
  // https://localhost:PORT/<path>: by name, as mbedTLS-based libcurl builds match DNS names.
  std::string url(const std::string& path) const;
  std::string www() const { return dir_ + "/www"; }
  std::string ca_file() const { return dir_ + "/cert.pem"; }
  std::vector<AccessLine> access_log() const;
  std::string error_log() const;

 private:
  std::string dir_;
  int port_ = 0;
  std::unique_ptr<shelfnode::testing::Child> child_;
};

}  // namespace shelfnode::ota::testing
