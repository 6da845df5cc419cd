#include "shelfnode/wix/url_policy.h"

#include <curl/curl.h>

#include <memory>
#include <string>

#include "shelfnode/core/printable.h"

namespace shelfnode::wix {
namespace {

struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
struct CurlStringDeleter {
  void operator()(char* s) const { curl_free(s); }
};
using CurlString = std::unique_ptr<char, CurlStringDeleter>;

bool is_ipv4_loopback(std::string_view host) {
  // Exactly four decimal octets, the first one 127. A leading zero is refused: "127.0.0.08" is
  // no IPv4 address to libcurl (08 is not octal), so it would be looked up as a host name.
  int parts = 0;
  std::size_t i = 0;
  int first = -1;
  while (i <= host.size()) {
    std::size_t start = i;
    int value = 0;
    while (i < host.size() && host[i] >= '0' && host[i] <= '9' && i - start < 3) {
      value = value * 10 + (host[i] - '0');
      ++i;
    }
    if (i == start || value > 255 || (host[start] == '0' && i - start > 1)) return false;
    if (parts == 0) first = value;
    ++parts;
    if (i == host.size()) break;
    if (host[i] != '.') return false;
    ++i;
  }
  return parts == 4 && first == 127;
}

}  // namespace

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  return is_ipv4_loopback(host);
}

bool names_localhost(std::string_view url) {
  std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
  const std::string text(url);
  char* raw = nullptr;
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK ||
      curl_url_get(parsed.get(), CURLUPART_HOST, &raw, 0) != CURLUE_OK) {
    return false;
  }
  CurlString host(raw);
  return std::string_view(host.get()) == "localhost";
}

Status check_url_allowed(std::string_view url) {
  std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
  if (!parsed) return internal_error("out of memory parsing a URL");
  const std::string text(url);
  if (curl_url_set(parsed.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) {
    return config_error("'" + printable(text) +
                        "' is not a valid URL (expected https://host[:port])");
  }
  char* raw = nullptr;
  if (curl_url_get(parsed.get(), CURLUPART_SCHEME, &raw, 0) != CURLUE_OK) {
    return config_error("'" + printable(text) + "' has no scheme (expected https://)");
  }
  CurlString scheme(raw);
  raw = nullptr;
  if (curl_url_get(parsed.get(), CURLUPART_HOST, &raw, 0) != CURLUE_OK) {
    return config_error("'" + printable(text) + "' has no host");
  }
  CurlString host(raw);
  const std::string_view s(scheme.get());
  if (s == "https") return Status::Ok();
  if (s == "http") {
    if (is_loopback_host(host.get())) return Status::Ok();
    return config_error("refusing plain http:// to " + printable(host.get()) +
                        ": only https:// is allowed except to this machine (127.0.0.1, ::1, "
                        "localhost)");
  }
  return config_error("unsupported URL scheme '" + printable(s) + "' in '" + printable(text) +
                      "' (expected https://)");
}

}  // namespace shelfnode::wix
