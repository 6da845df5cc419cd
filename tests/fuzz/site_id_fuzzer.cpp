// What an owner types at `connect`: a Site ID (the GUID or the dashboard URL it was copied
// from) and a base URL. The same text goes through parse_site_id and the URL policy.
// Invariants: an accepted Site ID is a lower-case 36-character GUID found in the text (from
// a dashboard URL only when the text is one); a URL the policy accepts is https, or http to
// a loopback host only (an IPv4 address in 127.0.0.0/8, ::1, localhost); anything
// refused is kConfig with a message.

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "shelfnode/wix/credentials.h"
#include "shelfnode/wix/url_policy.h"

namespace shelfnode::fuzz {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_guid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

// Independent of url_policy.cpp: the scheme the text starts with, lower-cased.
std::string scheme_of(std::string_view url) {
  const std::size_t colon = url.find(':');
  return colon == std::string_view::npos ? "" : lower(url.substr(0, colon));
}

// The host part of an http URL as written: after the scheme's ':' and its slashes (libcurl
// takes one to three), and any "user@", up to the port, path, query or fragment.
std::string host_of(std::string_view url) {
  const std::size_t colon = url.find(':');
  if (colon == std::string_view::npos) return "";
  std::string_view rest = url.substr(colon + 1);
  while (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  const std::size_t at = rest.rfind('@');
  if (at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (!rest.empty() && rest.front() == '[') return std::string(rest.substr(0, rest.find(']') + 1));
  return std::string(rest.substr(0, rest.find(':')));
}

// The host names this machine. IPv4 is read the way the C library (and libcurl, which
// normalises "127.1" or "2130706433" to 127.0.0.x before connecting) reads it: inet_aton.
bool loopback_as_written(std::string_view host) {
  const std::string h = lower(host);
  if (h == "localhost" || h == "::1") return true;
  if (h.size() > 2 && h.front() == '[' && h.back() == ']') {
    const std::string inner = h.substr(1, h.find_first_of("%]") - 1);  // without a zone ID
    in6_addr addr6{};
    return inet_pton(AF_INET6, inner.c_str(), &addr6) == 1 && IN6_IS_ADDR_LOOPBACK(&addr6);
  }
  in_addr addr{};
  if (h.find('\0') != std::string::npos || inet_aton(h.c_str(), &addr) == 0) return false;
  return (ntohl(addr.s_addr) >> 24) == 127;
}

}  // namespace
}  // namespace shelfnode::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelfnode;
  using namespace shelfnode::fuzz;
  const std::string_view text = as_text(data, size);

  Result<wix::SiteId> site = wix::parse_site_id(text);
  if (site.ok()) {
    FUZZ_CHECK(is_guid(site->guid) && site->guid == lower(site->guid));
    FUZZ_CHECK(lower(text).find(site->guid) != std::string::npos);
    if (site->from_url) {
      FUZZ_CHECK(lower(text).find("https://manage.wix.com/dashboard/" + site->guid) !=
                 std::string::npos);
    }
  } else {
    FUZZ_CHECK(site.status().code() == Code::kConfig);
    FUZZ_CHECK_MESSAGE(site.status());
  }

  const Status url = wix::check_url_allowed(text);
  if (url.ok()) {
    // libcurl reads the URL as a C string, here and when it connects: what it checks and
    // uses ends at the first NUL (no config.json string or argv can hold one).
    const std::string_view seen = text.substr(0, text.find('\0'));
    const std::string scheme = scheme_of(seen);
    FUZZ_CHECK(scheme == "https" || scheme == "http");
    if (scheme == "http") {
      const std::string host = host_of(seen);
      FUZZ_CHECK(loopback_as_written(host));
    }
  } else {
    FUZZ_CHECK(url.code() == Code::kConfig || url.code() == Code::kInternal);
    FUZZ_CHECK_MESSAGE(url);
  }
  const bool loopback = wix::is_loopback_host(text);
  if (loopback) FUZZ_CHECK(loopback_as_written(text));
  return 0;
}
