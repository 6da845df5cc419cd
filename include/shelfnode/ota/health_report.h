#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shelfnode/core/result.h"

namespace shelfnode::ota {

// What the daemon says about its own start, in the data dir (DATA_DIR/ota-health.json): it
// runs as the service's user, which may not write the install root, so it reports and the
// boot check and `ota mark-good --if-healthy` (both root) act on the report.
struct HealthReport {
  std::string slot;     // the slot the daemon ran from (factory, a, b)
  std::string version;  // its version
  bool ok = false;      // up: data dir open, migrations applied, config valid, loop running
  std::string reason;   // why not, when !ok
  std::int64_t at_ms = 0;
};

std::string health_report_path(const std::string& data_dir);
// None when there is no report, or one this build cannot read (it then counts as none).
std::optional<HealthReport> read_health_report(const std::string& data_dir);
// The file's text, as read_health_report reads it.
std::optional<HealthReport> parse_health_report(std::string_view text);
Status write_health_report(const std::string& data_dir, const HealthReport& report);

}  // namespace shelfnode::ota
