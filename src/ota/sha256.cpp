#include "sha256.h"

namespace shelfnode::ota {

Sha256::Sha256() {
  mbedtls_sha256_init(&ctx_);
  if (mbedtls_sha256_starts_ret(&ctx_, /*is224=*/0) != 0) {
    started_ = internal_error("mbedTLS could not start a SHA-256");
  }
}

Sha256::~Sha256() {
  mbedtls_sha256_free(&ctx_);
}

Status Sha256::update(const unsigned char* data, std::size_t size) {
  SHELFNODE_RETURN_IF_ERROR(started_);
  if (mbedtls_sha256_update_ret(&ctx_, data, size) != 0) {
    return internal_error("mbedTLS failed to hash a chunk (SHA-256)");
  }
  return Status::Ok();
}

Status Sha256::finish(Sha256Digest& out) {
  SHELFNODE_RETURN_IF_ERROR(started_);
  if (mbedtls_sha256_finish_ret(&ctx_, out.data()) != 0) {
    return internal_error("mbedTLS failed to finish a SHA-256");
  }
  return Status::Ok();
}

Status sha256_of(std::string_view bytes, Sha256Digest& out) {
  Sha256 hash;
  SHELFNODE_RETURN_IF_ERROR(
      hash.update(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()));
  return hash.finish(out);
}

std::string to_hex(const Sha256Digest& digest) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (unsigned char b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 0x0f];
  }
  return out;
}

}  // namespace shelfnode::ota
