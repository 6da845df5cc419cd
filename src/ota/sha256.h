#pragma once

#include <mbedtls/sha256.h>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "shelfnode/core/result.h"

namespace shelfnode::ota {

using Sha256Digest = std::array<unsigned char, 32>;

// Streaming SHA-256 (mbedTLS), owning its context: feed chunks, then finish once.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  Status update(const unsigned char* data, std::size_t size);
  Status finish(Sha256Digest& out);

 private:
  mbedtls_sha256_context ctx_;
  Status started_;
};

// The digest of `bytes` in one call.
Status sha256_of(std::string_view bytes, Sha256Digest& out);

// Lower-case hex, as sha256sum prints it.
std::string to_hex(const Sha256Digest& digest);

}  // namespace shelfnode::ota
