#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "shelfnode/core/result.h"
#include "shelfnode/wix/transport.h"

namespace shelfnode::wix {

// The libcurl shelfnode runs with and its TLS backend, e.g. "libcurl 7.88.1, mbedTLS/2.28.3"
// (the device profile) or "libcurl 7.88.1, OpenSSL/3.0.15" (Debian's): what to check after a
// curl security update (README.md "Build profiles").
std::string libcurl_version_text();

struct CurlOptions {
  std::string ca_file;  // PEM bundle; empty = the system trust store
  long connect_timeout_ms = 10'000;
  long timeout_ms = 30'000;                // whole transfer
  std::size_t max_body_bytes = 32u << 20;  // bounds memory; a bigger answer is refused
  long max_idle_reuse_seconds = 30;        // an older idle connection is not reused
};

// Transport over libcurl with one easy handle reused across calls, so consecutive calls
// share one TLS connection (keep-alive). Peer and host verification are always on. Not
// thread-safe: one CurlTransport per thread.
class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(CurlOptions options = {});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  Result<HttpResponse> send(const HttpRequest& request) override;

  // Connections the last send() had to open (CURLINFO_NUM_CONNECTS): 0 means it reused one.
  long last_new_connections() const { return last_new_connections_; }

 private:
  struct Handle;
  CurlOptions options_;
  std::unique_ptr<Handle> handle_;
  long last_new_connections_ = 0;
};

}  // namespace shelfnode::wix
