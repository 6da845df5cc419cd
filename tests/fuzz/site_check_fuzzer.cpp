// `connect`'s live checks (check_site) against a scripted Wix: each answer is a record of the
// input, records separated by 0x1E. A record's first byte picks the HTTP status (or a
// transport failure) and a Retry-After; the rest is the body. Invariants: the result always
// names a catalog version Wix really said, four permissions, and a failure exactly when a
// permission is not proven; a V3 site that passed has its default location; only requests
// that certainly did not reach Wix are resent; only the documented calls are made; the API
// key never shows in any message.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "shelfnode/core/clock.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/wix/site_check.h"

namespace shelfnode::fuzz {
namespace {

constexpr const char* kApiKey = "IST.fuzz-connect-key-77aa";
constexpr long kNotSent = -1;
constexpr long kUncertain = -2;
constexpr long kStatuses[] = {200, 200, 200, 400, 401, 403,      404,
                              408, 428, 429, 500, 503, kNotSent, kUncertain};

struct Answer {
  long status;
  std::optional<int> retry_after;
  std::string body;
};

class ScriptedWix final : public wix::Transport {
 public:
  void load(std::deque<Answer> script) {
    script_ = std::move(script);
    sent.clear();
    answered.clear();
  }

  Result<wix::HttpResponse> send(const wix::HttpRequest& request) override {
    sent.push_back(request.method + " " + request.url.substr(request.url.find('/', 8)));
    if (script_.empty()) {
      answered.push_back(kNotSent);
      return wix::not_sent("the script has ended");
    }
    Answer a = std::move(script_.front());
    script_.pop_front();
    answered.push_back(a.status);
    if (a.status == kNotSent) return wix::not_sent("connection refused");
    if (a.status == kUncertain) return wix::uncertain("reset after the request was sent");
    wix::HttpResponse r;
    r.status = a.status;
    r.body = std::move(a.body);
    r.content_type = "application/json";
    r.retry_after_seconds = a.retry_after;
    return r;
  }

  std::vector<std::string> sent;
  std::vector<long> answered;

 private:
  std::deque<Answer> script_;
};

class NoSleep final : public wix::Sleeper {
 public:
  explicit NoSleep(FakeClock& clock) : clock_(clock) {}
  void sleep_ms(std::int64_t ms) override { clock_.advance_ms(ms); }

 private:
  FakeClock& clock_;
};

std::deque<Answer> script_of(std::string_view input) {
  std::deque<Answer> script;
  while (!input.empty()) {
    const std::size_t end = input.find('\x1e');
    const std::string_view record = input.substr(0, end);
    input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
    if (record.empty()) continue;
    const auto b = static_cast<unsigned char>(record[0]);
    Answer a{kStatuses[b % std::size(kStatuses)], std::nullopt, std::string(record.substr(1))};
    if (b >= 128) a.retry_after = (b >> 4) == 15 ? 86400 : b % 5;
    script.push_back(std::move(a));
  }
  return script;
}

bool certainly_not_sent(long status) {
  return status == kNotSent || status == 408 || status == 429 || status == 503;
}

void check_message(const Status& s) {
  FUZZ_CHECK_MESSAGE(s);
  FUZZ_CHECK(s.message().find(kApiKey) == std::string::npos);
}

}  // namespace
}  // namespace shelfnode::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelfnode;
  using namespace shelfnode::fuzz;
  // One Client for the whole run: each Client::create registers its key with the logger
  // again, and the logger keeps every copy (redaction then slows down run after run).
  static ScriptedWix transport;
  static wix::Client* client = [] {
    logger().set_level(LogLevel::kOff);
    Result<wix::Client> created =
        wix::Client::create({"https://wix.test", "site-1", kApiKey}, transport);
    FUZZ_CHECK(created.ok());
    return new wix::Client(std::move(created).value());
  }();
  transport.load(script_of(as_text(data, size)));
  FakeClock clock(1764000000000);
  NoSleep sleeper(clock);
  wix::RateLimiter limiter(6000, clock, sleeper);
  wix::Backoff backoff(size);
  wix::RetryingClient api(*client, limiter, backoff, sleeper, wix::RetryPolicy{4, 120'000});

  Result<wix::SiteCheck> check = wix::check_site(api);
  if (!check.ok()) {
    check_message(check.status());
  } else {
    const bool v3 = check->catalog_version == "V3_CATALOG";
    FUZZ_CHECK(v3 || check->catalog_version == "V1_CATALOG");
    // Four steps, and on V3 the default location's own permission as a fifth.
    FUZZ_CHECK(check->permissions.size() == (v3 ? 5u : 4u));
    bool all_ok = true;
    for (const wix::PermissionCheck& p : check->permissions) {
      all_ok = all_ok && p.state == wix::PermissionCheck::State::kOk;
    }
    if (check->failure.ok()) {
      FUZZ_CHECK(all_ok);
      if (v3) FUZZ_CHECK(!check->default_location_id.empty());
    } else {
      check_message(check->failure);
    }
  }

  static const std::set<std::string> kCalls = {
      "GET /stores/v3/provision/version",
      "POST /stores-reader/v1/products/query",
      "POST /stores-reader/v2/inventoryItems/query",
      "POST /ecom/v1/orders/search",
      "POST /stores/v2/inventoryItems/increment",
      "POST /stores/v3/products/query-variants",
      "POST /stores/v3/inventory-items/query",
      "POST /stores/v3/bulk/inventory-items/increment",
      "POST /stores/v3/locations/query",
  };
  FUZZ_CHECK(transport.sent.size() <= 6 * 4);
  for (std::size_t i = 0; i < transport.sent.size(); ++i) {
    FUZZ_CHECK(kCalls.count(transport.sent[i]) == 1);
    // A call made again right after is a resend: allowed only when Wix certainly never
    // acted on the previous one. No check makes the same call twice on purpose.
    if (i > 0 && transport.sent[i] == transport.sent[i - 1]) {
      FUZZ_CHECK(certainly_not_sent(transport.answered[i - 1]));
    }
  }
  return 0;
}
