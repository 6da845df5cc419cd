#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/result.h"
#include "shelfnode/ota/hawkbit/hawkbit_state.h"
#include "shelfnode/ota/hawkbit/poll_plan.h"
#include "shelfnode/ota/hawkbit/ports.h"
#include "shelfnode/wix/transport.h"

namespace shelfnode::ota::hawkbit {

// Where the controller is: {url}/{tenant}/controller/v1/{controller_id}.
struct Endpoint {
  std::string url;  // https://hawkbit.example.com
  std::string tenant;
  std::string controller_id;
  std::string token;  // the target security token; never logged
  bool allow_http_artifacts = false;  // loopback test servers only

  std::string controller_url() const;
};

struct PollContext {
  Endpoint endpoint;
  wix::Transport* transport = nullptr;  // the project's HTTP layer (CurlTransport)
  ArtifactFetcher* fetcher = nullptr;
  Installer* installer = nullptr;
  const Clock* clock = nullptr;
  DeviceInfo device;
  std::string work_dir;    // <root>/ota/hawkbit: one folder per action's artifacts
  std::string state_file;  // <root>/ota/hawkbit.json
};

struct PollOutcome {
  std::optional<std::int64_t> sleep_seconds;  // the controller's config.polling.sleep
  std::string summary;                        // one line: what this poll did
};

// One poll: the controller base, configData if due, then a cancel or a deployment (download,
// check hawkBit's size and SHA-256, install, feedback proceeding -> closed success/failure).
// The state file is written after every step. A failed Status is the poll's error (the
// controller unreachable, 401, a hostile answer); an install that failed is not an error of
// the poll: it is reported to hawkBit and summarised.
Result<PollOutcome> poll_once(PollContext& context);

}  // namespace shelfnode::ota::hawkbit
