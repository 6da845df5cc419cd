#include "shelfnode/platform/feedback_spec.h"

#include <cctype>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "shelfnode/core/printable.h"

namespace shelfnode::platform {
namespace {

// The kernel counts a chip's lines in 16 bits, so no offset is larger.
constexpr unsigned kMaxLine = 65535;

constexpr const char* kForms = "use terminal, none or gpio:/dev/gpiochipN,line=N";

std::optional<unsigned> whole_number(std::string_view text, unsigned max) {
  if (text.empty() || text.size() > 5) return std::nullopt;
  unsigned value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value > max) return std::nullopt;
  return value;
}

Status apply(FeedbackSpec& spec, std::string_view key, std::string_view value) {
  const std::string shown = "'" + printable(value) + "'";
  if (key == "line") {
    const std::optional<unsigned> line = whole_number(value, kMaxLine);
    if (!line) {
      return config_error("line " + shown + " must be the line's offset on the chip, 0 to " +
                          std::to_string(kMaxLine) + " (`gpioinfo` lists them)");
    }
    spec.line = *line;
  } else if (key == "active_low") {
    if (value != "0" && value != "1") {
      return config_error("active_low " + shown +
                          " must be 1 (the beeper sounds while the line is low) or 0");
    }
    spec.active_low = value == "1";
  } else {
    return config_error("unknown option '" + printable(key) + "': use line or active_low");
  }
  return Status::Ok();
}

}  // namespace

Result<FeedbackSpec> parse_feedback_spec(std::string_view text) {
  const std::string shown = "feedback '" + printable(text) + "'";
  FeedbackSpec spec;
  const std::string_view head = text.substr(0, text.find(','));
  if (head == "terminal" || head == "none") {
    if (head.size() != text.size()) return config_error(shown + " takes no options");
    spec.kind = head == "none" ? FeedbackKind::kNone : FeedbackKind::kTerminal;
    return spec;
  }
  if (text.substr(0, 5) != "gpio:") return config_error(shown + ": " + kForms);
  spec.kind = FeedbackKind::kGpio;
  // Device paths have no commas (udev's names replace them), so a comma starts the options.
  std::string_view rest = text.substr(5);
  const std::size_t comma = rest.find(',');
  spec.chip = std::string(rest.substr(0, comma));
  if (spec.chip.empty() || spec.chip[0] != '/') {
    return config_error(shown + ": the chip's path must be absolute (gpio:/dev/gpiochip0,line=17)");
  }
  std::vector<std::string_view> seen;
  rest.remove_prefix(comma == std::string_view::npos ? rest.size() : comma);
  while (!rest.empty()) {
    rest.remove_prefix(1);  // the comma
    const std::string_view item = rest.substr(0, rest.find(','));
    rest.remove_prefix(item.size());
    const std::size_t equals = item.find('=');
    if (equals == std::string_view::npos || equals == 0) {
      return config_error(shown + ": option '" + printable(item) + "' is not key=value");
    }
    const std::string_view key = item.substr(0, equals);
    for (std::string_view before : seen) {
      if (before == key) {
        return config_error(shown + ": option '" + printable(key) + "' given twice");
      }
    }
    seen.push_back(key);
    SHELFNODE_RETURN_IF_ERROR(apply(spec, key, item.substr(equals + 1)).with_context(shown));
  }
  bool has_line = false;
  for (std::string_view key : seen) has_line = has_line || key == "line";
  if (!has_line) {
    return config_error(shown +
                        ": say which line drives the beeper or LED, line=N (its offset "
                        "on the chip; `gpioinfo " +
                        spec.chip + "` lists them)");
  }
  return spec;
}

}  // namespace shelfnode::platform
