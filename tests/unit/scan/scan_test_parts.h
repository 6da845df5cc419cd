#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace shelfnode::scan {

// GS (0x1D) as a scanner sends it for FNC1.
inline constexpr std::string_view kGs = "\x1D";

// Joins the parts of a scan, so a test can show where each AI starts:
// join({"]C1", "0109506000134352", "10ABC123", kGs, "17261231"}).
inline std::string join(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) out.append(part);
  return out;
}

}  // namespace shelfnode::scan
