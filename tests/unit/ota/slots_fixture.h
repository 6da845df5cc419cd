#pragma once

#include <map>
#include <optional>
#include <string>

#include "bundle_fixture.h"
#include "shelfnode/ota/boot_check.h"
#include "shelfnode/ota/installer.h"
#include "shelfnode/ota/ota_state.h"

namespace shelfnode::ota::testing {

// An install root in the test's temp folder, as the Debian package leaves it: factory 1.0.0
// (bin/shelfnode and VERSION) and `current -> factory`; the release key trusted. Bundles are
// built from BundleFixture's staged tree (bin/shelfnode, share/config.example.json, and a
// 200 KiB share/catalog.bin), each version once.
class SlotsFixture : public BundleFixture {
 protected:
  SlotsFixture();

  const InstallRoot& root() const { return root_; }
  std::string bundle(const std::string& version);
  Result<InstallReport> install(const std::string& version, FsOps& fs = system_fs());
  BootCheckReport boot(const std::optional<HealthReport>& health = std::nullopt,
                       FsOps& fs = system_fs());
  OtaState state();
  std::string current();  // what `current` names, "" when it is broken
  void set_factory_version(const std::string& version);
  // A passed health check of `slot` as its daemon reports it.
  HealthReport healthy(const std::string& slot, const std::string& version);
  // Every file the slot's manifest lists is there with its size and SHA-256.
  ::testing::AssertionResult whole(const std::string& slot);

  InstallRoot root_;

 private:
  std::map<std::string, std::string> bundles_by_version_;
};

}  // namespace shelfnode::ota::testing
