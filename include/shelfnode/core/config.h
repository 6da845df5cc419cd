#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shelfnode/core/logger.h"
#include "shelfnode/core/result.h"

namespace shelfnode {

// The device's settings, read from `<data-dir>/config.json`. Every field has a default, so a
// missing file is a valid (offline) configuration. Credentials never live here: the API key
// has its own 0600 file.
struct Config {
  LogLevel log_level = LogLevel::kInfo;
  bool log_level_given = false;  // the file names one; else the terminal decides (logger.h)

  struct Wix {
    std::string base_url = "https://www.wixapis.com";
    std::string site_id;
    std::string ca_file;            // private CA bundle; empty = system trust store
    int requests_per_minute = 120;  // kept well under Wix's documented 200/min
    // First retry wait of the exponential backoff (full jitter, doubling, 60 s cap). Only
    // worth lowering on a test bench; Wix's Retry-After always wins.
    int backoff_base_ms = 1000;
  } wix;

  struct Sync {
    std::vector<std::string> order_statuses{"APPROVED"};
    bool include_pickup_orders = true;
    std::string fulfilment_warehouse;  // empty = the first mapped warehouse
    int interval_seconds = 60;
    // The daemon's round after scans: this long after the last scan of a burst, so a burst
    // goes out in one round (and never later than interval_seconds after its first scan).
    int settle_seconds = 3;
    // The daemon's incremental `catalog pull`; 0 = never (pull by hand).
    int catalog_interval_seconds = 3600;
  } sync;

  struct Scan {
    // The largest quantity one scan line may carry (`*QTY` or a GS1 count). A clerk who
    // types 1000 for 10 is stopped at the till; `sell`/`receive` warn past it and need --yes.
    int max_quantity = 999;
    // A barcode that undoes the session's last acknowledged scan (printed on a card at the
    // till); empty = none.
    std::string undo_code;
  } scan;

  // The scanners `shelfnode daemon` reads, each booked into one warehouse in one mode. The
  // source and its options are checked by the daemon (platform::parse_scanner_spec), which
  // names this file's field when one is wrong.
  struct Scanner {
    std::string name;    // for logs and `status`; default: the source
    std::string source;  // "evdev:/dev/input/by-id/...-event-kbd", "serial:/dev/ttyACM0", "stdin"
    std::vector<std::pair<std::string, std::string>> options;  // layout, suffix, gap_ms, baud
    std::string warehouse;
    std::string mode;                   // sell, receive or count
    std::string feedback = "terminal";  // or "gpio:/dev/gpiochipN,line=L", "none"
    bool operator==(const Scanner& o) const {
      return name == o.name && source == o.source && options == o.options &&
             warehouse == o.warehouse && mode == o.mode && feedback == o.feedback;
    }
  };
  std::vector<Scanner> scanners;

  // Over-the-air updates. `hawkbit` is the fleet manager this device polls (Eclipse hawkBit,
  // DDI API); an empty url means none (src/ota/hawkbit/README.md).
  struct Ota {
    struct Hawkbit {
      std::string url;            // https://hawkbit.example.com (no path)
      std::string tenant = "DEFAULT";
      std::string controller_id;  // the target's id in hawkBit
      std::string token_file;     // the target security token, in a file only shelfnode reads
      std::string ca_file;        // private CA bundle; empty = system trust store
    } hawkbit;
  } ota;
};

// Parses config JSON; `origin` names the file in error messages. Errors name the field, what
// was wrong and how to fix it; unknown fields are refused so a typo is never silently ignored.
Result<Config> parse_config(std::string_view json_text, const std::string& origin);

// Reads and parses a config file; a missing file yields the defaults.
Result<Config> load_config(const std::string& path);

// The Wix connection fields `connect` writes. Everything else in the file is kept as the
// owner wrote it.
struct WixConnectionSettings {
  std::string base_url;
  std::string site_id;
  std::string ca_file;
};

// Sets the connection fields in the config file (creating it if missing), checks the result
// parses, and replaces the file atomically (mode 0600).
Status save_wix_connection(const std::string& path, const WixConnectionSettings& settings);

}  // namespace shelfnode
