#pragma once

#include <memory>
#include <string>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/result.h"
#include "shelfnode/wix/backoff.h"
#include "shelfnode/wix/client.h"
#include "shelfnode/wix/curl_transport.h"
#include "shelfnode/wix/rate_limiter.h"
#include "shelfnode/wix/retrying_client.h"
#include "shelfnode/wix/sleeper.h"

namespace shelfnode::wix {

struct ConnectionSettings {
  std::string base_url;
  std::string site_id;
  std::string api_key;
  std::string ca_file;
  int requests_per_minute = 120;
  RetryPolicy retry;
  BackoffPolicy backoff;
};

// Everything one process needs to talk to one Wix site: the TLS transport (one reused
// connection), the authenticated client, the site's rate limit and the retry policy. The
// parts keep fixed addresses, so the pieces that point at each other stay valid.
class Connection {
 public:
  // `transport` replaces libcurl (tests inject failures through it); null = CurlTransport.
  static Result<std::unique_ptr<Connection>> open(ConnectionSettings settings, const Clock& clock,
                                                  std::unique_ptr<Transport> transport = nullptr);

  // Rate-limited calls with retries of what certainly was not sent: what sync and pulls use.
  RetryingClient& api() { return *retrying_; }
  // One attempt, no retry: for `wix call`, where the operator decides.
  Client& client() { return *client_; }
  RateLimiter& limiter() { return *limiter_; }
  const std::string& site_id() const { return client_->site_id(); }

 private:
  Connection() = default;
  std::unique_ptr<Transport> transport_;
  std::unique_ptr<Client> client_;
  std::unique_ptr<SystemSleeper> sleeper_;
  std::unique_ptr<RateLimiter> limiter_;
  std::unique_ptr<Backoff> backoff_;
  std::unique_ptr<RetryingClient> retrying_;
};

}  // namespace shelfnode::wix
