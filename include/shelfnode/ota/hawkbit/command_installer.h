#pragma once

#include <string>
#include <vector>

#include "shelfnode/ota/hawkbit/ports.h"
#include "shelfnode/wix/curl_transport.h"

namespace shelfnode::ota::hawkbit {

// Runs `argv` + the bundle folder (no shell); exit 0 is installed, anything else a refusal
// whose text is the program's last stderr line(s).
class CommandInstaller final : public Installer {
 public:
  explicit CommandInstaller(std::vector<std::string> argv) : argv_(std::move(argv)) {}
  Status install(const std::string& bundle_dir) override;

 private:
  std::vector<std::string> argv_;
};

}  // namespace shelfnode::ota::hawkbit

#include "shelfnode/core/clock.h"
#include "shelfnode/ota/verify_bundle.h"

namespace shelfnode::ota::hawkbit {

// Checks our signature and the bundle (verify_bundle, against the trusted key folder) before
// handing it to `next`; a refusal stops it there with verify_bundle's reason.
class VerifyingInstaller final : public Installer {
 public:
  VerifyingInstaller(std::string keys_dir, DeviceVersions device, const Clock& clock,
                     Installer* next)
      : keys_dir_(std::move(keys_dir)), device_(std::move(device)), clock_(clock), next_(next) {}
  Status install(const std::string& bundle_dir) override;

 private:
  std::string keys_dir_;
  DeviceVersions device_;
  const Clock& clock_;
  Installer* next_;
};

}  // namespace shelfnode::ota::hawkbit
