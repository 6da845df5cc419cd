#pragma once

// Shared by every harness under tests/fuzz: how a broken invariant is reported, and the two
// switches that say which checks are on while known defects are being fixed elsewhere.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "shelfnode/core/status.h"

// 1: every Status message a parser returns must already be one line of printable text. Off:
// messages carry the input's bytes as they were and are escaped where they leave the
// process (core::printable in cli::fail, scan replies and the logger; the TerminalSafety
// integration tests hold that boundary), so a library message may still hold them.
#ifndef SHELFNODE_FUZZ_STRICT_MESSAGES
#define SHELFNODE_FUZZ_STRICT_MESSAGES 0
#endif

// 0: no input is skipped. While a defect a harness found is being fixed, a harness may skip
// the inputs that hit it under 1, so CI reports only new findings (tests/fuzz/README.md).
#ifndef SHELFNODE_FUZZ_TOLERATE_KNOWN_DEFECTS
#define SHELFNODE_FUZZ_TOLERATE_KNOWN_DEFECTS 0
#endif

namespace shelfnode::fuzz {

// A trap, not an exception or exit(): libFuzzer treats it as a crash and keeps the input.
[[noreturn]] inline void broken(const char* what, const char* file, int line) {
  std::fprintf(stderr, "==fuzz== invariant broken at %s:%d: %s\n", file, line, what);
  std::fflush(stderr);
  __builtin_trap();
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

inline bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// One line of text: no byte below 0x20 and no DEL. Bytes above 0x7F (UTF-8) are allowed.
inline bool is_printable_line(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return false;
  }
  return true;
}

// A valid GTIN-14: 14 digits whose last is the GS1 mod-10 check digit of the first 13.
// Written here rather than calling scan::gtin_check_digit, so the check does not trust the
// code under test.
inline bool is_valid_gtin14(std::string_view s) {
  if (s.size() != 14 || !is_digits(s)) return false;
  int sum = 0;
  for (std::size_t i = 0; i < 13; ++i) sum += (s[i] - '0') * (i % 2 == 0 ? 3 : 1);
  return (10 - sum % 10) % 10 == s[13] - '0';
}

}  // namespace shelfnode::fuzz

#define FUZZ_CHECK(cond)                                               \
  do {                                                                 \
    if (!(cond)) ::shelfnode::fuzz::broken(#cond, __FILE__, __LINE__); \
  } while (0)

// Every refusal explains itself; with strict messages on, in one printable line.
#define FUZZ_CHECK_MESSAGE(status)                                         \
  do {                                                                     \
    const ::shelfnode::Status& fuzz_s_ = (status);                         \
    FUZZ_CHECK(!fuzz_s_.ok());                                             \
    FUZZ_CHECK(!fuzz_s_.message().empty());                                \
    if (SHELFNODE_FUZZ_STRICT_MESSAGES) {                                  \
      FUZZ_CHECK(::shelfnode::fuzz::is_printable_line(fuzz_s_.message())); \
    }                                                                      \
  } while (0)
