// Wix error answers: an HTTP status, a Retry-After header value and a body, through
// parse_retry_after, parse_error and to_status. Input layout: two bytes of status
// (100 + n % 500), then the header value up to the first '\n', then the body.
// Invariants: Retry-After is the seconds form only, clamped to a day, and agrees with a
// reference reading; the outcome class is the status's; the body is kept, cut at 64 KiB; a
// non-JSON body becomes a short one-line excerpt; the Status code follows DESIGN §7; the API
// key registered with the logger never appears in a message, whatever the body says.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "fuzz_check.h"
#include "shelfnode/core/json.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/wix/errors.h"

namespace shelfnode::fuzz {
namespace {

// Stands in for the device's key; the seeds echo it in bodies.
constexpr const char* kApiKey = "IST.fuzz-secret-4f1c";

std::optional<int> reference_retry_after(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) {
    v.remove_suffix(1);
  }
  if (!is_digits(v)) return std::nullopt;
  while (v.size() > 1 && v.front() == '0') v.remove_prefix(1);
  if (v.size() > 5) return 86400;
  const int n = std::stoi(std::string(v));
  return n < 86400 ? n : 86400;
}

void check_excerpt(const std::string& e, std::size_t max_chars) {
  // Cut first (a "<redacted>" that starts before the cut is kept whole: up to 9 bytes past
  // the limit), escaped after: a byte shown as \xNN takes four.
  FUZZ_CHECK(e.size() <= 4 * (max_chars + 9) + 3);
  std::string tags_left = e;
  for (std::size_t at; (at = tags_left.find("<redacted>")) != std::string::npos;) {
    tags_left.erase(at, 10);
  }
  FUZZ_CHECK(tags_left.find('<') == std::string::npos);
  FUZZ_CHECK(e.empty() || (e.front() != ' ' && e.back() != ' '));
  FUZZ_CHECK(e.find("  ") == std::string::npos);
  for (char c : e) {
    const auto u = static_cast<unsigned char>(c);
    FUZZ_CHECK(u >= 0x20 && u != 0x7F);
  }
}

}  // namespace
}  // namespace shelfnode::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelfnode;
  using namespace shelfnode::fuzz;
  static const bool registered = [] {
    logger().add_secret(kApiKey);
    return true;
  }();
  (void)registered;
  if (size < 2) return 0;
  const long status = 100 + (data[0] * 256 + data[1]) % 500;
  std::string_view rest = as_text(data + 2, size - 2);
  const std::size_t nl = rest.find('\n');
  const std::string_view header = rest.substr(0, nl);
  const std::string_view body = nl == std::string_view::npos ? "" : rest.substr(nl + 1);

  const std::optional<int> retry_after = wix::parse_retry_after(header);
  FUZZ_CHECK(retry_after == reference_retry_after(header));
  if (retry_after) FUZZ_CHECK(*retry_after >= 0 && *retry_after <= 86400);

  wix::HttpResponse response;
  response.status = status;
  response.body = std::string(body);
  response.retry_after_seconds = retry_after;
  const wix::WixError error = wix::parse_error(response);
  FUZZ_CHECK(error.http_status == status);
  FUZZ_CHECK(error.outcome == wix::classify_status(status));
  FUZZ_CHECK(error.retry_after_seconds == retry_after);
  // The body is kept as Wix sent it, redacted before it is cut: never a piece of the key.
  FUZZ_CHECK(error.body == logger().excerpt(body, wix::WixError::kMaxKeptBody, nullptr));
  FUZZ_CHECK(error.body.find(kApiKey) == std::string::npos);
  JsonPtr tree = parse_json(body);
  if (!cJSON_IsObject(tree.get())) {
    FUZZ_CHECK(error.code.empty() && error.violations.empty());
    FUZZ_CHECK(error.description == wix::body_excerpt(body));
    check_excerpt(error.description, 120);
  }
  const std::size_t max_chars = 1 + size % 200;
  check_excerpt(wix::body_excerpt(body, max_chars), max_chars);

  const Status s = wix::to_status(error);
  FUZZ_CHECK_MESSAGE(s);
  FUZZ_CHECK(s.message().find(kApiKey) == std::string::npos);
  const Code code = s.code();
  if (status == 401 || status == 403) {
    FUZZ_CHECK(code == (status == 401 ? Code::kUnauthenticated : Code::kPermission));
  } else if (status == 429) {
    FUZZ_CHECK(code == Code::kTemporary);
    if (retry_after) {
      FUZZ_CHECK(s.message().find("retry after " + std::to_string(*retry_after) + " s") !=
                 std::string::npos);
    }
  } else if (status >= 200 && status < 300) {
    FUZZ_CHECK(code != Code::kOk);
  } else if (error.outcome == wix::Outcome::kNotSent) {
    FUZZ_CHECK(code == Code::kUnavailable);
  } else if (error.outcome == wix::Outcome::kUncertain) {
    FUZZ_CHECK(code == Code::kTemporary);
  } else {
    FUZZ_CHECK(code == Code::kBadData || code == Code::kConfig);
    if (code == Code::kConfig) FUZZ_CHECK(status == 428 && error.code == "MISSING_METASITE_ID");
  }
  return 0;
}
