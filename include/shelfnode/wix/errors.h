#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shelfnode/core/status.h"
#include "shelfnode/wix/transport.h"

namespace shelfnode::wix {

// The four outcome classes of DESIGN §4.5; they decide what the sync engine may do next.
enum class Outcome {
  kSuccess,
  kRejected,   // definite: Wix looked at it and said no (4xx except 408/429); never resend as is
  kNotSent,    // Wix did not act on it (connect/TLS failure, 408, 429, 503): safe to resend
  kUncertain,  // it may have been applied (timeout/reset after send, 500/502/504, other 5xx)
};

const char* outcome_name(Outcome outcome);

// One failed call, distilled from the status and Wix's standard error body [R9]. `code`,
// `description` and `violations` are escaped (core/printable.h): Wix's JSON may carry any
// control character. to_status redacts the message it builds from them.
struct WixError {
  int http_status = 0;      // 0 when no HTTP answer arrived
  std::string code;         // details.applicationError.code, e.g. MISSING_METASITE_ID
  std::string description;  // applicationError.description, else message, else a body excerpt
  std::vector<std::string> violations;  // "field: description" from validationError
  std::optional<int> retry_after_seconds;
  Outcome outcome = Outcome::kUncertain;
  std::string transport_message;  // why no answer arrived (http_status == 0)
  // The answer's body as received, registered secrets redacted, then cut at kMaxKeptBody
  // bytes: for `wix call`, which shows the integrator what Wix said. Not escaped: whoever
  // prints it escapes it (core/printable.h).
  std::string body;
  static constexpr std::size_t kMaxKeptBody = 64 * 1024;
  bool body_cut = false;  // more came than `body` holds
};

// The outcome class of an HTTP status alone.
Outcome classify_status(long http_status);

// Builds the error for a non-2xx answer. The body may be JSON, empty, truncated or an HTML
// page (unknown routes, PITFALLS "Auth pitfalls"); none of these fail.
WixError parse_error(const HttpResponse& response);

// Builds the error for a request that got no HTTP answer (see Transport).
WixError error_from_transport(const Status& transport_status);

// The Status the CLI shows and exits with (DESIGN §7): 401/403 -> kPermission, 428
// MISSING_METASITE_ID -> kConfig, other 4xx -> kBadData, not sent -> kUnavailable, 429 and
// uncertain -> kTemporary. Registered secrets are redacted from the message.
Status to_status(const WixError& error);

// A short, single-line, tag-free excerpt of a non-JSON body (at most `max_chars` before
// escaping, plus "..." when cut): redacted before it is cut, then escaped (printable()).
std::string body_excerpt(std::string_view body, std::size_t max_chars = 120);

}  // namespace shelfnode::wix
