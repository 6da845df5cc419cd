#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "shelfnode/core/result.h"

struct mbedtls_pk_context;

namespace shelfnode::ota {

// The release keys this device trusts: every `*.pem` (an ECDSA P-256 public key, as
// `openssl ec -pubout` writes it) in one directory, e.g. /etc/shelfnode/ota-keys. Several
// keys at once is how a key is rotated: ship the new one beside the old, sign with the new,
// then remove the old (src/ota/README.md).
class TrustedKeys {
 public:
  // Loads every *.pem in `dir`, in name order. Fails closed: a missing or empty directory, or
  // one file that is not a P-256 public key, is a kTrustStoreUnusable refusal naming it, so a
  // broken trust store is noticed at once instead of quietly trusting fewer keys.
  static Result<TrustedKeys> load(const std::string& dir);

  // The file name (e.g. "release-2027.pem") of the key whose ECDSA signature `der_signature`
  // (DER, as `openssl dgst -sha256 -sign` writes it) verifies over SHA-256(`message`).
  // kSignatureMalformed if it is not a DER ECDSA signature at all, kSignatureNotTrusted if
  // no trusted key verifies it (signed by another key, or the message changed).
  Result<std::string> verify(std::string_view message, std::string_view der_signature) const;

  const std::string& dir() const { return dir_; }
  std::size_t size() const { return keys_.size(); }

 private:
  struct PkFree {
    void operator()(mbedtls_pk_context* pk) const;
  };
  struct Key {
    std::string file_name;
    std::unique_ptr<mbedtls_pk_context, PkFree> pk;
  };

  TrustedKeys() = default;  // only load() makes one, so none is ever empty
  static Result<Key> load_key(const std::string& dir, const std::string& file_name);

  std::string dir_;
  std::vector<Key> keys_;
};

}  // namespace shelfnode::ota
