#pragma once

#include <memory>
#include <string>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/result.h"

namespace shelfnode {

// Time-ordered (version 7, RFC 9562) UUIDs: 48 bits of Unix milliseconds, then 74 random bits
// from mbedTLS's CTR_DRBG seeded by the platform entropy source. Time order keeps the ledger's
// unique index append-only, so a commit touches one index page instead of a random one.
// One generator per process; it owns its mbedTLS contexts.
class UuidGenerator {
 public:
  static Result<std::unique_ptr<UuidGenerator>> create(const Clock& clock);
  static Result<std::unique_ptr<UuidGenerator>> create();  // on the system clock
  ~UuidGenerator();
  UuidGenerator(const UuidGenerator&) = delete;
  UuidGenerator& operator=(const UuidGenerator&) = delete;

  // "019ab3c2-5f10-7e6f-8b21-0c5d7e9fa123" (lower case, 36 characters).
  Result<std::string> next();

 private:
  struct Contexts;
  UuidGenerator(std::unique_ptr<Contexts> ctx, const Clock& clock);
  std::unique_ptr<Contexts> ctx_;
  const Clock& clock_;
};

bool is_uuid(const std::string& text);

}  // namespace shelfnode
