#include "shelfnode/wix/connection.h"

#include <random>
#include <utility>

namespace shelfnode::wix {

Result<std::unique_ptr<Connection>> Connection::open(ConnectionSettings settings,
                                                     const Clock& clock,
                                                     std::unique_ptr<Transport> transport) {
  std::unique_ptr<Connection> c(new Connection());
  if (transport == nullptr) {
    CurlOptions curl;
    curl.ca_file = settings.ca_file;
    transport = std::make_unique<CurlTransport>(curl);
  }
  c->transport_ = std::move(transport);
  Result<Client> client = Client::create(
      ClientOptions{settings.base_url, settings.site_id, settings.api_key}, *c->transport_);
  if (!client.ok()) return client.status();
  c->client_ = std::make_unique<Client>(std::move(client).value());
  c->sleeper_ = std::make_unique<SystemSleeper>();
  c->limiter_ = std::make_unique<RateLimiter>(settings.requests_per_minute, clock, *c->sleeper_);
  // Jitter must differ between devices that lost Wix together, so seed from the OS.
  std::random_device seed;
  c->backoff_ = std::make_unique<Backoff>((static_cast<std::uint64_t>(seed()) << 32) ^ seed(),
                                          settings.backoff);
  c->retrying_ = std::make_unique<RetryingClient>(*c->client_, *c->limiter_, *c->backoff_,
                                                  *c->sleeper_, settings.retry);
  return c;
}

}  // namespace shelfnode::wix
