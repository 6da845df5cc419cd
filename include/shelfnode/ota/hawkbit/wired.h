#pragma once

#include <string>

#include "shelfnode/core/clock.h"
#include "shelfnode/ota/hawkbit/ports.h"
#include "shelfnode/ota/install_root.h"

namespace shelfnode::ota::hawkbit {

// The client's two seams wired to the real parts: artifacts come through
// download_resumable (one Range per request, a partial that survives a reboot, so a rollout
// on a flaky shop line resumes on the next poll instead of starting over), and a bundle goes
// into the A/B slots through install_bundle (which checks our signature first).
class ResumableFetcher final : public ArtifactFetcher {
 public:
  explicit ResumableFetcher(std::string ca_file) : ca_file_(std::move(ca_file)) {}
  Status fetch(const ArtifactRequest& request) override;

 private:
  std::string ca_file_;
};

class SlotInstaller final : public Installer {
 public:
  SlotInstaller(InstallRoot root, std::string keys_dir, const Clock& clock)
      : root_(std::move(root)), keys_dir_(std::move(keys_dir)), clock_(clock) {}
  Status install(const std::string& bundle_dir) override;

 private:
  InstallRoot root_;
  std::string keys_dir_;
  const Clock& clock_;
};

}  // namespace shelfnode::ota::hawkbit
