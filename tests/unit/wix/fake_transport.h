#pragma once

#include <deque>
#include <vector>

#include "shelfnode/core/clock.h"
#include "shelfnode/wix/sleeper.h"
#include "shelfnode/wix/transport.h"

namespace shelfnode::wix::testing {

// Answers from a script, in order, and remembers every request it was given.
class FakeTransport final : public Transport {
 public:
  void push(Result<HttpResponse> next) { script_.push_back(std::move(next)); }
  void push_status(long status, std::string body = "{}", std::optional<int> retry_after = {}) {
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.content_type = "application/json";
    r.retry_after_seconds = retry_after;
    push(std::move(r));
  }

  Result<HttpResponse> send(const HttpRequest& request) override {
    requests.push_back(request);
    if (script_.empty()) return internal_error("fake transport: no answer scripted");
    Result<HttpResponse> next = std::move(script_.front());
    script_.pop_front();
    return next;
  }

  std::vector<HttpRequest> requests;

 private:
  std::deque<Result<HttpResponse>> script_;
};

// Sleeping advances the fake clock and is recorded, so no test ever waits.
class FakeSleeper final : public Sleeper {
 public:
  explicit FakeSleeper(FakeClock& clock) : clock_(clock) {}
  void sleep_ms(std::int64_t ms) override {
    sleeps.push_back(ms);
    clock_.advance_ms(ms);
  }
  std::vector<std::int64_t> sleeps;

 private:
  FakeClock& clock_;
};

}  // namespace shelfnode::wix::testing
