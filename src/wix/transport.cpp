#include "shelfnode/wix/transport.h"

namespace shelfnode::wix {

TransportFailure failure_of(const Status& status) {
  switch (status.code()) {
    case Code::kOk:
      return TransportFailure::kNone;
    case Code::kUnavailable:
    case Code::kConfig:
      return TransportFailure::kNotSent;
    default:
      return TransportFailure::kUncertain;  // anything unexpected: assume it went out
  }
}

std::optional<int> parse_retry_after(std::string_view value) {
  constexpr long kMaxSeconds = 86'400;
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r')) {
    value.remove_suffix(1);
  }
  if (value.empty()) return std::nullopt;
  long seconds = 0;
  for (char c : value) {
    if (c < '0' || c > '9') return std::nullopt;  // HTTP-date form: not used by Wix [R9]
    if (seconds < kMaxSeconds) seconds = seconds * 10 + (c - '0');
  }
  return static_cast<int>(seconds < kMaxSeconds ? seconds : kMaxSeconds);
}

}  // namespace shelfnode::wix
