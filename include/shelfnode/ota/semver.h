#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shelfnode/core/result.h"

namespace shelfnode::ota {

// A version as semver.org 2.0.0 defines it: MAJOR.MINOR.PATCH[-PRE.RELEASE][+BUILD].
// Build metadata is kept for display only: it never takes part in precedence.
struct Semver {
  std::uint64_t major = 0;
  std::uint64_t minor = 0;
  std::uint64_t patch = 0;
  std::vector<std::string> pre_release;  // dot-separated identifiers, in order
  std::string build;                     // without the '+'

  std::string to_string() const;
};

// Parses the exact text of a version (no leading 'v', no spaces). kBadData saying which rule
// of semver.org the text breaks, e.g. "1.02.0: numeric part '02' has a leading zero".
Result<Semver> parse_semver(std::string_view text);

// Precedence per semver.org §11: negative if a < b, 0 if equal, positive if a > b.
int compare_precedence(const Semver& a, const Semver& b);

inline bool operator<(const Semver& a, const Semver& b) {
  return compare_precedence(a, b) < 0;
}
inline bool operator<=(const Semver& a, const Semver& b) {
  return compare_precedence(a, b) <= 0;
}

}  // namespace shelfnode::ota
