#pragma once

#include <cstdint>
#include <string>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/result.h"
#include "shelfnode/ota/bundle_tar.h"
#include "shelfnode/ota/download.h"
#include "shelfnode/ota/verify_bundle.h"

namespace shelfnode::ota {

struct FetchOptions {
  // TLS, extra headers, retries and progress for every download; expected_size,
  // expected_sha256 and max_bytes are set per file from the manifest.
  DownloadOptions download;
  // The whole bundle: the tar, or the sum of the sizes a manifest lists.
  std::uint64_t max_bundle_bytes = 1ull << 30;
  TarLimits tar;
};

struct FetchedBundle {
  std::string bundle_dir;  // STAGING/bundle: the checked bundle folder, for the installer
  VerifiedBundle verified;
  DownloadStats totals;  // summed over every download (requests, bytes, restarts)
};

// Brings the bundle at `url` into `staging_dir` (created 0700 when missing; a later call
// with the same staging folder resumes what an interrupted one left) and checks it with
// verify_bundle() before handing it on. `url` is either
//  - a bundle folder (https://host/releases/1.4.0/): manifest.json and manifest.json.sig are
//    fetched first and verify_manifest() passes (signature, freshness, versions) before any
//    listed file is requested; then each listed file is downloaded resumably with its size
//    as the cap and its SHA-256 checked, into STAGING/bundle; or
//  - a single tar (a path ending in ".tar"): downloaded resumably (capped at
//    max_bundle_bytes) to STAGING/bundle.tar, then unpacked strictly (unpack_bundle_tar) into
//    a fresh STAGING/bundle.
// Errors are those of download_resumable (kTemporary: run again to resume) and the
// refusals of verify_bundle/unpack_bundle_tar (kBadData, nothing of the bundle kept).
Result<FetchedBundle> fetch_bundle(const std::string& url, const std::string& staging_dir,
                                   const TrustedKeys& keys, const DeviceVersions& device,
                                   const Clock& clock, const FetchOptions& options = {});

}  // namespace shelfnode::ota
