#pragma once

#include <memory>
#include <string>

#include "shelfnode/core/result.h"

namespace shelfnode {

// Random (version 4) UUIDs from mbedTLS's CTR_DRBG seeded by the platform entropy source.
// One generator per process; it owns its mbedTLS contexts.
class UuidGenerator {
 public:
  static Result<std::unique_ptr<UuidGenerator>> create();
  ~UuidGenerator();
  UuidGenerator(const UuidGenerator&) = delete;
  UuidGenerator& operator=(const UuidGenerator&) = delete;

  // "3f2b8c1e-9a4d-4e6f-8b21-0c5d7e9fa123" (lower case, 36 characters).
  Result<std::string> next();

 private:
  struct Contexts;
  explicit UuidGenerator(std::unique_ptr<Contexts> ctx);
  std::unique_ptr<Contexts> ctx_;
};

bool is_uuid(const std::string& text);

}  // namespace shelfnode
