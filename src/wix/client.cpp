#include "shelfnode/wix/client.h"

#include <utility>

#include "shelfnode/core/logger.h"
#include "shelfnode/wix/url_policy.h"

namespace shelfnode::wix {
namespace {

bool has_line_break(const std::string& text) {
  return text.find_first_of("\r\n") != std::string::npos;
}

bool known_method(std::string_view m) {
  return m == "GET" || m == "POST" || m == "PATCH" || m == "PUT" || m == "DELETE";
}

}  // namespace

Client::Client(ClientOptions options, Transport& transport)
    : options_(std::move(options)), transport_(&transport) {}

Result<Client> Client::create(ClientOptions options, Transport& transport) {
  // Register first: even an error about a malformed key must not print it.
  if (!options.api_key.empty()) logger().add_secret(options.api_key);
  SHELFNODE_RETURN_IF_ERROR(check_url_allowed(options.base_url));
  while (!options.base_url.empty() && options.base_url.back() == '/') options.base_url.pop_back();
  if (options.site_id.empty()) {
    return config_error(
        "no Wix site ID: pass --site-id (the GUID after /dashboard/ in the "
        "site's dashboard URL)");
  }
  if (options.api_key.empty()) return config_error("no Wix API key configured");
  if (has_line_break(options.api_key) || has_line_break(options.site_id)) {
    return config_error("the Wix API key or site ID contains a line break");
  }
  return Client(std::move(options), transport);
}

HttpRequest Client::build_request(std::string_view method, std::string_view path,
                                  const cJSON* body) const {
  HttpRequest request;
  request.method = std::string(method);
  request.url = options_.base_url;
  if (path.empty() || path.front() != '/') request.url += '/';
  request.url += path;
  // The raw key, no "Bearer" [R1][R2]; only wix-site-id, never wix-account-id too [R1].
  request.headers.emplace_back("Authorization", options_.api_key);
  request.headers.emplace_back("wix-site-id", options_.site_id);
  request.headers.emplace_back("Accept", "application/json");
  if (body != nullptr) {
    request.headers.emplace_back("Content-Type", "application/json");
    request.body = to_json_text(body);
  }
  return request;
}

Result<JsonResponse> Client::call(std::string_view method, std::string_view path, const cJSON* body,
                                  WixError* error, BodyForm form) {
  WixError local;
  WixError& err = error != nullptr ? *error : local;
  err = WixError{};
  // `wix call METHOD PATH` passes user text through: keep it out of the request line.
  if (!known_method(method)) {
    return usage_error("unsupported HTTP method '" + std::string(method) +
                       "' (GET, POST, PATCH, PUT or DELETE)");
  }
  if (path.empty() || path.front() != '/' || path.find_first_of(" \r\n") != path.npos) {
    return usage_error("the API path must start with '/' and contain no spaces");
  }
  const HttpRequest request = build_request(method, path, body);
  if (body != nullptr && request.body.empty()) return internal_error("out of memory encoding JSON");

  Result<HttpResponse> sent = transport_->send(request);
  if (!sent.ok()) {
    err = error_from_transport(sent.status());
    Status status = to_status(err);
    log_warn("wix.call", {{"method", request.method},
                          {"path", std::string(path)},
                          {"outcome", outcome_name(err.outcome)},
                          {"error", status.message()}});
    return status;
  }
  HttpResponse& response = sent.value();
  const Outcome outcome = classify_status(response.status);
  if (outcome != Outcome::kSuccess) {
    err = parse_error(response);
    Status status = to_status(err);
    // 403 has three root causes (PITFALLS): log which request it was, not only the body.
    log_warn("wix.call", {{"method", request.method},
                          {"path", std::string(path)},
                          {"site", options_.site_id},
                          {"status", std::to_string(response.status)},
                          {"outcome", outcome_name(err.outcome)},
                          {"error", status.message()}});
    return status;
  }
  JsonResponse out;
  out.status = response.status;
  if (form == BodyForm::kText) {
    out.text = std::move(response.body);
  } else if (!response.body.empty()) {
    out.body = parse_json(response.body);
    if (!out.body) {
      // Wix acted (2xx) but the answer is unreadable, e.g. cut short: what was applied is
      // unknown, which is the uncertain class, not a success.
      err.http_status = static_cast<int>(response.status);
      err.outcome = Outcome::kUncertain;
      err.description = "the answer was not valid JSON: " + body_excerpt(response.body, 60);
      Status status = to_status(err);
      log_warn("wix.call", {{"method", request.method},
                            {"path", std::string(path)},
                            {"status", std::to_string(response.status)},
                            {"outcome", outcome_name(err.outcome)},
                            {"error", status.message()}});
      return status;
    }
  }
  log_debug("wix.call", {{"method", request.method},
                         {"path", std::string(path)},
                         {"status", std::to_string(response.status)}});
  err.http_status = static_cast<int>(response.status);
  err.outcome = Outcome::kSuccess;
  return out;
}

}  // namespace shelfnode::wix
