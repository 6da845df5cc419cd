#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/result.h"
#include "shelfnode/ota/manifest.h"
#include "shelfnode/ota/semver.h"
#include "shelfnode/ota/trusted_keys.h"

namespace shelfnode::ota {

// What the device knows about itself when it judges a bundle.
struct DeviceVersions {
  std::string product = "shelfnode";  // a bundle must name this product
  Semver installed;                   // the version running now
  // The version floor kept outside the slots (it rises when a slot is marked good, never
  // falls): a bundle below it is refused even when the running slot is older, e.g. after a
  // rollback. None on a device that never marked a slot good.
  std::optional<Semver> floor;
};

struct VerifiedBundle {
  Manifest manifest;
  std::string key_file;  // the trusted key that signed it, e.g. "release-2027.pem"
};

// Checks a bundle folder before anything of it is installed, in the order of
// src/ota/README.md: signature over the exact manifest bytes (before a byte of them is
// parsed), then the manifest, then freshness and versions, then the folder's contents and
// each file's size and streamed SHA-256. The first failure is returned as a refusal
// (refusal.h) naming what was wrong; nothing is written anywhere.
Result<VerifiedBundle> verify_bundle(const std::string& bundle_dir, const TrustedKeys& keys,
                                     const DeviceVersions& device, const Clock& clock);

// The manifest steps of verify_bundle alone (bounded sizes, signature, strict parse,
// freshness and versions) on bytes fetched from elsewhere, e.g. a bundle folder on an HTTPS
// host: so nothing else of a bundle is downloaded before its manifest is known good.
Result<VerifiedBundle> verify_manifest(std::string_view manifest_bytes, std::string_view signature,
                                       const TrustedKeys& keys, const DeviceVersions& device,
                                       const Clock& clock);

}  // namespace shelfnode::ota
