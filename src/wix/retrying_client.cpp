#include "shelfnode/wix/retrying_client.h"

#include <algorithm>

#include "shelfnode/core/logger.h"

namespace shelfnode::wix {

RetryingClient::RetryingClient(Client& client, RateLimiter& limiter, Backoff& backoff,
                               Sleeper& sleeper, RetryPolicy policy)
    : client_(&client),
      limiter_(&limiter),
      backoff_(&backoff),
      sleeper_(&sleeper),
      policy_(policy) {}

Result<JsonResponse> RetryingClient::call(std::string_view method, std::string_view path,
                                          const cJSON* body, WixError* error, BodyForm form) {
  WixError local;
  WixError& err = error != nullptr ? *error : local;
  const int attempts = std::max(1, policy_.max_attempts);
  for (int attempt = 1;; ++attempt) {
    last_attempts_ = attempt;
    limiter_->acquire();
    Result<JsonResponse> result = client_->call(method, path, body, &err, form);
    // Only kNotSent is safe to resend; a rejection will not change and an uncertain call
    // may have landed (DESIGN §4.5).
    if (result.ok() || err.outcome != Outcome::kNotSent || attempt >= attempts) return result;
    const std::int64_t wait = backoff_->delay_ms(attempt - 1, err.retry_after_seconds);
    if (wait > policy_.max_wait_ms) return result;
    log_info("wix.retry", {{"path", std::string(path)},
                           {"attempt", std::to_string(attempt)},
                           {"wait_ms", std::to_string(wait)}});
    sleeper_->sleep_ms(wait);
  }
}

}  // namespace shelfnode::wix
