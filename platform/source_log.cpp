#include "source_log.h"

#include <cerrno>
#include <string>

#include "shelfnode/core/logger.h"

namespace shelfnode::platform {

void log_refusals(std::string_view scanner, const std::vector<Scan>& scans, std::size_t from) {
  for (std::size_t i = from; i < scans.size(); ++i) {
    if (scans[i].refused()) {
      log_warn("scanner.refused", {{"scanner", std::string(scanner)}, {"reason", scans[i].refusal}});
    }
  }
}

bool device_absent(int err) {
  return err == ENOENT || err == ENODEV || err == ENXIO || err == ENOTDIR;
}

}  // namespace shelfnode::platform
