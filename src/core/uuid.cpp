#include "shelfnode/core/uuid.h"

#include <sys/random.h>

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace shelfnode {

UuidGenerator::UuidGenerator(const Clock& clock) : clock_(clock) {}

Result<std::unique_ptr<UuidGenerator>> UuidGenerator::create() {
  static const SystemClock kSystemClock;
  return create(kSystemClock);
}

Result<std::unique_ptr<UuidGenerator>> UuidGenerator::create(const Clock& clock) {
  // Asked once here, so a kernel without getrandom(2) (older than 3.17) or a seccomp filter
  // refusing it is said at start-up, not at the first scan.
  unsigned char probe[1];
  if (getrandom(probe, sizeof probe, 0) != 1) {
    return internal_error(std::string("the system random source is not available (getrandom: ") +
                          std::strerror(errno) + "): shelfnode needs Linux 3.17 or later");
  }
  return std::unique_ptr<UuidGenerator>(new UuidGenerator(clock));
}

Result<std::string> UuidGenerator::next() {
  unsigned char b[16];
  // Without GRND_NONBLOCK: before the kernel's pool is first initialised (early boot) this
  // waits for it rather than hand out guessable ids; after that it never blocks.
  ssize_t got = -1;
  do {
    got = getrandom(b, sizeof b, 0);
  } while (got < 0 && errno == EINTR);
  if (got != static_cast<ssize_t>(sizeof b)) {
    return internal_error(std::string("reading the system random source failed (getrandom: ") +
                          (got < 0 ? std::strerror(errno) : "short read") + ")");
  }
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
