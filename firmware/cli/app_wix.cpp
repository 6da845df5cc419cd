// App's Wix part: only the `shelfnode` binary links this file (see App::wix()).
#include "cli/app.h"
#include "shelfnode/wix/connection.h"
#include "shelfnode/wix/credentials.h"

namespace shelfnode::cli {

struct App::WixConnectionHold : App::WixHold {
  std::unique_ptr<wix::Connection> connection;
};

Result<wix::Connection*> App::wix() {
  if (wix_connection_ != nullptr) return wix_connection_;
  if (config_.wix.site_id.empty()) {
    return config_error("this device is not connected to Wix: run `shelfnode --data-dir " +
                        paths_.dir + " connect --site-id SITE_ID --api-key-file FILE` first");
  }
  Result<std::string> key = wix::read_api_key_file(paths_.api_key());
  if (!key.ok()) {
    return key.status().with_context(
        "cannot use the stored Wix API key (run `shelfnode connect` again to replace it)");
  }
  wix::ConnectionSettings settings;
  settings.base_url = config_.wix.base_url;
  settings.site_id = config_.wix.site_id;
  settings.api_key = std::move(key).value();
  settings.ca_file = config_.wix.ca_file;
  settings.requests_per_minute = config_.wix.requests_per_minute;
  settings.backoff.base_ms = config_.wix.backoff_base_ms;
  auto connection = wix::Connection::open(std::move(settings), clock_);
  if (!connection.ok()) return connection.status();
  auto hold = std::make_unique<WixConnectionHold>();
  hold->connection = std::move(connection).value();
  wix_connection_ = hold->connection.get();
  wix_ = std::move(hold);
  return wix_connection_;
}

}  // namespace shelfnode::cli
