#pragma once

#include <memory>
#include <string>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/result.h"

namespace shelfnode {

// Time-ordered (version 7, RFC 9562) UUIDs: 48 bits of Unix milliseconds, then 74 random bits
// from the kernel's CSPRNG (getrandom(2)). Time order keeps the ledger's unique index
// append-only, so a commit touches one index page instead of a random one. The kernel's
// generator rather than a user-space DRBG: nothing to seed or reseed, nothing duplicated by a
// fork, and the daemon that acknowledges scans maps no crypto library (its RSS).
class UuidGenerator {
 public:
  static Result<std::unique_ptr<UuidGenerator>> create(const Clock& clock);
  static Result<std::unique_ptr<UuidGenerator>> create();  // on the system clock
  UuidGenerator(const UuidGenerator&) = delete;
  UuidGenerator& operator=(const UuidGenerator&) = delete;

  // "019ab3c2-5f10-7e6f-8b21-0c5d7e9fa123" (lower case, 36 characters).
  Result<std::string> next();

 private:
  explicit UuidGenerator(const Clock& clock);
  const Clock& clock_;
};

bool is_uuid(const std::string& text);

}  // namespace shelfnode
