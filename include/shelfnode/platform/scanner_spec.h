#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shelfnode/core/result.h"
#include "shelfnode/platform/framing.h"
#include "shelfnode/platform/key_layout.h"
#include "shelfnode/platform/scan_source.h"

namespace shelfnode::platform {

enum class SourceKind { kStdin, kEvdev, kSerial };

// One scanner as configured, checked: where it is and how to read it.
struct ScannerSpec {
  static constexpr int kDefaultBaud = 9600;

  std::string name;  // for log lines: the source text unless the caller names it
  SourceKind kind = SourceKind::kStdin;
  std::string path;                   // evdev and serial
  const KeyLayout* layout = nullptr;  // evdev: the layout the scanner emulates
  int baud = kDefaultBaud;            // serial
  ScanFraming framing;                // evdev and serial
};

using SpecOptions = std::vector<std::pair<std::string, std::string>>;

// Reads "stdin", "evdev:PATH[,key=value]..." or "serial:PATH[,key=value]...", with more
// options given apart (the members of a `scanners` entry in config.json, numbers as text).
// evdev takes layout (us, uk, de, fr; default us, the scanners' factory setting), suffix
// (enter, tab, none; default enter) and gap_ms (10 to 5000; default 80); serial takes baud
// (default 9600), suffix and gap_ms. Errors are configuration errors naming what is wrong.
Result<ScannerSpec> parse_scanner_spec(std::string_view source, const SpecOptions& options = {});

// The source a spec describes, not started yet. stdin reads `stdin_fd`.
std::unique_ptr<ScanSource> make_source(const ScannerSpec& spec, int stdin_fd = 0);

}  // namespace shelfnode::platform
