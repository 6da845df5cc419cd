#include "shelfnode/core/uuid.h"

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>

#include <cctype>
#include <cstdint>
#include <cstdio>

namespace shelfnode {

struct UuidGenerator::Contexts {
  mbedtls_entropy_context entropy;
  mbedtls_ctr_drbg_context drbg;
  Contexts() {
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
  }
  ~Contexts() {
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
  }
  Contexts(const Contexts&) = delete;
  Contexts& operator=(const Contexts&) = delete;
};

UuidGenerator::UuidGenerator(std::unique_ptr<Contexts> ctx, const Clock& clock)
    : ctx_(std::move(ctx)), clock_(clock) {}
UuidGenerator::~UuidGenerator() = default;

Result<std::unique_ptr<UuidGenerator>> UuidGenerator::create() {
  static const SystemClock kSystemClock;
  return create(kSystemClock);
}

Result<std::unique_ptr<UuidGenerator>> UuidGenerator::create(const Clock& clock) {
  auto ctx = std::make_unique<Contexts>();
  static const unsigned char kPersonalisation[] = "shelfnode-uuid";
  int rc = mbedtls_ctr_drbg_seed(&ctx->drbg, mbedtls_entropy_func, &ctx->entropy, kPersonalisation,
                                 sizeof kPersonalisation - 1);
  if (rc != 0) {
    return internal_error("seeding the random generator failed (mbedtls " + std::to_string(rc) +
                          "): the system entropy source is not available");
  }
  return std::unique_ptr<UuidGenerator>(new UuidGenerator(std::move(ctx), clock));
}

Result<std::string> UuidGenerator::next() {
  unsigned char b[16];
  int rc = mbedtls_ctr_drbg_random(&ctx_->drbg, b, sizeof b);
  if (rc != 0)
    return internal_error("random generator failed (mbedtls " + std::to_string(rc) + ")");
  const auto ms = static_cast<std::uint64_t>(clock_.now_ms());
  for (int i = 0; i < 6; ++i) b[i] = static_cast<unsigned char>(ms >> (40 - 8 * i));
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x70);  // version 7
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  char out[37];
  std::snprintf(out, sizeof out,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return std::string(out);
}

bool is_uuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

}  // namespace shelfnode
