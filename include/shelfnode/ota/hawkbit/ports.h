#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "shelfnode/core/status.h"

namespace shelfnode::ota::hawkbit {

// The two seams the hawkBit client works through, so the resumable downloader and the A/B
// installer plug in without the client knowing them.

struct ArtifactRequest {
  std::string url;
  std::string dest;  // the file to leave the artifact in
  std::uint64_t size = 0;
  std::string sha256;  // lower-case hex, as hawkBit sent them (sha1/md5 may be empty)
  std::string sha1;
  std::string md5;
  // {"Authorization", "TargetToken …"} when the artifact lives on the controller; empty for
  // another host (a CDN must not see the token).
  std::vector<std::pair<std::string, std::string>> headers;
};

class ArtifactFetcher {
 public:
  virtual ~ArtifactFetcher() = default;
  // Leaves the artifact at request.dest. The client checks size and SHA-256 itself after
  // this returns, whatever the fetcher did.
  virtual Status fetch(const ArtifactRequest& request) = 0;
};

class Installer {
 public:
  virtual ~Installer() = default;
  // Installs the bundle folder (which checks our signature first). A refusal's message is
  // what hawkBit is told in the failure feedback's details.
  virtual Status install(const std::string& bundle_dir) = 0;
};

}  // namespace shelfnode::ota::hawkbit
