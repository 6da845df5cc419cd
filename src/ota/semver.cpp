#include "shelfnode/ota/semver.h"

#include <algorithm>
#include <limits>

#include "shelfnode/core/printable.h"

namespace shelfnode::ota {
namespace {

bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// semver.org §9/§10: identifiers are [0-9A-Za-z-]+.
bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok =
        (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::vector<std::string_view> split_dots(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = s.find('.', start);
    parts.push_back(s.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

Status refuse(std::string_view text, const std::string& why) {
  return bad_data("'" + printable(text) + "' is not a semantic version (" + why +
                  "; e.g. 1.4.0 or 1.4.0-rc.1)");
}

Status read_number(std::string_view text, std::string_view part, std::uint64_t& out) {
  if (!is_digits(part)) {
    return refuse(text, "MAJOR.MINOR.PATCH must be three numbers, got '" + printable(part) + "'");
  }
  if (part.size() > 1 && part[0] == '0') {
    return refuse(text, "number '" + std::string(part) + "' has a leading zero");
  }
  out = 0;
  for (char c : part) {
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (out > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) {
      return refuse(text, "number '" + std::string(part) + "' is too large");
    }
    out = out * 10 + digit;
  }
  return Status::Ok();
}

// Numeric identifiers have no leading zeros, so the longer one is the larger; this never
// overflows, however long the identifier is.
int compare_numeric(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

int compare_identifier(std::string_view a, std::string_view b) {
  const bool a_num = is_digits(a);
  const bool b_num = is_digits(b);
  if (a_num && b_num) return compare_numeric(a, b);
  if (a_num != b_num) return a_num ? -1 : 1;  // §11.4.3: numeric sorts below alphanumeric
  const int c = a.compare(b);                 // §11.4.2: ASCII order
  return c < 0 ? -1 : (c == 0 ? 0 : 1);
}

int compare_number(std::uint64_t a, std::uint64_t b) {
  return a < b ? -1 : (a == b ? 0 : 1);
}

}  // namespace

std::string Semver::to_string() const {
  std::string out =
      std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  for (std::size_t i = 0; i < pre_release.size(); ++i) {
    out += (i == 0 ? "-" : ".") + pre_release[i];
  }
  if (!build.empty()) out += "+" + build;
  return out;
}

Result<Semver> parse_semver(std::string_view text) {
  Semver v;
  std::string_view rest = text;
  const std::size_t plus = rest.find('+');
  if (plus != std::string_view::npos) {
    const std::string_view build = rest.substr(plus + 1);
    for (std::string_view id : split_dots(build)) {
      if (!is_identifier(id)) {
        return refuse(text, "build metadata must be dot-separated [0-9A-Za-z-] identifiers");
      }
    }
    v.build = std::string(build);
    rest = rest.substr(0, plus);
  }
  const std::size_t dash = rest.find('-');
  if (dash != std::string_view::npos) {
    for (std::string_view id : split_dots(rest.substr(dash + 1))) {
      if (!is_identifier(id)) {
        return refuse(text, "pre-release must be dot-separated [0-9A-Za-z-] identifiers");
      }
      if (is_digits(id) && id.size() > 1 && id[0] == '0') {
        return refuse(text, "pre-release number '" + std::string(id) + "' has a leading zero");
      }
      v.pre_release.emplace_back(id);
    }
    rest = rest.substr(0, dash);
  }
  const std::vector<std::string_view> core = split_dots(rest);
  if (core.size() != 3) return refuse(text, "MAJOR.MINOR.PATCH must be three numbers");
  SHELFNODE_RETURN_IF_ERROR(read_number(text, core[0], v.major));
  SHELFNODE_RETURN_IF_ERROR(read_number(text, core[1], v.minor));
  SHELFNODE_RETURN_IF_ERROR(read_number(text, core[2], v.patch));
  return v;
}

int compare_precedence(const Semver& a, const Semver& b) {
  if (int c = compare_number(a.major, b.major)) return c;
  if (int c = compare_number(a.minor, b.minor)) return c;
  if (int c = compare_number(a.patch, b.patch)) return c;
  // §11.3: a pre-release sorts below the release it leads up to.
  if (a.pre_release.empty() != b.pre_release.empty()) return a.pre_release.empty() ? 1 : -1;
  const std::size_t n = std::min(a.pre_release.size(), b.pre_release.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (int c = compare_identifier(a.pre_release[i], b.pre_release[i])) return c;
  }
  return compare_number(a.pre_release.size(), b.pre_release.size());  // §11.4.4
}

}  // namespace shelfnode::ota
