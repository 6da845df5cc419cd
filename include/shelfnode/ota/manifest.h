#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shelfnode/core/result.h"
#include "shelfnode/ota/semver.h"

namespace shelfnode::ota {

// One file the bundle carries, relative to the bundle folder.
struct ManifestFile {
  std::string path;    // "bin/shelfnode": plain relative, checked by check_bundle_path
  std::uint64_t size;  // bytes
  std::string sha256;  // 64 lower-case hex digits
};

// manifest.json, format 1 (src/ota/README.md). Every field is checked for type and value and
// an unknown field is refused, so nothing the signer wrote is silently ignored.
struct Manifest {
  std::string name;  // the product, "shelfnode"
  Semver version;
  std::int64_t expires_ms = 0;  // UTC, ms since the epoch
  std::optional<Semver> min_version;
  std::vector<ManifestFile> files;
};

// The one supported value of the manifest's "format" field.
inline constexpr int kManifestFormat = 1;

// Parses manifest text that has already passed signature verification. Errors are refusals
// (kManifestMalformed, or kPathUnsafe for a listed path) naming the field and the fix.
Result<Manifest> parse_manifest(std::string_view text);

// Whether `path` is a plain relative path inside the bundle: not empty, not absolute, no "."
// or ".." component, no empty component ("a//b", trailing '/'), no backslash or control
// character, not one of the bundle's own files (manifest.json, manifest.json.sig).
// A kPathUnsafe refusal naming the path and the rule otherwise.
Status check_bundle_path(std::string_view path);

}  // namespace shelfnode::ota
