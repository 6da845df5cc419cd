#pragma once

#include <string>
#include <string_view>

#include "shelfnode/core/status.h"

namespace shelfnode::ota {

// Why a bundle was refused. Each has a stable reason code (refusal_code) that `ota status`
// can keep and a monitoring system can match on; the message beside it is for people and may
// be reworded, the code may not.
enum class Refusal {
  kTrustStoreUnusable,   // the key directory is missing, empty, or holds a key we cannot use
  kBundleUnreadable,     // the bundle folder or one of its files cannot be read
  kSignatureMissing,     // no manifest.json.sig
  kSignatureMalformed,   // manifest.json.sig is not a DER ECDSA signature
  kSignatureNotTrusted,  // a well-formed signature no trusted key verifies
  kManifestMalformed,    // not JSON, a missing/unknown field, a wrong type, a bad value
  kWrongProduct,         // the manifest names another product
  kExpired,              // `expires` is not in the future
  kNotNewer,             // version <= the installed one
  kBelowFloor,           // version < the stored version floor
  kMinVersionNotMet,     // the installed version is below the manifest's min_version
  kPathUnsafe,           // a listed path is absolute, has "..", or is otherwise not plain
  kLinkInBundle,         // a symlink (or another non-regular file) inside the bundle
  kFileUnlisted,         // a file in the bundle that the manifest does not list
  kFileMissing,          // a listed file that is not in the bundle
  kSizeMismatch,         // a listed file whose size differs from the manifest
  kHashMismatch,         // a listed file whose sha256 differs from the manifest
  kTooLarge,             // a download or a tar (entry) past its size cap
  kTarMalformed,         // a bundle tar that is not a plain ustar archive of files and folders
};

// The stable code, e.g. "signature_not_trusted".
const char* refusal_code(Refusal refusal);

// A Status for `refusal`: "bundle refused (<code>): <detail>". The Code is kConfig for the
// trust store (the device's configuration is at fault), kIo for unreadable files, kBadData
// for everything wrong with the bundle itself.
Status refuse(Refusal refusal, const std::string& detail);

// The reason code inside a Status made by refuse(), "" for any other Status.
std::string refusal_code_of(const Status& status);

}  // namespace shelfnode::ota
