// `wix call METHOD PATH [--data JSON]`: one authenticated call to the connected site, for
// diagnostics. One attempt, never retried: the operator sees exactly what Wix answered.
#include <cctype>
#include <cstdio>

#include "cli/commands.h"
#include "shelfnode/core/json.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/wix/connection.h"

namespace shelfnode::cli {
namespace {

constexpr const char* kExample = "e.g. `shelfnode wix call GET /stores/v3/provision/version`";

Result<std::string> parse_method(const std::string& text) {
  std::string method;
  for (char c : text) method += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (method == "GET" || method == "POST" || method == "PATCH" || method == "PUT" ||
      method == "DELETE") {
    return method;
  }
  return usage_error("METHOD '" + printable(utf8_head(text, 20)) +
                     "' is not one of GET, POST, PATCH, PUT, DELETE; " + kExample);
}

// The path is appended to the configured base URL. Anything that could name another host
// is refused, so the API key is never sent anywhere else.
Status check_path(const std::string& path) {
  const bool full_url = path.find("://") != std::string::npos || path.rfind("//", 0) == 0;
  if (path.empty() || path[0] != '/' || full_url) {
    return usage_error("PATH '" + printable(utf8_head(path, 80)) +
                       "' must be an API path starting with '/', not a URL: it is sent to the "
                       "connected base URL only; " +
                       kExample);
  }
  for (char c : path) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isspace(u) || std::iscntrl(u)) {
      return usage_error(
          "PATH must not contain spaces or control characters (encode them as %20 "
          "and so on); " +
          std::string(kExample));
    }
  }
  return Status::Ok();
}

Result<JsonPtr> parse_data(const std::string& text) {
  const char* end = nullptr;
  // Length includes the NUL so require_null_terminated also refuses trailing garbage.
  JsonPtr body(cJSON_ParseWithLengthOpts(text.c_str(), text.size() + 1, &end, true));
  if (body) return body;
  const std::size_t at = end != nullptr && end >= text.c_str()
                             ? static_cast<std::size_t>(end - text.c_str())
                             : text.size();
  return bad_data(
      "--data is not valid JSON: error at character " + std::to_string(at + 1) +
      (at < text.size()
           ? " (near '" + printable(utf8_head(std::string_view(text).substr(at), 20)) + "')"
           : " (the end)") +
      "; e.g. --data '{\"query\":{\"paging\":{\"limit\":1}}}'");
}

// The body as Wix sent it (pretty when JSON), so the integrator sees what came back; an
// empty body gets the parsed summary instead. By design this is Wix's text, but never the
// key: any 8 characters of it are redacted (a server may echo the Authorization header),
// and a body that is not JSON is escaped line by line (core/printable.h; cJSON escapes JSON).
void print_error_body(const wix::WixError& error) {
  if (JsonPtr json = parse_json(error.body)) {
    std::printf("%s\n", logger().redact(to_json_pretty(json.get())).c_str());
    return;
  }
  if (!error.body.empty()) {
    std::printf("%s%s\n", printable_lines(logger().redact(error.body)).c_str(),
                error.body_cut ? "\n(cut short)" : "");
    return;
  }
  if (!error.code.empty()) std::printf("%s: ", logger().redact(error.code).c_str());
  std::printf("%s\n",
              error.description.empty() ? "(no body)" : logger().redact(error.description).c_str());
}

}  // namespace

int run_wix_call(App& app, const Args& args) {
  Result<std::string> method = parse_method(args.positionals[0]);
  if (!method.ok()) return fail(method.status());
  const std::string& path = args.positionals[1];
  Status s = check_path(path);
  if (!s.ok()) return fail(s);
  JsonPtr body;
  if (args.has("data")) {
    Result<JsonPtr> data = parse_data(args.get("data"));
    if (!data.ok()) return fail(data.status());
    body = std::move(data).value();
  }
  s = app.open_for_read();
  if (!s.ok()) return fail(s);
  Result<wix::Connection*> wix = app.wix();
  if (!wix.ok()) return fail(wix.status());

  (*wix)->limiter().acquire();
  // The answer is printed below; the client's own warning would repeat it on stderr.
  if (app.config().log_level != LogLevel::kDebug && app.config().log_level != LogLevel::kOff) {
    logger().set_level(LogLevel::kError);
  }
  wix::WixError error;
  Result<wix::JsonResponse> r = (*wix)->client().call(*method, path, body.get(), &error);
  logger().set_level(app.config().log_level);
  if (r.ok()) {
    std::printf("HTTP %ld\n", r->status);
    if (r->body) std::printf("%s\n", logger().redact(to_json_pretty(r->body.get())).c_str());
    return 0;
  }
  if (error.http_status == 0) return fail(r.status());  // no answer: nothing to show
  std::printf("HTTP %d\n", error.http_status);
  print_error_body(error);
  std::fflush(stdout);
  if (error.http_status >= 200 && error.http_status < 300) {
    // Wix said yes with a body that is not JSON (cut short, or an HTML page).
    std::fprintf(stderr, "shelfnode: the answer is not JSON; shown shortened above\n");
    return 0;
  }
  return fail(r.status());
}

}  // namespace shelfnode::cli
