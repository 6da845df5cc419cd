#include "shelfnode/wix/tls_rules.h"

#include "shelfnode/wix/url_policy.h"

namespace shelfnode::wix {

void apply_tls_rules(CURL* handle, std::string_view url, const std::string& ca_file) {
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "https,http");
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);  // DESIGN §4.8: always on
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!ca_file.empty()) curl_easy_setopt(handle, CURLOPT_CAINFO, ca_file.c_str());
  // `localhost` resolves to ::1 and 127.0.0.1; what shelfnode talks to there (the Wix
  // emulator, a test server) listens on 127.0.0.1 only, and a name rather than the address
  // is what mbedTLS can match a certificate against (it does not match IP-address SANs).
  if (names_localhost(url)) curl_easy_setopt(handle, CURLOPT_IPRESOLVE, CURL_IPRESOLVE_V4);
}

}  // namespace shelfnode::wix
