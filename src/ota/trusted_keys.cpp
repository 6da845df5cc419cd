#include "shelfnode/ota/trusted_keys.h"

#include <mbedtls/ecp.h>
#include <mbedtls/pk.h>

#include <algorithm>

#include "sha256.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/ota/fs_ops.h"
#include "shelfnode/ota/refusal.h"
#include "small_file.h"

namespace shelfnode::ota {
namespace {

// A PEM public key is a few hundred bytes; anything far larger is not one.
constexpr std::size_t kMaxKeyFileBytes = 16 * 1024;
// A DER ECDSA P-256 signature is at most 72 bytes.
constexpr std::size_t kMaxSignatureBytes = 256;

bool ends_with_pem(const std::string& name) {
  return name.size() > 4 && name.compare(name.size() - 4, 4, ".pem") == 0;
}

Status unusable(const std::string& dir, const std::string& what) {
  return refuse(Refusal::kTrustStoreUnusable, "trusted keys in " + printable(dir) + ": " + what);
}

}  // namespace

void TrustedKeys::PkFree::operator()(mbedtls_pk_context* pk) const {
  mbedtls_pk_free(pk);
  delete pk;
}

Result<TrustedKeys::Key> TrustedKeys::load_key(const std::string& dir,
                                               const std::string& file_name) {
  const std::string path = dir + "/" + file_name;
  Result<SmallFile> file = read_small_file(path, kMaxKeyFileBytes, Links::kFollow);
  if (!file.ok()) return unusable(dir, file.status().message());
  if (file->kind != FileKind::kRegular) {
    return unusable(dir, printable(file_name) + " is not a readable file of at most 16 KiB");
  }
  Key key{file_name, std::unique_ptr<mbedtls_pk_context, PkFree>(new mbedtls_pk_context)};
  mbedtls_pk_init(key.pk.get());
  // mbedTLS wants a PEM buffer's terminating NUL counted in its length.
  std::string pem = std::move(file->bytes);
  pem.push_back('\0');
  const int rc = mbedtls_pk_parse_public_key(
      key.pk.get(), reinterpret_cast<const unsigned char*>(pem.data()), pem.size());
  const std::string fix = ": make it with `openssl ec -in key.pem -pubout -out " +
                          printable(file_name) + "` (src/ota/README.md)";
  if (rc != 0) return unusable(dir, printable(file_name) + " is not a PEM public key" + fix);
  if (mbedtls_pk_get_type(key.pk.get()) != MBEDTLS_PK_ECKEY ||
      mbedtls_pk_ec(*key.pk)->grp.id != MBEDTLS_ECP_DP_SECP256R1) {
    return unusable(dir, printable(file_name) + " is not an ECDSA P-256 (prime256v1) key" + fix);
  }
  return key;
}

Result<TrustedKeys> TrustedKeys::load(const std::string& dir) {
  // A listing that failed half way must not be taken for "no keys": that names the wrong fix.
  Result<std::vector<std::string>> listing = list_directory(dir);
  if (!listing.ok()) {
    return unusable(dir, "not a readable directory (" + listing.status().message() +
                             "): put the release public key(s) there as *.pem "
                             "(src/ota/README.md)");
  }
  std::vector<std::string> names;
  for (const std::string& name : *listing) {
    if (name[0] != '.' && ends_with_pem(name)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  TrustedKeys keys;
  keys.dir_ = dir;
  for (const std::string& name : names) {
    Result<Key> key = load_key(dir, name);
    if (!key.ok()) return key.status();
    keys.keys_.push_back(std::move(key).value());
  }
  if (keys.keys_.empty()) {
    return unusable(dir,
                    "no *.pem public key: without one every bundle would be refused "
                    "(src/ota/README.md, key generation)");
  }
  return keys;
}

Result<std::string> TrustedKeys::verify(std::string_view message,
                                        std::string_view der_signature) const {
  if (der_signature.empty() || der_signature.size() > kMaxSignatureBytes) {
    return refuse(Refusal::kSignatureMalformed,
                  "manifest.json.sig has " + std::to_string(der_signature.size()) +
                      " bytes; a DER ECDSA P-256 signature has 8 to 72: sign with `openssl "
                      "dgst -sha256 -sign key.pem -out manifest.json.sig manifest.json`");
  }
  Sha256Digest digest{};
  SHELFNODE_RETURN_IF_ERROR(sha256_of(message, digest));
  const auto* sig = reinterpret_cast<const unsigned char*>(der_signature.data());
  for (const Key& key : keys_) {
    const int rc = mbedtls_pk_verify(key.pk.get(), MBEDTLS_MD_SHA256, digest.data(), digest.size(),
                                     sig, der_signature.size());
    if (rc == 0) return key.file_name;
    // Only "verify failed" means a well-formed signature by some other key (or over other
    // bytes); every other code is a signature that does not even parse.
    if (rc != MBEDTLS_ERR_ECP_VERIFY_FAILED) {
      return refuse(Refusal::kSignatureMalformed,
                    "manifest.json.sig is not a DER ECDSA signature (as `openssl dgst -sha256 "
                    "-sign` writes it)");
    }
  }
  return refuse(Refusal::kSignatureNotTrusted,
                "manifest.json.sig verifies with none of the " + std::to_string(keys_.size()) +
                    " trusted key(s) in " + printable(dir_) +
                    ": the bundle was signed by a key this device does not trust (install its "
                    "public key there, or re-sign with a trusted one), or manifest.json was "
                    "changed after signing");
}

}  // namespace shelfnode::ota
