#pragma once

#include <curl/curl.h>

#include <string>
#include <string_view>

namespace shelfnode::wix {

// The TLS rules every libcurl handle of shelfnode follows (DESIGN §4.8), set in one place so
// the Wix client and the OTA downloader cannot drift apart: http(s) only (check_url_allowed
// keeps plain http to this machine), peer and host verification always on, `ca_file` when
// given (else the system store), and IPv4 for the name `localhost`.
void apply_tls_rules(CURL* handle, std::string_view url, const std::string& ca_file);

}  // namespace shelfnode::wix
