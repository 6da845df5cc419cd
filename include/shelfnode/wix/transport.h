#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shelfnode/core/result.h"

namespace shelfnode::wix {

struct HttpRequest {
  std::string method;  // GET, POST, PATCH, DELETE
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // sent only when non-empty
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string content_type;
  std::optional<int> retry_after_seconds;  // seconds form of Retry-After only [R9]
};

// Whether a request that got no HTTP answer may have reached Wix. The sync engine resends
// only what was certainly not sent; anything else is read back first (DESIGN §4.5).
enum class TransportFailure {
  kNone,
  kNotSent,    // DNS, connect, TLS handshake, refused, bad local configuration
  kUncertain,  // timeout or reset after (part of) the request may have left this device
};

// The HTTP seam: one request in, one response (any status) or a transport failure out.
// A failed Result's code says which failure it was, so no second channel is needed:
//   kUnavailable or kConfig -> kNotSent, kTemporary -> kUncertain.
// An HTTP error status (4xx/5xx) is a successful send; classifying it is errors.h's job.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

TransportFailure failure_of(const Status& status);

// Statuses a Transport returns; the constructors keep the code/failure pairing in one place.
inline Status not_sent(std::string message) {
  return Status(Code::kUnavailable, std::move(message));
}
inline Status uncertain(std::string message) {
  return Status(Code::kTemporary, std::move(message));
}

// "120" -> 120. The HTTP-date form and anything unparsable yield nothing; huge values are
// clamped to a day so a bogus header cannot park the device for years.
std::optional<int> parse_retry_after(std::string_view value);

}  // namespace shelfnode::wix
