#include "shelfnode/platform/scanner_spec.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "shelfnode/core/printable.h"
#include "shelfnode/platform/serial_source.h"

namespace shelfnode::platform {
namespace {

constexpr int kMinGapMs = 10;
constexpr int kMaxGapMs = 5000;

// A whole number of at most 7 digits, or none.
std::optional<int> whole_number(const std::string& text) {
  if (text.empty() || text.size() > 7) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

Status apply(ScannerSpec& spec, const std::string& key, const std::string& value) {
  const bool evdev = spec.kind == SourceKind::kEvdev;
  const std::string shown = "'" + printable(value) + "'";
  if (key == "suffix") {
    if (value == "enter")
      spec.framing.suffix = Suffix::kEnter;
    else if (value == "tab")
      spec.framing.suffix = Suffix::kTab;
    else if (value == "none")
      spec.framing.suffix = Suffix::kNone;
    else
      return config_error("unknown scanner suffix " + shown + ": use enter, tab or none");
  } else if (key == "gap_ms") {
    const std::optional<int> ms = whole_number(value);
    if (!ms || *ms < kMinGapMs || *ms > kMaxGapMs) {
      return config_error("scanner gap_ms " + shown + " must be a whole number of milliseconds " +
                          "from " + std::to_string(kMinGapMs) + " to " + std::to_string(kMaxGapMs));
    }
    spec.framing.gap = std::chrono::milliseconds(*ms);
  } else if (key == "layout" && evdev) {
    spec.layout = find_layout(value);
    if (spec.layout == nullptr) {
      return config_error("unknown keyboard layout " + shown + ": use " + layout_names());
    }
  } else if (key == "baud" && !evdev) {
    const std::optional<int> baud = whole_number(value);
    if (!baud || !serial_speed(*baud)) {
      return config_error("unsupported baud rate " + shown + ": use " + serial_speeds());
    }
    spec.baud = *baud;
  } else {
    return config_error("unknown option '" + printable(key) + "' for " +
                        (evdev ? "an evdev scanner: use layout, suffix or gap_ms"
                               : "a serial scanner: use baud, suffix or gap_ms"));
  }
  return Status::Ok();
}

}  // namespace

Result<ScannerSpec> parse_scanner_spec(std::string_view source, const SpecOptions& options) {
  ScannerSpec spec;
  spec.name = std::string(source);
  const std::string shown = "scanner source '" + printable(source) + "'";
  if (source == "stdin") {
    if (!options.empty()) return config_error(shown + " takes no options");
    return spec;
  }
  const std::size_t colon = source.find(':');
  const std::string_view kind = source.substr(0, colon);
  if (colon == std::string_view::npos || (kind != "evdev" && kind != "serial")) {
    return config_error(shown + ": use stdin, evdev:PATH or serial:PATH");
  }
  spec.kind = kind == "evdev" ? SourceKind::kEvdev : SourceKind::kSerial;
  // Device paths have no commas (udev's by-id names replace them), so a comma starts the
  // options.
  std::string_view rest = source.substr(colon + 1);
  const std::size_t comma = rest.find(',');
  spec.path = std::string(rest.substr(0, comma));
  if (spec.path.empty() || spec.path[0] != '/') {
    return config_error(shown + ": the device path must be absolute (" +
                        (spec.kind == SourceKind::kEvdev ? "evdev:/dev/input/by-id/...-event-kbd"
                                                         : "serial:/dev/ttyACM0") +
                        ")");
  }
  SpecOptions all;
  for (std::string_view list = rest.substr(std::min(comma, rest.size()));
       comma != std::string_view::npos && !list.empty();) {
    list.remove_prefix(1);  // the comma
    const std::string_view item = list.substr(0, list.find(','));
    list.remove_prefix(item.size());
    const std::size_t equals = item.find('=');
    if (equals == std::string_view::npos || equals == 0) {
      return config_error(shown + ": option '" + printable(item) + "' is not key=value");
    }
    all.emplace_back(std::string(item.substr(0, equals)), std::string(item.substr(equals + 1)));
  }
  all.insert(all.end(), options.begin(), options.end());
  if (spec.kind == SourceKind::kEvdev) spec.layout = find_layout("us");
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (all[j].first == all[i].first) {
        return config_error(shown + ": option '" + printable(all[i].first) + "' given twice");
      }
    }
    SHELFNODE_RETURN_IF_ERROR(apply(spec, all[i].first, all[i].second).with_context(shown));
  }
  return spec;
}

}  // namespace shelfnode::platform
