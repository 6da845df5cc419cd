#include "shelfnode/ota/verify_bundle.h"

#include "bundle_tree.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/ota/refusal.h"
#include "small_file.h"

namespace shelfnode::ota {
namespace {

// Far above any real manifest (a few hundred bytes per file), and a bound on what is read
// before the signature is checked.
constexpr std::size_t kMaxManifestBytes = 1024 * 1024;
constexpr std::size_t kMaxSignatureFileBytes = 4096;

Result<std::string> read_bundle_file(const std::string& bundle_dir, const char* name,
                                     std::size_t max_bytes, Refusal when_missing) {
  const std::string path = bundle_dir + "/" + name;
  Result<SmallFile> file = read_small_file(path, max_bytes, Links::kRefuse);
  if (!file.ok()) return refuse(Refusal::kBundleUnreadable, file.status().message());
  switch (file->kind) {
    case FileKind::kRegular:
      return std::move(file->bytes);
    case FileKind::kMissing:
      return refuse(when_missing, std::string(name) + " is missing from " + printable(bundle_dir) +
                                      ": a bundle is manifest.json, manifest.json.sig and the "
                                      "files; build it with tools/ota-bundle.sh");
    case FileKind::kLink:
      return refuse(Refusal::kLinkInBundle, std::string(name) + " is a symbolic link");
    case FileKind::kNotRegular:
      return refuse(Refusal::kLinkInBundle, std::string(name) + " is not a regular file");
    case FileKind::kTooLarge:
      break;
  }
  return refuse(when_missing == Refusal::kSignatureMissing ? Refusal::kSignatureMalformed
                                                           : Refusal::kManifestMalformed,
                std::string(name) + " is larger than " + std::to_string(max_bytes) + " bytes");
}

Status check_versions(const Manifest& m, const DeviceVersions& device, const Clock& clock) {
  if (m.name != device.product) {
    return refuse(Refusal::kWrongProduct, "the bundle is for '" + printable(m.name) +
                                              "', this device runs '" + device.product + "'");
  }
  const std::int64_t now = clock.now_ms();
  if (now >= m.expires_ms) {
    return refuse(Refusal::kExpired,
                  "the manifest expired at " + format_utc_ms(m.expires_ms) + " (now " +
                      format_utc_ms(now) +
                      "): ask for a freshly signed bundle, or check the device's clock");
  }
  const std::string v = m.version.to_string();
  if (m.version <= device.installed) {
    return refuse(Refusal::kNotNewer, "version " + v + " is not newer than the installed " +
                                          device.installed.to_string() +
                                          ": only upgrades are installed");
  }
  if (device.floor && m.version < *device.floor) {
    return refuse(Refusal::kBelowFloor,
                  "version " + v + " is below the version floor " + device.floor->to_string() +
                      " (a newer version was already marked good here): install " +
                      device.floor->to_string() + " or later");
  }
  if (m.min_version && device.installed < *m.min_version) {
    return refuse(Refusal::kMinVersionNotMet,
                  "version " + v + " needs " + m.min_version->to_string() +
                      " or later installed first; this device runs " +
                      device.installed.to_string() + ": install an intermediate release");
  }
  return Status::Ok();
}

Status check_contents(const std::string& bundle_dir, const Manifest& m) {
  Result<std::set<std::string>> present = list_bundle_files(bundle_dir);
  if (!present.ok()) return present.status();
  std::set<std::string> listed;
  for (const ManifestFile& f : m.files) listed.insert(f.path);
  for (const std::string& path : *present) {
    if (listed.count(path) == 0) {
      return refuse(Refusal::kFileUnlisted,
                    printable(path) +
                        " is in the bundle but not in its manifest: something was added after "
                        "signing; copy the bundle again as it was published");
    }
  }
  for (const ManifestFile& f : m.files) SHELFNODE_RETURN_IF_ERROR(check_listed_file(bundle_dir, f));
  return Status::Ok();
}

}  // namespace

Result<VerifiedBundle> verify_manifest(std::string_view manifest_bytes, std::string_view signature,
                                       const TrustedKeys& keys, const DeviceVersions& device,
                                       const Clock& clock) {
  if (manifest_bytes.size() > kMaxManifestBytes) {
    return refuse(Refusal::kManifestMalformed,
                  "manifest.json is larger than " + std::to_string(kMaxManifestBytes) + " bytes");
  }
  if (signature.size() > kMaxSignatureFileBytes) {
    return refuse(
        Refusal::kSignatureMalformed,
        "manifest.json.sig is larger than " + std::to_string(kMaxSignatureFileBytes) + " bytes");
  }
  // Nothing of the manifest is parsed before its exact bytes verify: a parser bug can then
  // only be reached by someone holding a release key.
  Result<std::string> key_file = keys.verify(manifest_bytes, signature);
  if (!key_file.ok()) return key_file.status();

  Result<Manifest> manifest = parse_manifest(manifest_bytes);
  if (!manifest.ok()) return manifest.status();
  SHELFNODE_RETURN_IF_ERROR(check_versions(*manifest, device, clock));
  return VerifiedBundle{std::move(manifest).value(), std::move(key_file).value()};
}

Result<VerifiedBundle> verify_bundle(const std::string& bundle_dir, const TrustedKeys& keys,
                                     const DeviceVersions& device, const Clock& clock) {
  Result<std::string> manifest_bytes =
      read_bundle_file(bundle_dir, "manifest.json", kMaxManifestBytes, Refusal::kManifestMalformed);
  if (!manifest_bytes.ok()) return manifest_bytes.status();
  Result<std::string> signature = read_bundle_file(
      bundle_dir, "manifest.json.sig", kMaxSignatureFileBytes, Refusal::kSignatureMissing);
  if (!signature.ok()) return signature.status();
  Result<VerifiedBundle> verified =
      verify_manifest(*manifest_bytes, *signature, keys, device, clock);
  if (!verified.ok()) return verified.status();
  SHELFNODE_RETURN_IF_ERROR(check_contents(bundle_dir, verified->manifest));
  return verified;
}

}  // namespace shelfnode::ota
