#pragma once

// The emulator's view of a history: its request log (every Wix call the device made, with
// the request body, the status sent and the fault that hit it) and its writes log (every
// inventory change that landed, by whom). Both are fetched once, at the end of a history.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shelfnode/core/json.h"
#include "support/emulator_admin.h"

namespace shelfnode::sync_property {

struct LoggedRequest {
  std::int64_t id = 0;
  std::string method;
  std::string path;
  const cJSON* body = nullptr;  // owned by WixLog; null when there was none
  std::optional<long> status;   // what was sent; nullopt = no answer (dropped)
  std::optional<long> handled;  // what the handler produced; nullopt = not processed
  std::string fault;            // "" = none
  std::int64_t end_ms = 0;      // wall clock when the emulator logged it (after answering)
  double duration_ms = 0;       // from reading the request to logging it
  std::string fault_id;
  bool synthetic = false;  // known only from the writes log (its answer was never logged)
};

struct LoggedWrite {
  std::int64_t id = 0;  // "w-000042" -> 42
  std::int64_t request_id = 0;
  std::string source;  // api, checkout, cancel, admin
  std::string kind;    // inc, dec, set, ...
  std::string sku;
  std::string product_id;
  std::string variant_id;
  std::string item_id;
  std::string location_id;
  std::int64_t amount = 0;
  std::int64_t before = 0;
  std::int64_t after = 0;
};

struct WixLog {
  JsonPtr requests_doc;
  JsonPtr writes_doc;
  std::vector<LoggedRequest> requests;  // by id; requests seen only in the writes log added
  std::vector<LoggedWrite> writes;      // in the order they landed
};

// Fetches both logs of `site` (requests after `since_request`, writes after `since_write`),
// or explains in `why`.
bool fetch_wix_log(testing::EmulatorAdmin& admin, const std::string& site,
                   std::int64_t since_request, WixLog& log, std::string& why,
                   std::int64_t since_write = 0);

// The largest request ID seen so far after `since` (`since` when none), in the request log
// or named by a write in the writes log (writes after `since_write` only: the writes log is
// never trimmed, so a caller that polls often passes the last write ID it saw).
std::int64_t last_request_id(testing::EmulatorAdmin& admin, std::int64_t since,
                             std::int64_t since_write = 0);
// The largest write ID logged so far (0 when none).
std::int64_t last_write_id(testing::EmulatorAdmin& admin);

// "2026-11-24T18:48:55.123Z" -> ms since the epoch (0 when unreadable).
std::int64_t parse_utc_ms(const std::string& text);

// One request in a line, for failure messages: "#12 POST /path status=500 fault=drop body=…".
std::string describe(const LoggedRequest& r, std::size_t max_body = 300);

}  // namespace shelfnode::sync_property
