#pragma once

#include <chrono>
#include <cstddef>
#include <string_view>

namespace shelfnode::platform {

// What ends a scan, besides a gap: Enter (CR or LF on a serial line), Tab, or nothing but
// the gap. Scanners ship with Enter.
enum class Suffix { kEnter, kTab, kNone };

std::string_view suffix_name(Suffix suffix);  // "enter", "tab", "none"

// How a keyboard-wedge or serial source cuts its input into scans. With a suffix, a gap in
// the middle of a scan means it was cut off (the scan is refused: its end never came); with
// no suffix the gap is what ends a scan. A scanner types a whole barcode in one burst, a few
// milliseconds a key, so a pause as long as `gap` is the end of it.
struct ScanFraming {
  static constexpr std::chrono::milliseconds kDefaultGap{80};
  static constexpr std::size_t kDefaultMaxScan = 4096;

  Suffix suffix = Suffix::kEnter;
  std::chrono::milliseconds gap = kDefaultGap;
  // A longer scan keeps its first max_scan + 1 characters, so the session refuses it as too
  // long; the rest is dropped.
  std::size_t max_scan = kDefaultMaxScan;
};

}  // namespace shelfnode::platform
