#include "shelfnode/wix/errors.h"

#include <cctype>

#include "shelfnode/core/json.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/core/printable.h"

namespace shelfnode::wix {
namespace {

// A text member of Wix's error body, escaped: JSON may carry any control character
// ("\u001b" is ESC), and these fields end up on a terminal (core/printable.h).
std::string string_field(const cJSON* object, const char* name) {
  const cJSON* item = cJSON_GetObjectItemCaseSensitive(object, name);
  return cJSON_IsString(item) && item->valuestring != nullptr ? printable(item->valuestring) : "";
}

// Reads Wix's standard error body [R9]; leaves `error` as it is when the body is not one.
bool read_standard_body(std::string_view body, WixError& error) {
  JsonPtr root = parse_json(body);
  if (!root || !cJSON_IsObject(root.get())) return false;
  const std::string message = string_field(root.get(), "message");
  const cJSON* details = cJSON_GetObjectItemCaseSensitive(root.get(), "details");
  const cJSON* app = cJSON_GetObjectItemCaseSensitive(details, "applicationError");
  if (cJSON_IsObject(app)) {
    error.code = string_field(app, "code");
    error.description = string_field(app, "description");
  }
  const cJSON* validation = cJSON_GetObjectItemCaseSensitive(details, "validationError");
  const cJSON* violations = cJSON_GetObjectItemCaseSensitive(validation, "fieldViolations");
  const cJSON* violation = nullptr;
  cJSON_ArrayForEach(violation, violations) {
    const std::string field = string_field(violation, "field");
    const std::string text = string_field(violation, "description");
    error.violations.push_back(field.empty() ? text : field + ": " + text);
  }
  // V3 permission 403s come with an empty description [GH:1119]: fall back to the message.
  if (error.description.empty()) error.description = message;
  return true;
}

std::string status_label(const WixError& error) {
  std::string label = "HTTP " + std::to_string(error.http_status);
  if (!error.code.empty()) label += " " + error.code;
  return label;
}

std::string details_of(const WixError& error) {
  std::string text = error.description.empty() ? "(Wix gave no description)" : error.description;
  for (const std::string& v : error.violations) text += "; " + v;
  return text;
}

}  // namespace

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::kSuccess:
      return "success";
    case Outcome::kRejected:
      return "rejected";
    case Outcome::kNotSent:
      return "not_sent";
    case Outcome::kUncertain:
      return "uncertain";
  }
  return "uncertain";
}

Outcome classify_status(long http_status) {
  if (http_status >= 200 && http_status < 300) return Outcome::kSuccess;
  // 408: the server gave up waiting for the request, so it did not act on it. 429 and 503
  // refuse before processing [R9]; the emulator does the same.
  if (http_status == 408 || http_status == 429 || http_status == 503) return Outcome::kNotSent;
  // 3xx is never followed (the API does not redirect): it will not change by resending.
  if (http_status >= 300 && http_status < 500) return Outcome::kRejected;
  // 500/502/504 and the rest: the work may have been done before the error [R9].
  return Outcome::kUncertain;
}

std::string body_excerpt(std::string_view body, std::size_t max_chars) {
  std::string text;
  bool in_tag = false;
  bool pending_space = false;
  for (char c : body) {
    if (c == '<') {
      in_tag = true;
      pending_space = true;
      continue;
    }
    if (in_tag) {
      in_tag = c != '>';
      continue;
    }
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isspace(u) || std::iscntrl(u)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !text.empty()) text += ' ';
    pending_space = false;
    text += c;
  }
  // The whole text is redacted before it is cut (Logger::excerpt), and only then escaped: a
  // key that straddles the cut is masked whole, never shown by its first characters.
  bool cut = false;
  std::string out = printable(logger().excerpt(text, max_chars, &cut));
  if (cut) out += "...";
  return out;
}

WixError parse_error(const HttpResponse& response) {
  WixError error;
  error.http_status = static_cast<int>(response.status);
  error.outcome = classify_status(response.status);
  error.retry_after_seconds = response.retry_after_seconds;
  // Redacted before it is cut, like every excerpt; escaped only where it is shown.
  error.body = logger().excerpt(response.body, WixError::kMaxKeptBody, &error.body_cut);
  if (!read_standard_body(response.body, error) && !response.body.empty()) {
    // An HTML 404 page for an unknown route (PITFALLS), or a body cut short.
    error.description = body_excerpt(response.body);
  }
  return error;
}

WixError error_from_transport(const Status& transport_status) {
  WixError error;
  error.outcome = failure_of(transport_status) == TransportFailure::kNotSent ? Outcome::kNotSent
                                                                             : Outcome::kUncertain;
  error.transport_message = transport_status.message();
  return error;
}

Status to_status(const WixError& error) {
  Code code = Code::kTemporary;
  std::string message;
  const int http = error.http_status;
  if (http == 0) {
    code = error.outcome == Outcome::kNotSent ? Code::kUnavailable : Code::kTemporary;
    message =
        (error.outcome == Outcome::kNotSent ? "Wix was not reached: " : "uncertain outcome: ") +
        error.transport_message;
  } else if (http == 401) {
    code = Code::kUnauthenticated;
    message = "the API key was refused (" + status_label(error) +
              "): it is wrong or was revoked (" + details_of(error) + ")";
  } else if (http == 403) {
    code = Code::kPermission;
    message = "Wix refused the API key (" + status_label(error) + "): " + details_of(error);
  } else if (http == 428 && error.code == "MISSING_METASITE_ID") {
    code = Code::kConfig;
    message =
        "Wix could not tell which site is meant (" + status_label(error) + "): check the site ID";
  } else if (http == 429) {
    message = "Wix rate limit reached (" + status_label(error) + ")";
    if (error.retry_after_seconds) {
      message += ", retry after " + std::to_string(*error.retry_after_seconds) + " s";
    }
  } else if (error.outcome == Outcome::kNotSent) {
    code = Code::kUnavailable;
    message = "Wix is unavailable (" + status_label(error) + "), nothing was applied";
  } else if (error.outcome == Outcome::kUncertain) {
    message = "Wix failed (" + status_label(error) + "), the request may have been applied";
    if (!error.description.empty()) message += ": " + error.description;
  } else {
    code = Code::kBadData;
    message = "Wix rejected the request (" + status_label(error) + "): " + details_of(error);
  }
  return Status(code, logger().redact(message));
}

}  // namespace shelfnode::wix
