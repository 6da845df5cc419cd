#include "shelfnode/ota/refusal.h"

namespace shelfnode::ota {
namespace {

constexpr std::string_view kPrefix = "bundle refused (";

Code code_for(Refusal refusal) {
  switch (refusal) {
    case Refusal::kTrustStoreUnusable:
      return Code::kConfig;
    case Refusal::kBundleUnreadable:
      return Code::kIo;
    default:
      return Code::kBadData;
  }
}

}  // namespace

const char* refusal_code(Refusal refusal) {
  switch (refusal) {
    case Refusal::kTrustStoreUnusable:
      return "trust_store_unusable";
    case Refusal::kBundleUnreadable:
      return "bundle_unreadable";
    case Refusal::kSignatureMissing:
      return "signature_missing";
    case Refusal::kSignatureMalformed:
      return "signature_malformed";
    case Refusal::kSignatureNotTrusted:
      return "signature_not_trusted";
    case Refusal::kManifestMalformed:
      return "manifest_malformed";
    case Refusal::kWrongProduct:
      return "wrong_product";
    case Refusal::kExpired:
      return "manifest_expired";
    case Refusal::kNotNewer:
      return "version_not_newer";
    case Refusal::kBelowFloor:
      return "version_below_floor";
    case Refusal::kMinVersionNotMet:
      return "min_version_not_met";
    case Refusal::kPathUnsafe:
      return "path_unsafe";
    case Refusal::kLinkInBundle:
      return "link_in_bundle";
    case Refusal::kFileUnlisted:
      return "file_unlisted";
    case Refusal::kFileMissing:
      return "file_missing";
    case Refusal::kSizeMismatch:
      return "size_mismatch";
    case Refusal::kHashMismatch:
      return "hash_mismatch";
    case Refusal::kTooLarge:
      return "too_large";
    case Refusal::kTarMalformed:
      return "tar_malformed";
  }
  return "unknown";
}

Status refuse(Refusal refusal, const std::string& detail) {
  return Status(code_for(refusal), std::string(kPrefix) + refusal_code(refusal) + "): " + detail);
}

std::string refusal_code_of(const Status& status) {
  const std::string& m = status.message();
  // find, not a prefix test: with_context() may have put context in front.
  const std::size_t open = status.ok() ? std::string::npos : m.find(kPrefix);
  if (open == std::string::npos) return "";
  const std::size_t start = open + kPrefix.size();
  const std::size_t close = m.find(')', start);
  return close == std::string::npos ? "" : m.substr(start, close - start);
}

}  // namespace shelfnode::ota
