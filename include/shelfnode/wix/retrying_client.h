#pragma once

#include <cstdint>
#include <string_view>

#include "shelfnode/wix/backoff.h"
#include "shelfnode/wix/client.h"
#include "shelfnode/wix/rate_limiter.h"
#include "shelfnode/wix/sleeper.h"

namespace shelfnode::wix {

struct RetryPolicy {
  int max_attempts = 4;
  // A Retry-After longer than this is not waited for here: the call fails as temporary
  // and the caller's schedule (the next sync round) picks it up.
  std::int64_t max_wait_ms = 120'000;
};

// Client + rate limit + retries. Only outcomes that certainly did not reach Wix (kNotSent:
// connect/TLS failures, 408, 429, 503) are resent. Uncertain ones never are: resending a
// delta that may have landed would count it twice; the sync engine reads back instead
// (DESIGN §4.5). Definite rejections are returned at once.
class RetryingClient {
 public:
  RetryingClient(Client& client, RateLimiter& limiter, Backoff& backoff, Sleeper& sleeper,
                 RetryPolicy policy = {});

  Result<JsonResponse> call(std::string_view method, std::string_view path,
                            const cJSON* body = nullptr, WixError* error = nullptr,
                            BodyForm form = BodyForm::kTree);

  int last_attempts() const { return last_attempts_; }

 private:
  Client* client_;
  RateLimiter* limiter_;
  Backoff* backoff_;
  Sleeper* sleeper_;
  RetryPolicy policy_;
  int last_attempts_ = 0;
};

}  // namespace shelfnode::wix
